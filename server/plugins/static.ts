import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

// Files that must be revalidated on every load so a deploy reaches users (and the SW can update).
const NO_CACHE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest'])

export function cacheControlFor(path: string): string {
  const name = basename(path)
  if (NO_CACHE.has(name) || name.startsWith('workbox-'))
    return 'no-cache'
  if (/\/assets\/[^/]+-[\w-]{8,}\.\w+$/.test(path.replace(/\\/g, '/')))
    return 'public, max-age=31536000, immutable'
  return 'public, max-age=86400'
}

/** Serves the built app from dist/ with the cache policy above, and the SPA fallback for app routes. */
export default fp(async (app) => {
  const root = app.config.distDir
  const hasApp = existsSync(join(root, 'index.html'))
  if (!hasApp) {
    app.log.warn({ root }, 'no built app found: run `npm run build` (API only)')
    return
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders(reply, path) {
      reply.header('cache-control', cacheControlFor(path))
    },
  })
  app.decorate('hasApp', true)
}, { name: 'static' })

declare module 'fastify' {
  interface FastifyInstance {
    hasApp?: boolean
  }
}
