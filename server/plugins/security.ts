import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'
import { CODE_LOADER_CSP } from '../lib/page-code'

export const PERMISSIONS_POLICY = 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()'

/**
 * Strict CSP that the built app satisfies: no external hosts, and no inline script but the one that loads a rendered
 * page's code after its first paint (lib/page-code.ts), allowed by its hash.
 * Vue and Vant set styles through the CSSOM (not blocked by CSP); fonts may be data: URLs.
 */
export default fp(async (app) => {
  const https = app.config.publicOrigin?.startsWith('https://') === true
  await app.register(helmet, {
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
  app.addHook('onSend', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY)
  })
}, { name: 'security' })
