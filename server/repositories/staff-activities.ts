// Activities as staff and admins see them: every status, with authors, review notes and photo ids.
import type { Kysely } from 'kysely'
import type { DB } from '../db/database'
import type { Database } from '../db/schema'
import type { StaffActivityRecord } from '../domain/activity'
import type { ActivityCategory, ActivityStatus } from '../schemas/domain'
import type { ActivityEnglish } from '../schemas/english'
import type { ActivityInput, StaffPhoto } from '../schemas/staff'
import { engineSql } from '../db/engine'
import { englishColumn, englishInput } from '../lib/english'
import { bodyColumns } from '../lib/markdown'
import { mediaRef, photosByActivity } from './media'

/** Pictures an account uploaded at or after `since` (ISO time): the upload quota's count, alone or in a turn. */
async function uploadsSince(db: Kysely<Database>, accountId: number, since: string): Promise<number> {
  const row = await db.selectFrom('media')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('uploaded_by', '=', accountId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Activities an account created at or after `since` (ISO time): the daily quota's count, alone or in a turn. */
async function createdSince(db: Kysely<Database>, accountId: number, since: string): Promise<number> {
  const row = await db.selectFrom('activities')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', accountId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function createStaffActivityRepository(db: DB) {
  const base = () => db.selectFrom('activities')
    .innerJoin('streets', 'streets.id', 'activities.street_id')
    .leftJoin('users', 'users.id', 'activities.author_id')
    .select([
      'activities.id',
      'activities.status',
      'activities.title',
      'activities.category',
      'activities.starts_at',
      'activities.ends_at',
      'activities.place',
      'activities.summary',
      'activities.body',
      'activities.en',
      'activities.body_html',
      'activities.street_id',
      'activities.author_id',
      'activities.review_note',
      'activities.submitted_at',
      'activities.reviewed_at',
      'activities.published_at',
      'activities.updated_at',
      'streets.key as street_key',
      'streets.name as street_name',
      'streets.name_en as street_name_en',
      'users.display_name as author_name',
    ])
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>

  /** Photos with their ids (an editor sends the ids back). */
  const photosOf = (ids: number[]) => photosByActivity(db, ids, (r): StaffPhoto => ({
    id: r.id,
    ...mediaRef(r)!,
  }))

  function toRecord(r: Row, photos: StaffPhoto[]): StaffActivityRecord {
    return {
      id: r.id,
      status: r.status,
      title: r.title,
      category: r.category as ActivityCategory,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      summary: r.summary,
      body: r.body,
      en: englishInput<ActivityEnglish>(r.en),
      bodyHtml: r.body_html,
      photos,
      street: { key: r.street_key, name: r.street_name, nameEn: r.street_name_en },
      author: r.author_id !== null && r.author_name !== null
        ? { id: r.author_id, displayName: r.author_name }
        : null,
      reviewNote: r.review_note,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      streetId: r.street_id,
      authorId: r.author_id,
    }
  }

  return {
    async list(filter: { streetId?: number, status?: ActivityStatus }): Promise<StaffActivityRecord[]> {
      let q = base()
      if (filter.streetId !== undefined)
        q = q.where('activities.street_id', '=', filter.streetId)
      if (filter.status)
        q = q.where('activities.status', '=', filter.status)
      const rows = await q.orderBy('activities.updated_at', 'desc').orderBy('activities.id', 'desc').limit(200).execute()
      const photos = await photosOf(rows.map(r => r.id))
      return rows.map(r => toRecord(r, photos.get(r.id) ?? []))
    },

    async byId(id: number): Promise<StaffActivityRecord | undefined> {
      const r = await base().where('activities.id', '=', id).executeTakeFirst()
      return r && toRecord(r, (await photosOf([id])).get(id) ?? [])
    },

    async byClientKey(authorId: number, clientKey: string): Promise<number | undefined> {
      const r = await db.selectFrom('activities').select('id').where('author_id', '=', authorId).where('client_key', '=', clientKey).executeTakeFirst()
      return r?.id
    },

    /** Photos this user may attach: their own uploads (any upload for admins), not attached to another activity. */
    async usablePhotos(ids: number[], user: { id: number, role: 'staff' | 'admin' }, activityId: number | null): Promise<number[]> {
      if (ids.length === 0)
        return []
      let q = db.selectFrom('media')
        .leftJoin('activity_photos', 'activity_photos.media_id', 'media.id')
        .select('media.id')
        .where('media.id', 'in', ids)
        .where(eb => eb.or([
          eb('activity_photos.activity_id', 'is', null),
          ...(activityId === null
            ? []
            : [
                eb('activity_photos.activity_id', '=', activityId),
              ]),
        ]))
      // Their own uploads, or photos already on this activity (a colleague of the same street may edit it).
      if (user.role !== 'admin') {
        q = q.where(eb => eb.or([
          eb('media.uploaded_by', '=', user.id),
          ...(activityId === null
            ? []
            : [
                eb('activity_photos.activity_id', '=', activityId),
              ]),
        ]))
      }
      return (await q.execute()).map(r => r.id)
    },

    /**
     * Writes a new activity, or, when the author already sent one with this client key (an outbox delivering twice,
     * perhaps at once through two nodes), writes nothing and names that one.
     */
    /**
     * Creates an activity, or finds the one a replay of the same delivery created (`clientKey`). New ones are counted
     * against the author's `quota` in turn with the write (serialised per author, on every node), so requests sent
     * at once each count the ones before them: null when the quota is reached.
     */
    async create(values: ActivityInput & { streetId: number, authorId: number, status: 'draft' | 'submitted', clientKey: string | null, at: string }, quota: { since: string, limit: number }): Promise<{ id: number, created: boolean } | null> {
      return db.transaction().execute(async (trx) => {
        await engineSql(trx).serialize(trx, [`quota:activities:${values.authorId}`])
        if (values.clientKey !== null) {
          const replayed = await trx.selectFrom('activities').select('id').where('author_id', '=', values.authorId).where('client_key', '=', values.clientKey).executeTakeFirst()
          if (replayed)
            return { id: replayed.id, created: false }
        }
        if (await createdSince(trx, values.authorId, quota.since) >= quota.limit)
          return null
        const inserted = await trx.insertInto('activities').values({
          street_id: values.streetId,
          author_id: values.authorId,
          title: values.title,
          category: values.category,
          starts_at: values.startsAt,
          ends_at: values.endsAt,
          place: values.place,
          summary: values.summary,
          ...bodyColumns(values.body),
          en: englishColumn(values.en),
          status: values.status,
          submitted_at: values.status === 'submitted'
            ? values.at
            : null,
          client_key: values.clientKey,
          created_at: values.at,
          updated_at: values.at,
        }).onConflict(oc => oc.columns(['author_id', 'client_key']).where('client_key', 'is not', null).doNothing()).returning('id').executeTakeFirst()
        if (!inserted) {
          const existing = await trx.selectFrom('activities').select('id').where('author_id', '=', values.authorId).where('client_key', '=', values.clientKey).executeTakeFirstOrThrow()
          return { id: existing.id, created: false }
        }
        const { id } = inserted
        if (values.photoIds.length) {
          await trx.insertInto('activity_photos')
            .values(values.photoIds.map((media_id, sort_order) => ({ activity_id: id, media_id, sort_order })))
            .execute()
        }
        return { id, created: true }
      })
    },

    async update(id: number, values: ActivityInput, at: string) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('activities').set({
          title: values.title,
          category: values.category,
          starts_at: values.startsAt,
          ends_at: values.endsAt,
          place: values.place,
          summary: values.summary,
          ...bodyColumns(values.body),
          en: englishColumn(values.en),
          updated_at: at,
        }).where('id', '=', id).execute()
        await trx.deleteFrom('activity_photos').where('activity_id', '=', id).execute()
        if (values.photoIds.length) {
          await trx.insertInto('activity_photos')
            .values(values.photoIds.map((media_id, sort_order) => ({ activity_id: id, media_id, sort_order })))
            .execute()
        }
      })
    },

    /** Moves an activity from one of `from` to `to`; false if it was not in one of them (someone else acted first). */
    async transition(id: number, from: ActivityStatus[], to: ActivityStatus, values: { at: string, reviewerId?: number, note?: string | null }): Promise<boolean> {
      const result = await db.updateTable('activities').set({
        status: to,
        updated_at: values.at,
        ...(to === 'submitted'
          ? { submitted_at: values.at, review_note: null }
          : {}),
        ...(to === 'published'
          ? {
              published_at: values.at,
              reviewed_at: values.at,
              reviewed_by: values.reviewerId ?? null,
              review_note: null,
            }
          : {}),
        ...(to === 'returned'
          ? { reviewed_at: values.at, reviewed_by: values.reviewerId ?? null, review_note: values.note ?? null }
          : {}),
        ...(to === 'withdrawn'
          ? { reviewed_at: values.at, reviewed_by: values.reviewerId ?? null }
          : {}),
      }).where('id', '=', id).where('status', 'in', from).executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    /** Pictures this account uploaded at or after `since` (ISO time). */
    uploadsSince: async (accountId: number, since: string) => uploadsSince(db, accountId, since),
    /** Activities this account created at or after `since` (ISO time). */
    createdSince: async (accountId: number, since: string) => createdSince(db, accountId, since),
    /**
     * Records an uploaded picture, counted against the uploader's `quota` in turn with the write (serialised per
     * account, on every node): null, recording nothing, when the quota is reached.
     */
    async insertMedia(values: { name: string, contentType: 'image/jpeg' | 'image/webp', width: number, height: number, bytes: number, alt: string, uploadedBy: number, at: string }, quota: { since: string, limit: number }): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        await engineSql(trx).serialize(trx, [`quota:uploads:${values.uploadedBy}`])
        if (await uploadsSince(trx, values.uploadedBy, quota.since) >= quota.limit)
          return null
        const { id } = await trx.insertInto('media').values({
          name: values.name,
          content_type: values.contentType,
          width: values.width,
          height: values.height,
          bytes: values.bytes,
          alt: values.alt,
          uploaded_by: values.uploadedBy,
          created_at: values.at,
        }).returning('id').executeTakeFirstOrThrow()
        return id
      })
    },
  }
}
export type StaffActivityRepository = ReturnType<typeof createStaffActivityRepository>
