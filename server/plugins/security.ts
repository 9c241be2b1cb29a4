import type { HelmetOptions } from 'helmet'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import { CODE_LOADER_CSP } from '../lib/page-code'

export const PERMISSIONS_POLICY = 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()'

/**
 * The headers helmet sends for `options`, worked out once. @fastify/helmet builds helmet's middleware anew for every
 * request (parsing the policy each time): 9 % of the server's time for a health check, 3 % for a public read. The
 * headers are the same for every response, so helmet is run once against a recorder and its headers sent as they are.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): { set: Record<string, string>, remove: string[] } {
  const set: Record<string, string> = {}
  const remove: string[] = []
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value)
        ? value.join(', ')
        : String(value)
    },
    removeHeader(name: string) {
      remove.push(name.toLowerCase())
    },
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error)
      throw error
  })
  return { set, remove }
}

/**
 * Strict CSP that the built app satisfies: no external hosts, and no inline script but the one that loads a rendered
 * page's code after its first paint (lib/page-code.ts), allowed by its hash.
 * Vue and Vant set styles through the CSSOM (not blocked by CSP); fonts may be data: URLs.
 */
export default fp(async (app) => {
  const https = app.config.publicOrigin?.startsWith('https://') === true
  const { set, remove } = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\'', CODE_LOADER_CSP],
        'style-src': ['\'self\''],
        'img-src': ['\'self\'', 'data:', 'blob:'],
        'font-src': ['\'self\'', 'data:'],
        'connect-src': ['\'self\''],
        'manifest-src': ['\'self\''],
        'worker-src': ['\'self\''],
        'object-src': ['\'none\''],
        'base-uri': ['\'self\''],
        'form-action': ['\'self\''],
        'frame-ancestors': ['\'none\''],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    // HSTS when the public address is https (a demo or LAN install over plain http sends none).
    strictTransportSecurity: https
      ? { maxAge: 31536000, includeSubDomains: true }
      : false,
  })
  // Powerful features: location only for this origin (the benefits' "near me"); camera, microphone, payment and
  // the rest off for everyone.
  const headers = { ...set, 'permissions-policy': PERMISSIONS_POLICY }
  // On every response, the not-found and error answers included (a root hook applies to them too).
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers)
    for (const name of remove)
      reply.removeHeader(name)
  })
}, { name: 'security' })
