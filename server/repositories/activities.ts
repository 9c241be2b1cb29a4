import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { Activity, ActivityQuery, ActivitySummary } from '../schemas/resources'
import { offset } from './shared'

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
    'streets.key as street_key',
    'streets.name as street_name',
    'streets.name_en as street_name_en',
  ] as const
  interface SummaryRow { id: number, title: string, category: string, starts_at: string, ends_at: string, place: string, summary: string, street_key: string, street_name: string, street_name_en: string }
  const toSummary = (r: SummaryRow): ActivitySummary => ({
    id: r.id,
    title: r.title,
    category: r.category as ActivitySummary['category'],
    street: { key: r.street_key, name: r.street_name, nameEn: r.street_name_en },
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    summary: r.summary,
  })

  return {
    async list(query: ActivityQuery): Promise<PageOf<ActivitySummary>> {
      let q = published()
      if (query.street)
        q = q.where('streets.key', '=', query.street)
      if (query.category)
        q = q.where('activities.category', '=', query.category)
      const { total } = await q.select(eb => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
      const rows = await q.select(columns)
        .orderBy('activities.starts_at', 'desc')
        .orderBy('activities.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      return {
        items: rows.map(toSummary),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(total),
      }
    },

    async byId(id: number): Promise<Activity | undefined> {
      const r = await published().where('activities.id', '=', id).select([...columns, 'activities.body', 'activities.published_at']).executeTakeFirst()
      return r
        ? {
            ...toSummary(r),
            body: r.body,
            publishedAt: r.published_at ?? r.starts_at,
          }
        : undefined
    },
  }
}
export type ActivityRepository = ReturnType<typeof createActivityRepository>
