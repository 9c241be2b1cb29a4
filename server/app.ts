// Builds the Fastify application. server.ts starts it; tests build it and call app.inject().
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from './config'
import type { SmsSender, TestSmsSender } from './sms/index'
import { constants as zlibConstants } from 'node:zlib'
import compress from '@fastify/compress'
import etag from '@fastify/etag'
import swagger from '@fastify/swagger'
import Fastify from 'fastify'
import { pageAnswer } from '#common/pages'
import { decorateAccess, requireDeclaredRoutes } from './lib/serve'
import { createValidatorCompiler } from './lib/validation'
import answerCache from './plugins/answer-cache'
import database from './plugins/database'
import errors, { sendError } from './plugins/errors'
import idleCollect from './plugins/idle-collect'
import render from './plugins/render'
import security from './plugins/security'
import services from './plugins/services'
import sessions from './plugins/sessions'
import staticApp from './plugins/static'
import adminUserRoutes from './routes/admin-users'
import authRoutes from './routes/auth'
import caseRoutes from './routes/cases'
import contentRoutes from './routes/content'
import health from './routes/health'
import intakeRoutes from './routes/intake'
import kioskRoutes from './routes/kiosk'
import media from './routes/media'
import personalRoutes from './routes/personal'
import publicRoutes from './routes/public'
import staffRoutes from './routes/staff'
import statsRoutes from './routes/stats'
import { createSmsSender } from './sms/index'

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender | TestSmsSender
    config: Config
  }
}

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent'
      ? false
      : {
          level: config.logLevel,
          redact: ['req.headers.cookie', 'req.headers.authorization'],
          // The path only: query strings carry search terms and the near-me position, which must not sit in a log
          // beside the client's address (personal data in request bodies is never logged either).
          serializers: {
            req: (request: FastifyRequest) => ({
              method: request.method,
              url: request.url.split('?')[0],
              remoteAddress: request.ip,
            }),
          },
        },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // Errors the router raises before any hook runs (malformed %-encoding, over-long path parameter): answer them in
    // the same envelope as every other error instead of Fastify's raw body. Hooks do not run, so set the basics here.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 500
      reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff')
      if (status >= 500) {
        request.log.error({ err: error }, 'router error')
        return sendError(request, reply, 500, 'INTERNAL')
      }
      return sendError(request, reply, status, 'BAD_REQUEST')
    },
  })

  // Query strings coerced, JSON bodies not, body text cleaned (lib/validation.ts).
  app.setValidatorCompiler(createValidatorCompiler())
  app.decorate('config', config)
  app.decorate('sms', createSmsSender(config, app.log))
  // Every response names its request so a resident's "it failed" can be matched to a log line.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  // While closing, answers to requests still in flight end their connection: a keep-alive client would otherwise
  // hold the server open until its idle timeout (Fastify closes only the connections idle when close begins).
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing)
      reply.header('connection', 'close')
  })

  await app.register(errors)
  await app.register(security)
  // Weak ETags (same content in any encoding) on JSON bodies, so revisits get a 304; registered before compress so
  // it hashes the JSON, not a stream. Error bodies get one too, harmlessly: they are no-store.
  await app.register(etag, { weak: true })
  await app.register(compress, {
    global: true,
    threshold: 1024,
    // Quality 4: most of brotli's gain at a fraction of its CPU, for answers compressed on every request.
    brotliOptions: {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 },
    },
    encodings: ['br', 'gzip'],
  })
  await app.register(database)
  await app.register(sessions)
  await app.register(services)
  await app.register(answerCache)
  await app.register(idleCollect)
  decorateAccess(app)

  // The API described as OpenAPI 3 from the same route schemas (served at /api/openapi.json: routes/health.ts).
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '信用长宁 · Credit Changning API',
        description: 'Every endpoint, generated from the schemas the server validates and answers with. Department systems deliver 双公示 records to POST /api/intake/permissions and /api/intake/penalties with their source token.',
        version: app.config.version,
      },
      components: {
        securitySchemes: {
          sourceToken: { type: 'http', scheme: 'bearer', description: 'A source token (npm run intake:source -- create)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'session',
            description: 'A staff sign-in (POST /api/auth/login)',
          },
        },
      },
    },
  })

  await app.register(async (api) => {
    requireDeclaredRoutes(api)
    await api.register(health)
    await api.register(publicRoutes)
    await api.register(personalRoutes)
    await api.register(caseRoutes)
    await api.register(kioskRoutes)
    await api.register(authRoutes)
    await api.register(adminUserRoutes)
    await api.register(staffRoutes)
    await api.register(statsRoutes)
    await api.register(contentRoutes)
    await api.register(media)
    await api.register(intakeRoutes)
  }, { prefix: '/api' })

  await app.register(staticApp)
  await app.register(render)

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (path === '/api' || path.startsWith('/api/'))
      return sendError(request, reply, 404, 'ROUTE_NOT_FOUND')
    const answer = pageAnswer(path)
    if ((request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/assets/') && answer !== 'not-found' && app.hasApp) {
      // The app's own routes get the shell; other paths get it too (the app says "not found"), but with a 404.
      return reply.sendShell(answer === 'page'
        ? 200
        : 404)
    }
    return sendError(request, reply, 404, 'NOT_FOUND')
  })

  return app
}
