// Domain services the routes need, built once at start-up from the repositories (like the repositories themselves).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createCaseService } from '../services/cases'
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
  // Kept public answers (registered after this plugin) are forgotten when a change alters what the public sees.
  const onPublicChange = () => {
    if (app.hasDecorator('answers'))
      app.answers.clear()
  }
  const cases = createCaseService({
    config: app.config,
    codes,
    cases: app.repos.cases,
    personal: app.repos.personal,
    certificates: app.repos.certificates,
    store: app.mediaStore,
    onPublicChange,
  })
  return {
    cases,
    personalReport: createPersonalReportService({
      config: app.config,
      codes,
      cases,
      personal: app.repos.personal,
      credit: app.repos.credit,
      benefits: app.repos.benefits,
    }),
    firmCertificate: createFirmCertificateService({
      config: app.config,
      codes,
      cases,
      personal: app.repos.personal,
      certificates: app.repos.certificates,
    }),
    intake: createIntakeService({
      repo: app.repos.intake,
      secret: app.config.secret,
      maxFileBytes: app.config.intakeMaxFileBytes,
      log: app.log,
      now: () => app.config.clock(),
      onPublicChange,
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
