// Domain services the routes need, built once at start-up from the repositories (like the repositories themselves).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createFirmCertificateService } from '../services/firm-certificate'
import { createIntakeService } from '../services/intake'
import { createOneTimeCodes } from '../services/one-time-codes'
import { createPersonalReportService } from '../services/personal-report'

function createServices(app: FastifyInstance) {
  const codes = createOneTimeCodes({
    config: app.config,
    log: app.log,
    sms: app.sms,
    personal: app.repos.personal,
  })
  return {
    personalReport: createPersonalReportService({
      config: app.config,
      codes,
      personal: app.repos.personal,
      credit: app.repos.credit,
      benefits: app.repos.benefits,
    }),
    firmCertificate: createFirmCertificateService({
      config: app.config,
      codes,
      personal: app.repos.personal,
      certificates: app.repos.certificates,
    }),
    intake: createIntakeService({
      repo: app.repos.intake,
      secret: app.config.secret,
      maxFileBytes: app.config.intakeMaxFileBytes,
      log: app.log,
      now: () => app.config.clock(),
      // Kept public answers (registered after this plugin) are forgotten when an import changes what the public sees.
      onPublicChange: () => {
        if (app.hasDecorator('answers'))
          app.answers.clear()
      },
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
  const services = createServices(app)
  app.decorate('services', services)
  // An import being checked or written finishes before the database closes; one cut off by a stop is closed at start.
  app.addHook('onClose', async () => services.intake.settled())
  const interrupted = await services.intake.recover()
  if (interrupted > 0)
    app.log.warn({ interrupted }, 'intake: imports cut off by the last stop were closed')
}, {
  name: 'services',
  dependencies: ['database'],
})
