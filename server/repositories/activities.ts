import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { ActivityDetailEnglish } from '../schemas/english'
import type { Activity, ActivityQuery, ActivitySummary, MediaRef } from '../schemas/resources'
import type { ListOptions } from './shared'
import { mediaRef, photosByActivity } from './media'
import { filterByText } from './search'
import { countUpTo, offset, parseEnglish } from './shared'

export function createActivityRepository(db: DB) {
  const published = () => db.selectFrom('activities')
    .innerJoin('streets', 'streets.id', 'activities.street_id')
    .where('activities.status', '=', 'published')

  const columns = [
    'activities.id',
    'activities.title',
    'activities.category',
    'activities.starts_at',
    'activities.ends_at',
    'activities.place',
    'activities.summary',
    'activities.is_demo',
    'activities.en',
    'streets.key as street_key',
    'streets.name as street_name',
    'streets.name_en as street_name_en',
  ] as const
  interface SummaryRow { id: number, title: string, category: string, starts_at: string, ends_at: string, place: string, summary: string, is_demo: number, en: string | null, street_key: string, street_name: string, street_name_en: string }
  const toSummary = (r: SummaryRow, cover: MediaRef | null): ActivitySummary => ({
    id: r.id,
    title: r.title,
    category: r.category as ActivitySummary['category'],
    street: { key: r.street_key, name: r.street_name, nameEn: r.street_name_en },
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    summary: r.summary,
    cover,
    isDemo: r.is_demo === 1,
    en: parseEnglish<ActivityDetailEnglish>(r.en, ['title', 'summary', 'place']),
  })

  /** Photos of some activities, in order, keyed by activity id. */
  const photosOf = (ids: number[]) => photosByActivity(db, ids, r => mediaRef(r)!)

  return {
    async list(query: ActivityQuery & { q?: string }, options: ListOptions = {}): Promise<PageOf<ActivitySummary>> {
      let q = published()
      if (query.street)
        q = q.where('streets.key', '=', query.street)
      if (query.category)
        q = q.where('activities.category', '=', query.category)
      // A text filter counts its rows one way and may read its page another (search.ts textFilter).
      const { counted, paged } = await filterByText(db, 'activities', q, query.q?.trim(), query.page * query.pageSize)
      const counts = await countUpTo(db, counted, options.countCap)
      const rows = await paged.select(columns)
        .orderBy('activities.starts_at', 'desc')
        .orderBy('activities.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      const photos = await photosOf(rows.map(r => r.id))
      return {
        items: rows.map(r => toSummary(r, photos.get(r.id)?.[0] ?? null)),
        page: query.page,
        pageSize: query.pageSize,
        ...counts,
      }
    },

    async byId(id: number): Promise<Activity | undefined> {
      const r = await published().where('activities.id', '=', id).select([
        ...columns,
        'activities.body',
        'activities.body_html',
        'activities.published_at',
      ]).executeTakeFirst()
      if (!r)
        return undefined
      const photos = (await photosOf([id])).get(id) ?? []
      return {
        ...toSummary(r, photos[0] ?? null),
        body: r.body,
        bodyHtml: r.body_html,
        photos,
        publishedAt: r.published_at ?? r.starts_at,
        en: parseEnglish<ActivityDetailEnglish>(r.en),
      }
    },
  }
}
export type ActivityRepository = ReturnType<typeof createActivityRepository>
