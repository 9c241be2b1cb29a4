// Public answers kept in memory, ready to send: the JSON as serialised, its ETag, and each compressed form made once.
// A public read (a list, a detail, a search) that was answered moments ago is answered again without the database,
// the serialiser or the compressor; that is what keeps public reads fast while sign-ins and writes run beside them.
//
// What is kept: successful answers of public GET endpoints that did not set their own cache policy (an answer
// computed from a position sets no-store and is never kept), keyed by the URL as sent. What empties it: every
// successful change made through this server that may alter a public answer (every signed-in change except those
// declared `keepsPublic`), at once; and age (PUBLIC_CACHE_SECONDS), which bounds how long a change made elsewhere
// (another node, a command-line tool) or the passing of a date may go unseen. 0 turns it off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Buffer } from 'node:buffer'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import { EncodedBody, sendEncoded } from '../lib/encoding'

interface Entry {
  contentType: string
  etag: string | undefined
  body: EncodedBody
  /** What the route keeps for its own use on a hit (the benefit detail counts a view of this id); null if nothing. */
  result: unknown
}

/** Which changes empty the cache: signed-in changes, unless declared not to touch public answers. */
const CHANGES_PUBLIC = new Set(['session', 'staff', 'street', 'admin'])

function createAnswerCache(app: FastifyInstance) {
  const seconds = app.config.publicCacheSeconds
  const entries = new LRUCache<string, Entry>({
    max: 2000,
    // Bounded by bytes too: the JSON and whichever compressed forms were made.
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: entry => entry.body.size + 256,
    ttl: seconds * 1000,
  })
  /** Bumped by every change: an answer computed while a change was made is not kept. */
  let generation = 0

  return {
    enabled: seconds > 0,
    /** Marks the start of a request whose answer may be kept. */
    begin(request: FastifyRequest): void {
      request.cacheGeneration = generation
    },
    /** The kept answer for this URL, if there is one. */
    lookup(request: FastifyRequest): Entry | undefined {
      return entries.get(request.url)
    },
    /** Sends a kept answer in the encoding the client prefers. */
    send(reply: FastifyReply, entry: Entry): FastifyReply {
      return sendEncoded(reply.code(200), entry.body, entry.contentType, entry.etag)
    },
    /** Keeps an answer just serialised, unless a change was made since its request began. */
    keep(request: FastifyRequest, reply: FastifyReply, payload: unknown, result: unknown): void {
      if (request.cacheGeneration !== generation || reply.statusCode !== 200 || typeof payload !== 'string')
        return
      entries.set(request.url, {
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        etag: reply.getHeader('etag') as string | undefined,
        body: new EncodedBody(Buffer.from(payload)),
        result,
      })
    },
    /** Keeps a body made outside a route (a rendered page), unless a change was made since its request began. */
    keepBody(request: FastifyRequest, entry: Entry): void {
      if (request.cacheGeneration === generation)
        entries.set(request.url, entry)
    },
    clear(): void {
      generation++
      entries.clear()
    },
    get size(): number {
      return entries.size
    },
  }
}
export type AnswerCache = ReturnType<typeof createAnswerCache>

declare module 'fastify' {
  interface FastifyInstance {
    answers: AnswerCache
  }
  interface FastifyRequest {
    /** The cache generation when this request began (public GETs only). */
    cacheGeneration: number
  }
}

export default fp(async (app) => {
  const cache = createAnswerCache(app)
  app.decorate('answers', cache)
  app.decorateRequest('cacheGeneration', -1)
  // A change that succeeded may have altered public answers: forget them all (they are rebuilt on the next read).
  // Done as the answer is sent, so that whoever reads next, having seen it, reads what it changed.
  app.addHook('onSend', async (request, reply, payload) => {
    const spec = request.routeOptions.config.endpoint
    if (spec && spec.method !== 'GET' && reply.statusCode < 400 && CHANGES_PUBLIC.has(spec.access) && !spec.keepsPublic)
      cache.clear()
    return payload
  })
}, { name: 'answer-cache' })
