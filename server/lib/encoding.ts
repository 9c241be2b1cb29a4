// Bodies held in memory (the app shell, kept public answers), sent in the encoding the client prefers. Each
// compressed form is made once, when first asked for, unless the build already made it.
import type { FastifyReply } from 'fastify'
import type { Buffer } from 'node:buffer'
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'

export type Encoding = 'br' | 'gzip' | 'identity'
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity']
/** Answers smaller than this are sent as they are by default (as @fastify/compress does). */
const COMPRESS_FROM = 1024

/** One body and whichever of its compressed forms have been made. */
export class EncodedBody {
  private readonly forms: Partial<Record<Encoding, Buffer>>

  constructor(readonly identity: Buffer, made: Partial<Record<'br' | 'gzip', Buffer | undefined>> = {}, private readonly compressFrom = COMPRESS_FROM) {
    this.forms = { identity }
    if (made.br)
      this.forms.br = made.br
    if (made.gzip)
      this.forms.gzip = made.gzip
  }

  /** Bytes held, all forms together. */
  get size(): number {
    return Object.values(this.forms).reduce((n, b) => n + b.length, 0)
  }

  /** The body in this encoding (made now if it is the first time), or as it is when too small to gain. */
  in(encoding: Encoding): Buffer {
    if (this.identity.length < this.compressFrom && !this.forms[encoding])
      return this.identity
    this.forms[encoding] ??= encoding === 'br'
      ? brotliCompressSync(this.identity, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: this.identity.length },
        })
      : gzipSync(this.identity, { level: 9 })
    return this.forms[encoding]
  }
}

/**
 * Sends a body held in memory in the encoding the request prefers, with `Vary: Accept-Encoding` and its ETag (the
 * global @fastify/etag hook then answers 304 to a matching If-None-Match, and @fastify/compress leaves it alone).
 */
export function sendEncoded(reply: FastifyReply, body: EncodedBody, contentType: string, etag: string | undefined, vary = 'accept-encoding'): FastifyReply {
  const accepted = reply.request.headers['accept-encoding']
  const encoding = (accepted
    ? negotiate(accepted, ENCODINGS) as Encoding | null
    : null) ?? 'identity'
  const payload = body.in(encoding)
  reply.header('content-type', contentType).header('vary', vary)
  if (etag)
    reply.header('etag', etag)
  if (payload !== body.identity)
    reply.header('content-encoding', encoding)
  return reply.send(payload)
}
