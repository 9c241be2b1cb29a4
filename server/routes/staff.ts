// The staff portal's activities: street staff write and submit their street's activities (only theirs: others'
// answer 404), upload photos, preview Markdown; district admins see everything and approve, return with a note, or
// withdraw. Every admin decision is in the admin audit log.
import type { FastifyPluginAsync } from 'fastify'
import type { Account } from '../domain/account'
import type { StaffActivityRecord } from '../domain/activity'
import type { ActivityStatus } from '../schemas/domain'
import type { ActivityInput, StaffActivity } from '../schemas/staff'
import { Buffer } from 'node:buffer'
import { toStaffActivity } from '../domain/activity'
import { AppError, found } from '../errors'
import { renderMarkdown } from '../lib/markdown'
import { serve } from '../lib/serve'
import { toShanghaiIso } from '../lib/time'
import { MAX_UPLOAD_BYTES, storePicture, UploadError } from '../media/upload'
import { removePicture } from '../media/variants'
import { mediaRef } from '../repositories/media'
import * as endpoints from '../schemas/endpoints'

const UPLOAD_ERRORS = {
  'type': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  'corrupt': { status: 400, code: 'IMAGE_UNREADABLE' },
  'too-large': { status: 413, code: 'IMAGE_TOO_LARGE' },
} as const

