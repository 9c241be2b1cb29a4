import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

/**
 * Strict CSP that the built app satisfies: no inline scripts, no external hosts.
 * Vue and Vant set styles through the CSSOM (not blocked by CSP); fonts may be data: URLs.
 */
export default fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\''],
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
    // HSTS only matters behind HTTPS; harmless over plain HTTP on a LAN.
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  })
}, { name: 'security' })
