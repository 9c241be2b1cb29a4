// Pictures (activity photos, article covers), served from the media store (media/store.ts), outside the web root.
// Names are random and content never changes under a name. Demo pictures are drawn on first request. Each is also
// served at the sizes of common/media.ts (media/variants.ts), with the same access as its original.
// A picture residents can see (published activity, article on show) is public and immutable. Any other (a draft's
// photo, one of a withdrawn activity, a cover not yet published) is shown only to admins and to the staff of the
// street it belongs to, never cached, and marked so that the service worker keeps it out of its cache; to anyone
// else it does not exist.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Buffer } from 'node:buffer'
import type { MediaFormat } from '#common/media'
import { mediaWidths } from '#common/media'
import { AppError } from '../errors'
import { serve } from '../lib/serve'
import { todayInShanghai } from '../lib/time'
import { createVariantStore, writeVariants } from '../media/variants'
import { media as mediaEndpoint, mediaVariant as mediaVariantEndpoint } from '../schemas/endpoints'
import { SCENES } from '../seed/data/types'
import { renderIllustration } from '../seed/illustrations'

/** Says whether a picture may be cached for everyone ('public') or not ('staff'); the service worker reads it. */
export const MEDIA_ACCESS_HEADER = 'x-media-access'

const media: FastifyPluginAsync = async (app) => {
  const store = app.mediaStore
  // Several requests for a not-yet-drawn picture share one drawing.
  const drawing = new Map<string, Promise<Buffer>>()

  /** The picture's bytes; a demo picture is drawn (with its sizes) on its first request. Null: none stored. */
  async function original(row: { id: number, name: string, scene: string | null, seed: string | null, width: number, height: number }): Promise<Buffer | null> {
    const stored = await store.read(row.name)
    if (stored)
      return stored
    const scene = SCENES.find(s => s === row.scene)
    if (!scene || !row.seed)
      return null
    let job = drawing.get(row.name)
    if (!job) {
      job = (async () => {
        const picture = await renderIllustration(scene, row.seed!, { width: row.width, height: row.height })
        await store.write(row.name, picture.data)
        await writeVariants(store, row.name, picture.data, row.width)
        await app.repos.media.markDrawn(row.id, picture.data.length)
        return picture.data
      })().finally(() => drawing.delete(row.name))
      drawing.set(row.name, job)
    }
    return job
  }

  const variantOf = createVariantStore(store)

  /** The picture's row and whether it is public; a 404 for anyone who may not see it. */
  async function readable(request: FastifyRequest, name: string) {
    const row = await app.repos.media.byName(name)
    if (!row)
      throw new AppError(404, 'NOT_FOUND')
    const isPublic = await app.repos.media.isPublic(row.id, todayInShanghai(app.config.clock()))
    if (!isPublic) {
      const account = await app.sessions.current(request)
      if (!account || !await app.repos.media.visibleTo(row.id, account))
        throw new AppError(404, 'NOT_FOUND')
    }
    return { row, isPublic }
  }

  function send(reply: FastifyReply, data: Buffer | null, contentType: string, isPublic: boolean) {
    if (!data)
      throw new AppError(404, 'NOT_FOUND')
    return reply
      .header('content-type', contentType)
      .header('cache-control', isPublic
        ? 'public, max-age=31536000, immutable'
        : 'private, no-store')
      .header(MEDIA_ACCESS_HEADER, isPublic
        ? 'public'
        : 'staff')
      .header('content-disposition', 'inline')
      .send(data)
  }

  serve(app, mediaEndpoint, async (request, reply) => {
    const { row, isPublic } = await readable(request, request.params.name)
    return send(reply, await original(row), row.content_type, isPublic)
  })

  // A size the picture is not wide enough for does not exist (the app asks only for those a MediaRef lists).
  serve(app, mediaVariantEndpoint, async (request, reply) => {
    const { row, isPublic } = await readable(request, request.params.name)
    // A demo picture not yet drawn is drawn first (with its sizes).
    if (!await store.has(row.name) && !await original(row))
      throw new AppError(404, 'NOT_FOUND')
    const [width, format] = request.params.variant.split('.') as [string, MediaFormat]
    const size = mediaWidths(row.width).find(w => w === Number(width))
    if (size === undefined)
      throw new AppError(404, 'NOT_FOUND')
    return send(reply, await variantOf(row.name, size, format), format === 'webp'
      ? 'image/webp'
      : 'image/jpeg', isPublic)
  })
}
export default media
