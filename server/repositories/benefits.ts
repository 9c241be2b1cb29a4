import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { Benefit, BenefitQuery, BenefitSummary } from '../schemas/resources'
import { sql } from 'kysely'
import { todayInShanghai } from '../lib/time'
import { offset, parseTags, streetRef } from './shared'

export function createBenefitRepository(db: DB) {
  // Public view: published and not expired (valid_to is inclusive, in Shanghai dates).
  const visible = (today: string) => db.selectFrom('benefits')
    .leftJoin('streets', 'streets.id', 'benefits.street_id')
    .where('benefits.status', '=', 'published')
    .where(eb => eb.or([
      eb('benefits.valid_to', 'is', null),
      eb('benefits.valid_to', '>=', today),
    ]))

  return {
    async list(query: BenefitQuery, now = new Date()): Promise<PageOf<BenefitSummary>> {
      let q = visible(todayInShanghai(now))
      if (query.category)
        q = q.where('benefits.category', '=', query.category)
      if (query.audience) {
        q = q.where('benefits.audience', 'in', query.audience === 'both'
          ? ['both']
          : [query.audience, 'both'])
      }
      if (query.street) {
        const street = query.street
        // A street filter keeps district-wide measures: they apply in every street.
        q = q.where(eb => eb.or([
          eb('streets.key', '=', street),
          eb('benefits.street_id', 'is', null),
        ]))
      }
      if (query.q) {
        const text = query.q
        q = q.where(eb => eb.or([
          ...['benefits.title', 'benefits.summary', 'benefits.provider'].map(col => eb(sql`instr(${sql.ref(col)}, ${text})`, '>', 0)),
          // Tags are a JSON array: match inside the values, not the JSON punctuation.
          eb.exists(sql`(select 1 from json_each(benefits.tags) where instr(json_each.value, ${text}) > 0)`),
        ]))
      }
      const { total } = await q.select(eb => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
      const rows = await q
        .select([
          'benefits.id',
          'benefits.title',
          'benefits.summary',
          'benefits.category',
          'benefits.audience',
          'benefits.provider',
          'benefits.valid_to',
          'benefits.tags',
          'benefits.updated_at',
          'streets.key as street_key',
          'streets.name as street_name',
          'streets.name_en as street_name_en',
        ])
        .orderBy('benefits.updated_at', 'desc')
        .orderBy('benefits.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      return {
        items: rows.map(r => ({
          id: r.id,
          title: r.title,
          summary: r.summary,
          category: r.category as BenefitSummary['category'],
          audience: r.audience,
          provider: r.provider,
          street: streetRef(r.street_key, r.street_name, r.street_name_en),
          validTo: r.valid_to,
          tags: parseTags(r.tags),
          updatedAt: r.updated_at,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(total),
      }
    },

    async byId(id: number, now = new Date()): Promise<Benefit | undefined> {
      const r = await visible(todayInShanghai(now))
        .where('benefits.id', '=', id)
        .selectAll('benefits')
        .select(['streets.key as street_key', 'streets.name as street_name', 'streets.name_en as street_name_en'])
        .executeTakeFirst()
      if (!r)
        return undefined
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        category: r.category as Benefit['category'],
        audience: r.audience,
        provider: r.provider,
        street: streetRef(r.street_key, r.street_name, r.street_name_en),
        validFrom: r.valid_from,
        validTo: r.valid_to,
        offer: r.offer,
        eligibility: r.eligibility,
        tags: parseTags(r.tags),
        updatedAt: r.updated_at,
      }
    },
  }
}
export type BenefitRepository = ReturnType<typeof createBenefitRepository>