const routes: FastifyPluginAsync = async (app) => {
  const repo = app.repos.staffActivities
  const now = () => app.config.clock().toISOString()
  const since = (minutes: number) => new Date(app.config.clock().getTime() - minutes * 60_000).toISOString()

  // What one account may add, so that a compromised or runaway account cannot fill the disk or the review queue:
  // by default far above a street's real work (a busy day is a few activities of up to 9 photos); admins too.
  const quotas = {
    uploadsPerHour: { limit: app.config.quotas.uploadsPerHour, minutes: 60 },
    activitiesPerDay: { limit: app.config.quotas.activitiesPerDay, minutes: 24 * 60 },
  }

  /** 429 QUOTA_EXCEEDED, with Retry-After: the window's length, as a safe upper bound. */
  function quotaExceeded(quota: { minutes: number }): AppError {
    return new AppError(429, 'QUOTA_EXCEEDED', undefined, { retryAfterSeconds: quota.minutes * 60 })
  }

  /** Refuses early, before any other work, once the count reaches the limit (counted again with the write). */
  async function checkQuota(count: Promise<number>, quota: { limit: number, minutes: number }) {
    if (await count >= quota.limit)
      throw quotaExceeded(quota)
  }

  /** The activity, if this user may see it: staff only their own street's (404 otherwise: its existence is not theirs to know). */
  async function visible(user: Account, id: number): Promise<StaffActivityRecord> {
    const activity = found(await repo.byId(id))
    if (user.role !== 'admin' && activity.streetId !== user.streetId)
      throw new AppError(404, 'NOT_FOUND')
    return activity
  }

  /** The activity as it is now, as the API shows it. */
  const current = async (id: number): Promise<StaffActivity> => toStaffActivity(found(await repo.byId(id)))

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

  serve(app, endpoints.staffActivities, async (request) => {
    const { account: user, query } = request
    const items = await repo.list({
      ...(user.role === 'admin'
        ? {}
        : { streetId: user.streetId ?? -1 }),
      ...(query.status
        ? { status: query.status }
        : {}),
    })
    return {
      items: items.map(toStaffActivity),
    }
  })

  serve(app, endpoints.staffActivity, async request => toStaffActivity(await visible(request.account, request.params.id)))

  serve(app, endpoints.createActivity, async (request, reply) => {
    const { account: user } = request
    const { submit, clientKey, ...input } = request.body
    // Replayed from the device's outbox: answer with what the first delivery created.
    if (clientKey) {
      const existing = await repo.byClientKey(user.id, clientKey)
      if (existing !== undefined) {
        reply.code(200)
        return current(existing)
      }
    }
    await checkQuota(repo.createdSince(user.id, since(quotas.activitiesPerDay.minutes)), quotas.activitiesPerDay)
    const checked = await checkInput(user, input, null)
    // Counted again with the write: requests sent at once all passed the count above together.
    const made = await repo.create({
      ...checked,
      streetId: user.streetId,
      authorId: user.id,
      status: submit ? 'submitted' : 'draft',
      clientKey: clientKey ?? null,
      at: now(),
    }, {
      since: since(quotas.activitiesPerDay.minutes),
      limit: quotas.activitiesPerDay.limit,
    })
    if (!made)
      throw quotaExceeded(quotas.activitiesPerDay)
    const { id, created } = made
    if (!created)
      reply.code(200)
    return current(id)
  })

  serve(app, endpoints.updateActivity, async (request) => {
    const { account: user } = request
    const activity = await visible(user, request.params.id)
    if (activity.status !== 'draft' && activity.status !== 'returned')
      throw new AppError(409, 'ACTIVITY_LOCKED')
    const { submit, clientKey: _clientKey, ...input } = request.body
    const checked = await checkInput(user, input, activity.id)
    const at = now()
    await repo.update(activity.id, checked, at)
    if (submit)
      await repo.transition(activity.id, ['draft', 'returned'], 'submitted', { at })
    return current(activity.id)
  })

  serve(app, endpoints.submitActivity, async (request) => {
    const activity = await visible(request.account, request.params.id)
    if (!await repo.transition(activity.id, ['draft', 'returned'], 'submitted', {
      at: now(),
    })) {
      throw new AppError(409, 'ACTIVITY_LOCKED')
    }
    return current(activity.id)
  })

  /** An admin's review decision: moves the activity from one of `from` to `to`, or 409 if someone acted first. */
  async function decide(admin: Account, id: number, from: ActivityStatus[], to: ActivityStatus, note: string | null = null) {
    const activity = await visible(admin, id)
    const at = now()
    if (!await repo.transition(activity.id, from, to, { at, reviewerId: admin.id, note }))
      throw new AppError(409, 'ACTIVITY_LOCKED')
    await app.repos.accounts.audit(admin.id, `activity.${to}`, at, `activity:${activity.id}`, note ?? undefined)
    return current(activity.id)
  }

  serve(app, endpoints.approveActivity, async request => decide(request.account, request.params.id, ['submitted'], 'published'))
  serve(app, endpoints.returnActivity, async request => decide(request.account, request.params.id, ['submitted'], 'returned', request.body.note.trim()))
  serve(app, endpoints.withdrawActivity, async request => decide(request.account, request.params.id, ['published'], 'withdrawn'))

  serve(app, endpoints.previewMarkdown, async request => ({
    bodyHtml: renderMarkdown(request.body.body),
  }))

  // Photos arrive as the raw image body (the app resizes them first); the bytes decide what they are.
  serve(app, endpoints.uploadPhoto, async (request) => {
    if (!Buffer.isBuffer(request.body))
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE')
    await checkQuota(repo.uploadsSince(request.account.id, since(quotas.uploadsPerHour.minutes)), quotas.uploadsPerHour)
    let stored
    try {
      stored = await storePicture(request.body, app.mediaStore)
    }
    catch (err) {
      if (err instanceof UploadError) {
        const { status, code } = UPLOAD_ERRORS[err.reason]
        throw new AppError(status, code)
      }
      throw err
    }
    const alt = request.query.alt?.trim() ?? ''
    // Counted again with the write: uploads sent at once all passed the count above together.
    const id = await repo.insertMedia({
      ...stored,
      alt,
      uploadedBy: request.account.id,
      at: now(),
    }, {
      since: since(quotas.uploadsPerHour.minutes),
      limit: quotas.uploadsPerHour.limit,
    })
    if (id === null) {
      await removePicture(app.mediaStore, stored.name, stored.width)
      throw quotaExceeded(quotas.uploadsPerHour)
    }
    return {
      id,
      ...mediaRef({
        name: stored.name,
        alt,
        width: stored.width,
        height: stored.height,
      })!,
    }
  }, { bodyLimit: MAX_UPLOAD_BYTES })
}
export default routes
