// Self-service kiosks: found by the hash of their device token; created with a token and an exit code shown once.
import type { DB } from '../db/database'
import { keyedHash, randomDigits, randomToken, sha256 } from '../lib/crypto'

export interface Kiosk {
  id: number
  label: string
}

export function exitCodeHash(secret: string, kioskId: number, exitCode: string): string {
  return keyedHash(secret, 'kiosk-exit', `${kioskId}:${exitCode}`)
}

export function createKioskRepository(db: DB, secret: string) {
  return {
    /** The enabled kiosk holding this token, if any. */
    async byToken(token: string): Promise<(Kiosk & { exitCodeHash: string }) | undefined> {
      const row = await db.selectFrom('kiosks')
        .select(['id', 'label', 'exit_code_hash'])
        .where('token_hash', '=', sha256(token))
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      return row && { id: row.id, label: row.label, exitCodeHash: row.exit_code_hash }
    },

    /** Registers a kiosk. The token and exit code are returned once and stored only as hashes. */
    async create(label: string, given: { token?: string, exitCode?: string } = {}, at = new Date().toISOString()) {
      const token = given.token ?? randomToken()
      const exitCode = given.exitCode ?? randomDigits(8)
      return db.transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('kiosks')
          .values({
            label,
            token_hash: sha256(token),
            exit_code_hash: '',
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx.updateTable('kiosks').set({
          exit_code_hash: exitCodeHash(secret, id, exitCode),
        }).where('id', '=', id).execute()
        return { id, label, token, exitCode }
      })
    },

    async disable(id: number, at = new Date().toISOString()): Promise<boolean> {
      const result = await db.updateTable('kiosks').set({ disabled_at: at }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst()
      return result.numUpdatedRows > 0n
    },
  }
}
export type KioskRepository = ReturnType<typeof createKioskRepository>
