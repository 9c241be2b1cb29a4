import type { DB } from '../db/database'
import type { StreetRow } from '../db/schema'
import type { PageOf } from '../schemas/common'
import type { PracticeEnglish, StreetEnglish } from '../schemas/english'
import type { Figure, Practice, Street, StreetDetail } from '../schemas/resources'
import { parseEnglish, parseJsonArray } from './shared'

type Row = StreetRow & { activity_count: number }

function toStreet(row: Row): Street {
  return {
    key: row.key,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    intro: row.intro,
    address: row.address,
    phone: row.phone,
    isDemonstration: row.is_demonstration === 1,
    activityCount: row.activity_count,
    figures: parseJsonArray<Figure>(row.figures),
    isDemo: row.is_demo === 1,
    en: parseEnglish<StreetEnglish>(row.en),
  }
}

export function createStreetRepository(db: DB) {
  async function idOf(key: string): Promise<number | undefined> {
    return (await db.selectFrom('streets').select('id').where('key', '=', key).executeTakeFirst())?.id
  }

  const base = () => db.selectFrom('streets')
    .selectAll('streets')
    .select(eb => eb.selectFrom('activities')
      .whereRef('activities.street_id', '=', 'streets.id')
      .where('activities.status', '=', 'published')
      .select(eb.fn.countAll<number>().as('n'))
      .as('activity_count'))

  return {
    async list(): Promise<PageOf<Street>> {
      const rows = await base().orderBy('sort_order').execute()
      const items = rows.map(r => toStreet({
        ...r,
        activity_count: Number(r.activity_count ?? 0),
      }))
      return {
        items,
        page: 1,
        pageSize: items.length,
        total: items.length,
      }
    },
    /** A street's profile with its demonstration practices (empty for streets that are not demonstration streets). */
    async byKey(key: string): Promise<StreetDetail | undefined> {
      const row = await base().where('key', '=', key).executeTakeFirst()
      if (!row)
        return undefined
      const rows = await db.selectFrom('street_practices')
        .select(['title', 'what', 'results', 'en'])
        .where('street_id', '=', row.id)
        .orderBy('sort_order')
        .execute()
      return {
        ...toStreet({
          ...row,
          activity_count: Number(row.activity_count ?? 0),
        }),
        practices: rows.map(({ en, ...p }): Practice => ({
          ...p,
          en: parseEnglish<PracticeEnglish>(en),
        })),
      }
    },
    idOf,
    async exists(key: string): Promise<boolean> {
      return await idOf(key) !== undefined
    },
  }
}
export type StreetRepository = ReturnType<typeof createStreetRepository>
