// The personal credit report, a firm's own certificate, and the authenticity check of both. Everything here is personal or security-relevant:
// answers are never stored by any cache (access 'personal'), and rate limits count per subject and per client.
import type { FastifyPluginAsync } from 'fastify'
import { serve } from '../lib/serve'
import * as endpoints from '../schemas/endpoints'

const routes: FastifyPluginAsync = async (app) => {
  const service = app.services.personalReport
  const certificates = app.services.firmCertificate

  serve(app, endpoints.requestCode, async request => service.requestCode(request.body, request.origin))
  serve(app, endpoints.resendCode, async request => service.resendCode(request.body.challenge, request.origin))
  serve(app, endpoints.issueReport, async request => service.issueReport(request.body.challenge, request.body.code, request.origin))
  serve(app, endpoints.requestCertificateCode, async request => certificates.requestCode(request.body, request.origin))
  serve(app, endpoints.issueCertificate, async request => certificates.issue(request.body.challenge, request.body.code, request.body.years, request.origin))
  serve(app, endpoints.verifyReport, async ({ body, origin }) => /^\s*FC-/i.test(body.number)
    ? certificates.verify(body.number, body.code, origin)
    : service.verify(body.number, body.code, origin))

  // Test mode only (config refuses SMS_ADAPTER=test otherwise): the end-to-end tests read the codes here.
  const sms = app.sms
  if ('outbox' in sms)
    serve(app, endpoints.testSms, async () => [...sms.outbox].reverse().map(m => ({ to: m.to, code: m.params.code })))
}
export default routes
