import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'kysely'
import { serve } from '../lib/serve'
import { health as healthEndpoint, openapi } from '../schemas/endpoints'

const health: FastifyPluginAsync = async (app) => {
  serve(app, healthEndpoint, async (_request, reply) => {
    let database = false
    try {
      await sql`select 1`.execute(app.db)
      database = true
    }
    catch (err) {
      app.log.error({ err }, 'health: database check failed')
    }
    reply.header('cache-control', 'no-store')
    return reply.status(database ? 200 : 503).send({
      status: database ? 'ok' : 'degraded',
      version: app.config.version,
      database,
      time: new Date().toISOString(),
    })
  })

  // The OpenAPI description of the whole API (app.ts registers @fastify/swagger before the routes).
  serve(app, openapi, async (_request, reply) => reply.type('application/json; charset=utf-8').send(app.swagger()))
}
export default health
