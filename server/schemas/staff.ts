// The staff side of activities: drafts, submission, review; uploaded photos; Markdown preview.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, MAX_PHOTOS } from './domain'
import { ActivityEnglish } from './english'
import { StreetRef } from './resources'

const Instant = Type.String({ format: 'date-time', maxLength: 40 })

export const ActivityInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
  category: Type.Enum(ACTIVITY_CATEGORIES),
  startsAt: Instant,
  endsAt: Instant,
  place: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
  summary: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  body: Type.String({ maxLength: 20000 }),
  /** Uploaded photos (POST /api/staff/media), in order. */
  photoIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MAX_PHOTOS }),
  /** English versions of the texts, optional (shown in English mode). */
  en: Type.Optional(ActivityEnglish),
}, { additionalProperties: false })
export type ActivityInput = Static<typeof ActivityInput>

export const CreateActivityRequest = Type.Object({
  ...ActivityInput.properties,
  /** Send for review at once (otherwise a draft). */
  submit: Type.Optional(Type.Boolean()),
  /** Idempotency key from the device's outbox: the same key never creates a second activity. */
  clientKey: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[\\w-]+$' })),
}, { additionalProperties: false })
export type CreateActivityRequest = Static<typeof CreateActivityRequest>

export const StaffPhoto = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  alt: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  widths: Type.Array(Type.Integer()),
})
export type StaffPhoto = Static<typeof StaffPhoto>

export const StaffActivity = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(ACTIVITY_STATUSES),
  title: Type.String(),
  category: Type.Enum(ACTIVITY_CATEGORIES),
  startsAt: Type.String(),
  endsAt: Type.String(),
  place: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  bodyHtml: Type.String(),
  en: Type.Optional(ActivityEnglish),
  photos: Type.Array(StaffPhoto),
  street: StreetRef,
  author: Type.Union([
    Type.Object({
      id: Type.Integer(),
      displayName: Type.String(),
    }),
    Type.Null(),
  ]),
  reviewNote: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  submittedAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  reviewedAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  publishedAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  updatedAt: Type.String(),
})
export type StaffActivity = Static<typeof StaffActivity>

export const StaffActivityList = Type.Object({
  items: Type.Array(StaffActivity),
})
export type StaffActivityList = Static<typeof StaffActivityList>

export const StaffActivityQuery = Type.Object({
  status: Type.Optional(Type.Enum(ACTIVITY_STATUSES)),
}, { additionalProperties: false })
export type StaffActivityQuery = Static<typeof StaffActivityQuery>

export const ReturnRequest = Type.Object({
  note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
}, { additionalProperties: false })
export type ReturnRequest = Static<typeof ReturnRequest>

export const PreviewRequest = Type.Object({
  body: Type.String({ maxLength: 20000 }),
}, { additionalProperties: false })
export const PreviewResult = Type.Object({
  bodyHtml: Type.String(),
})
export type PreviewResult = Static<typeof PreviewResult>

export const UploadQuery = Type.Object({
  alt: Type.Optional(Type.String({ maxLength: 120 })),
}, { additionalProperties: false })
