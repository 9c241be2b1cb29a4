// Objections and credit repair: the applicant's side (attachments, filing, the lookup by tracking number and code)
// and the office's (list, case, decision, attachments). Personal throughout: answers are never stored by any cache.
import type { FastifyPluginAsync } from 'fastify'
import { Readable } from 'node:stream'
import { AppError } from '../errors'
import { serve } from '../lib/serve'
import { caseFileName } from '../media/case-files'
import { CASE_FILE_NAME_HEADER, CASE_GRANT_HEADER } from '../schemas/endpoint'
import * as endpoints from '../schemas/endpoints'

/** The file name as the device sent it (percent-encoded UTF-8), or none when it is missing or malformed. */
function fileName(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length > 400)
    return undefined
  try {
    return decodeURIComponent(header)
  }
  catch {
    return undefined
  }
}

const routes: FastifyPluginAsync = async (app) => {
  const cases = app.services.cases

  serve(app, endpoints.uploadCaseFile, async (request) => {
    const grant = request.headers[CASE_GRANT_HEADER]
    if (typeof grant !== 'string' || !/^[\w-]{20,64}$/.test(grant))
      throw new AppError(400, 'GRANT_EXPIRED')
    // Only a photo or PDF body arrives as a stream (Fastify's own parsers take JSON and plain text).
    const body: unknown = request.body
    if (!(body instanceof Readable))
      throw new AppError(415, 'ATTACHMENT_TYPE')
    const length = Number(request.headers['content-length'])
    return cases.addFile(grant, body, Number.isFinite(length)
      ? length
      : undefined, fileName(request.headers[CASE_FILE_NAME_HEADER]), request.query.purpose)
  }, { bodyLimit: Number.MAX_SAFE_INTEGER })
  serve(app, endpoints.fileObjection, async request => cases.fileObjection(request.body, request.origin))
  serve(app, endpoints.fileRepair, async request => cases.fileRepair(request.body, request.origin))
  serve(app, endpoints.addCaseDocuments, async request => cases.addDocuments(request.body, request.origin))
  serve(app, endpoints.requestCaseLookup, async request => cases.requestLookup(request.body.number, request.origin))
  serve(app, endpoints.openCase, async request => cases.open(request.body.challenge, request.body.code, request.origin))

  serve(app, endpoints.adminCases, async request => cases.list(request.query))
  serve(app, endpoints.adminCase, async request => cases.get(request.params.id))
  serve(app, endpoints.decideCase, async request => cases.decide(request.params.id, request.body, request.account.id))
  serve(app, endpoints.adminCaseFile, async (request, reply) => {
    const file = await cases.attachment(request.params.id, request.params.key)
    const data = await app.mediaStore.read(caseFileName(file.key, file.content_type))
    if (!data)
      throw new AppError(404, 'NOT_FOUND')
    return reply
      .type(file.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(data)
  })
}
export default routes
