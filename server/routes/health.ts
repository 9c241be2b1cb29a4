import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Health } from '../schemas/resources'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      response: { 200: Health, 503: Health },
    },
  }, async (_request, reply) => {
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
}
export default health
