// Pictures (activity photos, article covers), served from MEDIA_DIR, outside the web root. Names are random and
// content never changes under a name. Demo pictures are drawn on first request. Each is also served at the sizes of
// common/media.ts (media/variants.ts), with the same access as its original.
// A picture residents can see (published activity, article on show) is public and immutable. Any other (a draft's
// photo, one of a withdrawn activity, a cover not yet published) is shown only to admins and to the staff of the
// street it belongs to, never cached, and marked so that the service worker keeps it out of its cache; to anyone
// else it does not exist.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { MediaFormat } from '#common/media'
import { createReadStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { mediaWidths } from '#common/media'
import { AppError } from '../errors'
import { writeAside } from '../lib/files'
import { serve } from '../lib/serve'
import { todayInShanghai } from '../lib/time'
import { createVariantStore, writeVariants } from '../media/variants'
import { media as mediaEndpoint, mediaVariant as mediaVariantEndpoint } from '../schemas/endpoints'
import { SCENES } from '../seed/data/types'
import { renderIllustration } from '../seed/illustrations'

/** Says whether a picture may be cached for everyone ('public') or not ('staff'); the service worker reads it. */
export const MEDIA_ACCESS_HEADER = 'x-media-access'

const media: FastifyPluginAsync = async (app) => {
  const dir = app.config.mediaDir
  await mkdir(dir, { recursive: true })
  // Several requests for a not-yet-drawn picture share one drawing.
  const drawing = new Map<string, Promise<void>>()

  async function ensureFile(row: { id: number, name: string, scene: string | null, seed: string | null, width: number, height: number }, path: string): Promise<boolean> {
    try {
      await stat(path)
      return true
    }
    catch {}
    const scene = SCENES.find(s => s === row.scene)
    if (!scene || !row.seed)
      return false
    let job = drawing.get(row.name)
    if (!job) {
      job = (async () => {
        const picture = await renderIllustration(scene, row.seed!, { width: row.width, height: row.height })
        await writeAside(path, picture.data)
        await writeVariants(dir, row.name, picture.data, row.width)
        await app.repos.media.markDrawn(row.id, picture.data.length)
      })().finally(() => drawing.delete(row.name))
      drawing.set(row.name, job)
    }
    await job
    return true
  }

  const variantPath = createVariantStore(dir)

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
    const path = join(dir, name)
    if (!await ensureFile(row, path))
      throw new AppError(404, 'NOT_FOUND')
    return { row, isPublic, path }
  }

  function send(reply: FastifyReply, path: string, contentType: string, isPublic: boolean) {
    return reply
      .header('content-type', contentType)
      .header('cache-control', isPublic
        ? 'public, max-age=31536000, immutable'
        : 'private, no-store')
      .header(MEDIA_ACCESS_HEADER, isPublic
        ? 'public'
        : 'staff')
      .header('content-disposition', 'inline')
      .send(createReadStream(path))
  }

  serve(app, mediaEndpoint, async (request, reply) => {
    const { row, isPublic, path } = await readable(request, request.params.name)
    return send(reply, path, row.content_type, isPublic)
  })

  // A size the picture is not wide enough for does not exist (the app asks only for those a MediaRef lists).
  serve(app, mediaVariantEndpoint, async (request, reply) => {
    const { row, isPublic } = await readable(request, request.params.name)
    const [width, format] = request.params.variant.split('.') as [string, MediaFormat]
    const size = mediaWidths(row.width).find(w => w === Number(width))
    if (size === undefined)
      throw new AppError(404, 'NOT_FOUND')
    const path = await variantPath(row.name, size, format)
    return send(reply, path, format === 'webp'
      ? 'image/webp'
      : 'image/jpeg', isPublic)
  })
}
export default media
