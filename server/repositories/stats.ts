// Figures for the district office: activities per street and month, credit reports per day and channel, the
// most-opened benefits. Shanghai calendar days throughout.
import type { DB } from '../db/database'
import { sql } from 'kysely'
import { engineSql } from '../db/engine'

export function createStatsRepository(db: DB) {
  const words = engineSql(db)
  return {
    async countBenefitView(benefitId: number, day: string) {
      await db.insertInto('benefit_views')
        .values({ benefit_id: benefitId, day, views: 1 })
        .onConflict(oc => oc.columns(['benefit_id', 'day']).doUpdateSet({ views: sql`benefit_views.views + 1` }))
        .execute()
    },

    /** Published activities per street and month (YYYY-MM of the start, in its stored Shanghai time), from a month on. */
    async activitiesPerStreetMonth(fromMonth: string) {
      const month = sql<string>`substr(activities.starts_at, 1, 7)`
      return db.selectFrom('activities')
        .innerJoin('streets', 'streets.id', 'activities.street_id')
        .select([
          'streets.key as street',
          'streets.name as streetName',
          month.as('month'),
          eb => eb.fn.countAll<number>().as('count'),
        ])
        .where('activities.status', '=', 'published')
        .where(month, '>=', fromMonth)
        .groupBy([
          'streets.key',
          'streets.name',
          'streets.sort_order',
          month,
        ])
        .orderBy('streets.sort_order')
        .orderBy('month')
        .execute()
    },

    /** Personal credit reports (or, with `firm_certificates`, firms' certificates) issued per Shanghai day and channel, from a day on. */
    async issuedPerDay(table: 'credit_reports' | 'firm_certificates', fromDay: string) {
      const day = words.shanghaiDay('issued_at')
      return db.selectFrom(table)
        .select([
          day.as('day'),
          'channel',
          eb => eb.fn.countAll<number>().as('count'),
        ])
        .where(day, '>=', fromDay)
        .groupBy([day, 'channel'])
        .orderBy('day')
        .orderBy('channel')
        .execute()
    },

    /** The most-opened benefits since a day. */
    async topBenefits(fromDay: string, limit = 10) {
      return db.selectFrom('benefit_views')
        .innerJoin('benefits', 'benefits.id', 'benefit_views.benefit_id')
        .select([
          'benefits.id',
          'benefits.title',
          eb => eb.fn.sum<number>('benefit_views.views').as('views'),
        ])
        .where('benefit_views.day', '>=', fromDay)
        .groupBy(['benefits.id', 'benefits.title'])
        .orderBy('views', 'desc')
        .orderBy('benefits.id')
        .limit(limit)
        .execute()
    },
  }
}
export type StatsRepository = ReturnType<typeof createStatsRepository>
