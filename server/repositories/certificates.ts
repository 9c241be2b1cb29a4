import type { Insertable } from 'kysely'
// SQL for firms' own credit certificates: the firm by its code (with the phone its codes go to), its records in a
// period, and the certificates issued (kept for the authenticity check and the statistics).
import type { DB } from '../db/database'
import type { CreditRecordRow, FirmCertificateTable } from '../db/schema'

export function createCertificateRepository(db: DB) {
  /** A firm with what its certificate states and the phone its codes go to. */
  const firm = () => db.selectFrom('enterprises')
    .select([
      'id',
      'uscc',
      'name',
      'type',
      'legal_representative',
      'status',
      'address',
      'contact_phone',
      'is_demo',
    ])

  return {
    async firmByUscc(uscc: string) {
      return firm().where('uscc', '=', uscc).executeTakeFirst()
    },

    async firmById(id: number) {
      return firm().where('id', '=', id).executeTakeFirst()
    },

    /**
     * What a certificate for [from, to] speaks of, newest first: penalties decided in the period (also those no
     * longer published), dishonesty list entries in force at any time in it, red list entries in force on `to`,
     * commitments signed in it.
     */
    async recordsInPeriod(enterpriseId: number, from: string, to: string): Promise<CreditRecordRow[]> {
      return db.selectFrom('credit_records')
        .selectAll()
        .where('enterprise_id', '=', enterpriseId)
        .where('decided_on', '<=', to)
        .where(eb => eb.or([
          eb.and([
            eb('kind', 'in', ['penalty', 'commitment']),
            eb('decided_on', '>=', from),
          ]),
          eb.and([
            eb('kind', '=', 'dishonestyList'),
            eb.or([
              eb('valid_to', 'is', null),
              eb('valid_to', '>=', from),
            ]),
          ]),
          eb.and([
            eb('kind', '=', 'redList'),
            eb.or([
              eb('valid_to', 'is', null),
              eb('valid_to', '>=', to),
            ]),
          ]),
        ]))
        .orderBy('decided_on', 'desc')
        .orderBy('id', 'desc')
        .execute()
    },

    async insert(values: Insertable<FirmCertificateTable>): Promise<void> {
      await db.insertInto('firm_certificates').values(values).execute()
    },

    async byNumber(number: string) {
      return db.selectFrom('firm_certificates').selectAll().where('number', '=', number).executeTakeFirst()
    },
  }
}
export type CertificateRepository = ReturnType<typeof createCertificateRepository>
