import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { Enterprise, EnterpriseQuery, EnterpriseSummary } from '../schemas/resources'
import { sql } from 'kysely'
import { normalizeUscc } from '#common/codes/uscc'
import { offset } from './shared'

export function createEnterpriseRepository(db: DB) {
  return {
    /** Name fragment or (partial) USCC; without a query, the whole register by name. */
    async search(query: EnterpriseQuery): Promise<PageOf<EnterpriseSummary>> {
      let q = db.selectFrom('enterprises')
      const text = query.q?.trim() ?? ''
      if (text) {
        const code = normalizeUscc(text)
        q = q.where(eb => eb.or([
          eb(sql`instr(name, ${text})`, '>', 0),
          eb(sql`instr(uscc, ${code})`, '=', 1),
        ]))
      }
      const { total } = await q.select(eb => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
      const rows = await q.select([
        'id',
        'uscc',
        'name',
        'type',
        'established_on',
        'status',
        'is_demo',
      ])
        .orderBy('name')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      return {
        items: rows.map(r => ({
          id: r.id,
          uscc: r.uscc,
          name: r.name,
          type: r.type,
          establishedOn: r.established_on,
          status: r.status,
          isDemo: r.is_demo === 1,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(total),
      }
    },

    async byUscc(uscc: string): Promise<Enterprise | undefined> {
      const r = await db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst()
      return r
        ? {
            id: r.id,
            uscc: r.uscc,
            name: r.name,
            type: r.type,
            legalRepresentative: r.legal_representative,
            registeredCapital: r.registered_capital,
            establishedOn: r.established_on,
            address: r.address,
            businessScope: r.business_scope,
            status: r.status,
            isDemo: r.is_demo === 1,
          }
        : undefined
    },
  }
}
export type EnterpriseRepository = ReturnType<typeof createEnterpriseRepository>
