import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, watch } from 'node:fs'
import { basename, join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { PAGE_SECTIONS, pageAnswer } from '#common/pages'

// Files that must be revalidated on every load so a deploy reaches users (and the SW can update).
const NO_CACHE = new Set([
  'index.html',
  'sw.js',
  'registerSW.js',
  'manifest.webmanifest',
])

/** A Vite output under assets/ whose name carries its content hash: `name-HASH.ext`, the hash 8+ of [A-Za-z0-9_-]. */
function isHashedAsset(path: string): boolean {
  const parts = path.replace(/\\/g, '/').split('/')
  const name = parts.at(-1) ?? ''
  const dot = name.lastIndexOf('.')
  if (parts.at(-2) !== 'assets' || dot < 1 || !/^\w+$/.test(name.slice(dot + 1)))
    return false
  const stem = name.slice(0, dot)
  // The hash is within the stem's trailing run of word characters and dashes; it starts after the run's first dash.
  let run = stem.length
  while (run > 0 && /[\w-]/.test(stem.charAt(run - 1)))
    run--
  const dash = stem.indexOf('-', Math.max(run, 1))
  return dash > 0 && stem.length - dash - 1 >= 8
}

export function cacheControlFor(file: string): string {
  // A precompressed copy is cached like the file it stands for.
  const path = file.replace(/\.(?:br|gz)$/, '')
  const name = basename(path)
  if (NO_CACHE.has(name) || name.startsWith('workbox-'))
    return 'no-cache'
  if (isHashedAsset(path))
    return 'public, max-age=31536000, immutable'
  return 'public, max-age=86400'
}

/** The app shell (index.html) in memory, in each encoding: every page of the app is answered with it. */
function loadShell(root: string) {
  const html = readFileSync(join(root, 'index.html'))
  // The build writes the compressed copies; a hand-made dist/ (tests, a quick fix) gets them made here, once.
  const copy = (ext: string, make: () => Buffer) => existsSync(join(root, `index.html.${ext}`))
    ? readFileSync(join(root, `index.html.${ext}`))
    : make()
  return {
    etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
    bodies: {
      br: copy('br', () => brotliCompressSync(html)),
      gzip: copy('gz', () => gzipSync(html, { level: 9 })),
      identity: html,
    },
  }
}

/** Serves the built app from dist/ with the cache policy above, and the app shell for the app's pages. */
export default fp(async (app) => {
  const root = app.config.distDir
  const hasApp = existsSync(join(root, 'index.html'))
  if (!hasApp) {
    app.log.warn({ root }, 'no built app found: run `npm run build` (API only)')
    return
  }
  let shell = loadShell(root)
  // A new build written into dist/ under a running server is answered from then on: the shell follows index.html.
  let reload: NodeJS.Timeout | undefined
  const watcher = watch(root, (_event, name) => {
    if (!name?.startsWith('index.html'))
      return
    clearTimeout(reload)
    reload = setTimeout(() => {
      try {
        shell = loadShell(root)
      }
      catch {} // mid-write or removed: keep answering the last complete one
    }, 100)
  })
  watcher.on('error', () => watcher.close())
  app.addHook('onClose', async () => {
    clearTimeout(reload)
    watcher.close()
  })
  app.decorateReply('sendShell', function (this: FastifyReply, status: 200 | 404) {
    const request = this.request
    this.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding').header('etag', shell.etag)
    if (status === 200 && request.headers['if-none-match'] === shell.etag)
      return this.code(304).send()
    const accepted = request.headers['accept-encoding']
    const encoding = (accepted
      ? negotiate(accepted, ['br', 'gzip', 'identity'])
      : 'identity') as keyof typeof shell.bodies | null
    if (encoding && encoding !== 'identity')
      this.header('content-encoding', encoding)
    return this.send(shell.bodies[encoding ?? 'identity'])
  })
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    // The build writes .br and .gz beside the hashed assets: sent as they are, compressed once.
    preCompressed: true,
    setHeaders(reply, path) {
      reply.header('cache-control', cacheControlFor(path))
    },
  })
  // The app's own sections answer the shell from memory, without looking for a file first.
  const page = async (request: FastifyRequest, reply: FastifyReply) => pageAnswer(request.url.split('?')[0] ?? '/') === 'page'
    ? reply.sendShell(200)
    : reply.callNotFound()
  app.get('/', page)
  for (const section of PAGE_SECTIONS.filter(s => s !== '')) {
    app.get(`/${section}`, page)
    app.get(`/${section}/*`, page)
  }
  app.decorate('hasApp', true)
}, { name: 'static' })

declare module 'fastify' {
  interface FastifyInstance {
    hasApp?: boolean
  }
  interface FastifyReply {
    /** Answers the app shell (index.html) with this status, compressed as the client prefers. */
    sendShell: (status: 200 | 404) => FastifyReply
  }
}
