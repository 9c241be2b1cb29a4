// The staff portal's activities: street staff write and submit their street's activities (only theirs: 403
// otherwise), upload photos, preview Markdown; district admins see everything and approve, return with a note, or
// withdraw. Every change needs the CSRF header; every admin decision is in the admin audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Account } from '../repositories/accounts'
import type { StaffActivityRecord } from '../repositories/staff-activities'
import type { ActivityInput } from '../schemas/staff'
import { Buffer } from 'node:buffer'
import { Type } from 'typebox'
import { AppError } from '../errors'
import { noStore, requireAdmin, requireCsrfHeader, requirePlainIds, requireUser } from '../lib/guards'
import { renderMarkdown } from '../lib/markdown'
import { toShanghaiIso } from '../lib/time'
import { MAX_UPLOAD_BYTES, storePicture, UploadError } from '../media/upload'
import { ErrorBody, IdParams } from '../schemas/common'
import { CreateActivityRequest, PreviewRequest, PreviewResult, ReturnRequest, StaffActivity, StaffActivityList, StaffActivityQuery, StaffPhoto, UploadQuery } from '../schemas/staff'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
}
const ID = { params: IdParams }

/** Strips the fields only the server uses. */
function publicShape({ streetId: _s, authorId: _a, ...activity }: StaffActivityRecord) {
  return activity
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  requireCsrfHeader(app)
  requirePlainIds(app)
  noStore(app)
  const repo = app.repos.staffActivities

  // Photos arrive as the raw image body (the app resizes them first); the bytes decide what they are.
  app.addContentTypeParser(['image/jpeg', 'image/webp', 'image/png'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => {
    done(null, body)
  })

  /** The activity, if this user may see it: staff only their own street's (403 otherwise). */
  async function visible(user: Account, id: number): Promise<StaffActivityRecord> {
    const activity = await repo.byId(id)
    if (!activity)
      throw new AppError(404, 'NOT_FOUND')
    if (user.role !== 'admin' && activity.streetId !== user.streetId)
      throw new AppError(403, 'FORBIDDEN')
    return activity
  }

  /** Checks the input and returns it with both times written the one stored way (Shanghai, +08:00). */
  async function checkInput(user: Account, input: ActivityInput, activityId: number | null): Promise<ActivityInput> {
    const starts = Date.parse(input.startsAt)
    const ends = Date.parse(input.endsAt)
    if (Number.isNaN(starts) || Number.isNaN(ends)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        {
          field: Number.isNaN(starts)
            ? 'body.startsAt'
            : 'body.endsAt',
          reason: 'not a time',
        },
      ])
    }
    if (ends < starts) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.endsAt', reason: 'ends before it starts' },
      ])
    }
    if (new Set(input.photoIds).size !== input.photoIds.length) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.photoIds', reason: 'a photo is listed twice' },
      ])
    }
    const usable = await repo.usablePhotos(input.photoIds, user, activityId)
    if (usable.length !== input.photoIds.length) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.photoIds', reason: 'unknown photo, or not yours' },
      ])
    }
    return {
      ...input,
      startsAt: toShanghaiIso(new Date(starts)),
      endsAt: toShanghaiIso(new Date(ends)),
    }
  }

  const staffUser = (request: FastifyRequest) => requireUser(app, request)

  app.get('/staff/activities', {
    schema: {
      querystring: StaffActivityQuery,
      response: { 200: StaffActivityList, ...errors },
    },
  }, async (request) => {
    const user = await staffUser(request)
    const items = await repo.list({
      ...(user.role === 'admin'
        ? {}
        : { streetId: user.streetId ?? -1 }),
      ...(request.query.status
        ? { status: request.query.status }
        : {}),
    })
    return {
      items: items.map(publicShape),
    }
  })

  app.get('/staff/activities/:id', {
    schema: {
      ...ID,
      response: { 200: StaffActivity, ...errors },
    },
  }, async request => publicShape(await visible(await staffUser(request), request.params.id)))

  app.post('/staff/activities', {
    schema: {
      body: CreateActivityRequest,
      response: { 200: StaffActivity, 201: StaffActivity, ...errors },
    },
  }, async (request, reply) => {
    const user = await staffUser(request)
    if (user.role !== 'staff' || user.streetId === null)
      throw new AppError(403, 'FORBIDDEN')
    const { submit, clientKey, ...input } = request.body
    // Replayed from the device's outbox: answer with what the first delivery created.
    if (clientKey) {
      const existing = await repo.byClientKey(user.id, clientKey)
      if (existing !== undefined)
        return reply.status(200).send(publicShape((await repo.byId(existing))!))
    }
    const checked = await checkInput(user, input, null)
    const id = await repo.create({
      ...checked,
      streetId: user.streetId,
      authorId: user.id,
      status: submit ? 'submitted' : 'draft',
      clientKey: clientKey ?? null,
      at: app.config.clock().toISOString(),
    })
    return reply.status(201).send(publicShape((await repo.byId(id))!))
  })

  app.put('/staff/activities/:id', {
    schema: {
      ...ID,
      body: Type.Object(CreateActivityRequest.properties, { additionalProperties: false }),
      response: { 200: StaffActivity, ...errors },
    },
  }, async (request) => {
    const user = await staffUser(request)
    const activity = await visible(user, request.params.id)
    if (activity.status !== 'draft' && activity.status !== 'returned')
      throw new AppError(409, 'ACTIVITY_LOCKED')
    const { submit, clientKey: _clientKey, ...input } = request.body
    const checked = await checkInput(user, input, activity.id)
    const at = app.config.clock().toISOString()
    await repo.update(activity.id, checked, at)
    if (submit)
      await repo.transition(activity.id, ['draft', 'returned'], 'submitted', { at })
    return publicShape((await repo.byId(activity.id))!)
  })

  app.post('/staff/activities/:id/submit', {
    schema: {
      ...ID,
      response: { 200: StaffActivity, ...errors },
    },
  }, async (request) => {
    const user = await staffUser(request)
    const activity = await visible(user, request.params.id)
    if (!await repo.transition(activity.id, ['draft', 'returned'], 'submitted', {
      at: app.config.clock().toISOString(),
    })) {
      throw new AppError(409, 'ACTIVITY_LOCKED')
    }
    return publicShape((await repo.byId(activity.id))!)
  })

  async function decide(request: FastifyRequest<{ Params: { id: number } }>, from: StaffActivityRecord['status'][], to: StaffActivityRecord['status'], note: string | null = null) {
    const admin = await requireAdmin(app, request)
    const activity = await visible(admin, request.params.id)
    const at = app.config.clock().toISOString()
    if (!await repo.transition(activity.id, from, to, { at, reviewerId: admin.id, note }))
      throw new AppError(409, 'ACTIVITY_LOCKED')
    await app.repos.accounts.audit(admin.id, `activity.${to}`, at, `activity:${activity.id}`, note ?? undefined)
    return publicShape((await repo.byId(activity.id))!)
  }

  app.post('/admin/activities/:id/approve', {
    schema: {
      ...ID,
      response: { 200: StaffActivity, ...errors },
    },
  }, async request => decide(request, ['submitted'], 'published'))

  app.post('/admin/activities/:id/return', {
    schema: {
      ...ID,
      body: ReturnRequest,
      response: { 200: StaffActivity, ...errors },
    },
  }, async request => decide(request, ['submitted'], 'returned', request.body.note.trim()))

  app.post('/admin/activities/:id/withdraw', {
    schema: {
      ...ID,
      response: { 200: StaffActivity, ...errors },
    },
  }, async request => decide(request, ['published'], 'withdrawn'))

  app.post('/staff/preview', {
    schema: {
      body: PreviewRequest,
      response: { 200: PreviewResult, ...errors },
    },
  }, async (request) => {
    await staffUser(request)
    return {
      bodyHtml: renderMarkdown(request.body.body),
    }
  })

  app.post('/staff/media', {
    schema: {
      querystring: UploadQuery,
      response: { 201: StaffPhoto, ...errors },
    },
  }, async (request, reply) => {
    const user = await staffUser(request)
    if (!Buffer.isBuffer(request.body))
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE')
    let stored
    try {
      stored = await storePicture(request.body, app.config.mediaDir)
    }
    catch (err) {
      if (err instanceof UploadError) {
        throw new AppError(err.reason === 'type'
          ? 415
          : 400, err.reason === 'type'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'IMAGE_UNREADABLE')
      }
      throw err
    }
    const alt = request.query.alt?.trim() ?? ''
    const id = await repo.insertMedia({
      ...stored,
      alt,
      uploadedBy: user.id,
      at: app.config.clock().toISOString(),
    })
    return reply.status(201).send({
      id,
      url: `/api/media/${stored.name}`,
      alt,
      width: stored.width,
      height: stored.height,
    })
  })
}
export default routes
