import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { Enterprise, EnterpriseQuery, EnterpriseSummary } from '../schemas/resources'
import { normalizeUscc } from '#common/codes/uscc'
import { containsText, countFirmsNamed } from './search'
import { cappedCount, COUNT_CAP, countUpTo, offset } from './shared'

export function createEnterpriseRepository(db: DB) {
  return {
    /** Name fragment or USCC prefix (an exact code first); without a query, the whole register by name. */
    async search(query: EnterpriseQuery): Promise<PageOf<EnterpriseSummary>> {
      let q = db.selectFrom('enterprises')
      const text = query.q?.trim() ?? ''
      const code = normalizeUscc(text)
      const codeLike = /^[0-9A-Z]+$/.test(code)
      // What only a code holds (a digit among code characters): listed in code order, which puts the code typed in
      // full first and reads the uscc index in order instead of sorting every firm of a prefix by name.
      const byCode = codeLike && /\d/.test(code)
      // Eight or more code characters with a digit (a region's prefix is eight) are a code, never a name: the code
      // index alone answers, in its own order, without merging name matches.
      const codeOnly = byCode && code.length >= 8
      if (codeOnly) {
        q = q.where('uscc', '>=', code).where('uscc', '<', `${code}~`)
      }
      else if (text) {
        const named = await containsText(db, 'enterprises', text)
        q = q.where(eb => eb.or([
          named,
          // A code prefix, read from the unique index on uscc (codes hold digits and capitals only, all below '~').
          ...(codeLike
            ? [
                eb.and([
                  eb('uscc', '>=', code),
                  eb('uscc', '<', `${code}~`),
                ]),
              ]
            : []),
        ]))
      }
      // A text that cannot be a code searches names only: counted from the name index alone.
      const namedOnly = text && !codeLike
        ? await countFirmsNamed(db, text, COUNT_CAP)
        : undefined
      const counted = namedOnly === undefined
        ? await countUpTo(db, q)
        : cappedCount(namedOnly)
      const rows = await q.select([
        'id',
        'uscc',
        'name',
        'type',
        'established_on',
        'status',
        'is_demo',
      ])
        .$if(byCode, qb => qb.orderBy('uscc'))
        .$if(!byCode, qb => qb.orderBy('name'))
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
        ...counted,
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
