// Domain services the routes need, built once at start-up from the repositories (like the repositories themselves).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createPersonalReportService } from '../services/personal-report'

function createServices(app: FastifyInstance) {
  return {
    personalReport: createPersonalReportService({
      config: app.config,
      log: app.log,
      sms: app.sms,
      personal: app.repos.personal,
      credit: app.repos.credit,
      benefits: app.repos.benefits,
    }),
  }
}
export type Services = ReturnType<typeof createServices>

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export default fp(async (app) => {
  app.decorate('services', createServices(app))
}, {
  name: 'services',
  dependencies: ['database'],
})
