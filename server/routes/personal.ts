// The personal credit report and the authenticity check. Everything here is personal or security-relevant:
// answers are never stored by any cache (no-store), and rate limits count per subject and per client.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { noStore } from '../lib/guards'
import { requestOrigin } from '../lib/origin'
import { ErrorBody } from '../schemas/common'
import { Challenge, ChallengeRequest, PersonalReport, ReportRequest, ResendRequest, VerifyRequest, VerifyResult } from '../schemas/credit'
import { createPersonalReportService } from '../services/personal-report'

const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createPersonalReportService({
    config: app.config,
    log: app.log,
    sms: app.sms,
    personal: app.repos.personal,
    credit: app.repos.credit,
    benefits: app.repos.benefits,
  })

  const originOf = (request: FastifyRequest) => requestOrigin(app, request)

  noStore(app)

  app.post('/personal/challenges', {
    schema: {
      body: ChallengeRequest,
      response: { 201: Challenge, ...errors },
    },
  }, async (request, reply) => {
    const challenge = await service.requestCode(request.body, await originOf(request))
    return reply.status(201).send(challenge)
  })

  app.post('/personal/challenges/resend', {
    schema: {
      body: ResendRequest,
      response: { 200: Challenge, ...errors },
    },
  }, async request => service.resendCode(request.body.challenge, await originOf(request)))

  app.post('/personal/reports', {
    schema: {
      body: ReportRequest,
      response: { 201: PersonalReport, ...errors },
    },
  }, async (request, reply) => {
    const report = await service.issueReport(request.body.challenge, request.body.code, await originOf(request))
    return reply.status(201).send(report)
  })

  app.post('/reports/verify', {
    schema: {
      body: VerifyRequest,
      response: { 200: VerifyResult, ...errors },
    },
  }, async request => service.verify(request.body.number, request.body.code, await originOf(request)))

  // Test mode only (config refuses SMS_ADAPTER=test otherwise): the end-to-end tests read the codes here.
  const sms = app.sms
  if ('outbox' in sms) {
    app.get('/test/sms', {
      schema: {
        response: {
          200: Type.Array(Type.Object({
            to: Type.String(),
            code: Type.String(),
          })),
        },
      },
    }, async () => [...sms.outbox].reverse().map(m => ({ to: m.to, code: m.params.code })))
  }
}
export default routes
