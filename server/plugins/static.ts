import type { FastifyReply, FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, watch } from 'node:fs'
import { basename, join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { PAGE_SECTIONS, pageAnswer } from '#common/pages'
import { EncodedBody, sendEncoded } from '../lib/encoding'

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
  // The build writes the compressed copies; a hand-made dist/ (tests, a quick fix) gets them made on first use.
  const copy = (ext: string) => existsSync(join(root, `index.html.${ext}`))
    ? readFileSync(join(root, `index.html.${ext}`))
    : undefined
  const made = {
    br: copy('br'),
    gzip: copy('gz'),
  }
  return {
    etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
    // Always compressed, however small: the shell is the first thing every visit loads.
    body: new EncodedBody(html, made, 0),
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
  app.decorate('shellHtml', () => shell.body.identity.toString('utf8'))
  app.decorateReply('sendShell', function (this: FastifyReply, status: 200 | 404) {
    return sendEncoded(this.code(status).header('cache-control', 'no-cache'), shell.body, 'text/html; charset=utf-8', shell.etag)
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
  // Rendered by the server when it can be (plugins/render.ts, registered after this one), else the shell.
  const page = async (request: FastifyRequest, reply: FastifyReply) => pageAnswer(request.url.split('?')[0] ?? '/') === 'page'
    ? reply.sendPage(request)
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
    /** The app shell as it is now (index.html; a new build replaces it): the server renderer fills it in. */
    shellHtml: () => string
  }
  interface FastifyReply {
    /** Answers the app shell (index.html) with this status, compressed as the client prefers. */
    sendShell: (status: 200 | 404) => FastifyReply
  }
}
