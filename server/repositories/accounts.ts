// Staff and admin accounts, their sessions, failed logins and the audit log of account actions.
import type { DB } from '../db/database'
import type { UserTable } from '../db/schema'
import type { Account } from '../domain/account'
import { streetRef } from './shared'

function selectUsers(db: DB) {
  return db.selectFrom('users')
    .leftJoin('streets', 'streets.id', 'users.street_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.street_id',
      'users.password_hash',
      'users.must_change_password',
      'users.disabled_at',
      'users.created_at',
      'streets.key as street_key',
      'streets.name as street_name',
      'streets.name_en as street_name_en',
    ])
}
type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>

function toAccount(r: UserRow): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    street: streetRef(r.street_key, r.street_name, r.street_name_en),
    streetId: r.street_id,
    mustChangePassword: r.must_change_password === 1,
    passwordHash: r.password_hash,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  }
}

export function createAccountRepository(db: DB) {
  return {
    async byUsername(username: string): Promise<Account | undefined> {
      const r = await selectUsers(db).where('users.username', '=', username).executeTakeFirst()
      return r && toAccount(r)
    },
    async byId(id: number): Promise<Account | undefined> {
      const r = await selectUsers(db).where('users.id', '=', id).executeTakeFirst()
      return r && toAccount(r)
    },
    async list(): Promise<Account[]> {
      return (await selectUsers(db).orderBy('users.role').orderBy('users.username').execute()).map(toAccount)
    },
    async create(values: Pick<UserTable, 'username' | 'display_name' | 'role' | 'street_id' | 'password_hash'> & { must_change_password?: number }, at: string): Promise<number> {
      const { id } = await db.insertInto('users')
        .values({ ...values, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },
    async update(id: number, values: Partial<Pick<UserTable, 'display_name' | 'street_id' | 'password_hash' | 'disabled_at'>> & { must_change_password?: number }, at: string) {
      await db.updateTable('users').set({ ...values, updated_at: at }).where('id', '=', id).execute()
    },

    async createSession(values: { tokenHash: string, userId: number, at: string, expiresAt: string }) {
      await db.insertInto('sessions').values({
        token_hash: values.tokenHash,
        user_id: values.userId,
        created_at: values.at,
        last_seen_at: values.at,
        expires_at: values.expiresAt,
      }).execute()
    },
    async sessionByTokenHash(tokenHash: string) {
      return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
    },
    async touchSession(id: number, at: string) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
    },
    async deleteSession(tokenHash: string) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
    },
    /** Ends every session of a user, or all but one (`keep`, a token hash). */
    async deleteSessionsOf(userId: number, keep?: string) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId)
      if (keep)
        q = q.where('token_hash', '!=', keep)
      await q.execute()
    },

    /**
     * Counts a sign-in attempt before its password is checked, in one transaction: the attempt is written, then
     * the attempts in the window are counted with it. A burst of N parallel attempts therefore sees 1, 2, … N, and
     * only the limit's worth of them get a password check. The attempt stays (as a failure) unless the caller
     * forgets it: on success, or when it is refused for being over the limit.
     */
    async startLoginAttempt(usernameKey: string, clientKey: string, at: string, since: string) {
      return db.transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('login_failures')
          .values({ username_key: usernameKey, client_key: clientKey, at })
          .returning('id')
          .executeTakeFirstOrThrow()
        const count = async (column: 'username_key' | 'client_key', key: string) => Number((await trx.selectFrom('login_failures')
          .select(eb => eb.fn.countAll<number>().as('n'))
          .where(column, '=', key)
          .where('at', '>=', since)
          .executeTakeFirstOrThrow()).n)
        return {
          id,
          perAccount: await count('username_key', usernameKey),
          perClient: await count('client_key', clientKey),
        }
      })
    },
    async forgetLoginAttempt(id: number) {
      await db.deleteFrom('login_failures').where('id', '=', id).execute()
    },

    /** The newest entries of the admin audit log, with who acted. */
    async auditLog(limit: number) {
      return db.selectFrom('admin_audit')
        .leftJoin('users', 'users.id', 'admin_audit.actor_id')
        .select([
          'admin_audit.id',
          'admin_audit.at',
          'admin_audit.action',
          'admin_audit.target',
          'admin_audit.detail',
          'users.username',
          'users.display_name',
        ])
        .orderBy('admin_audit.id', 'desc')
        .limit(limit)
        .execute()
    },

    async audit(actorId: number | null, action: string, at: string, target?: string, detail?: string) {
      await db.insertInto('admin_audit').values({
        actor_id: actorId,
        action,
        at,
        target: target ?? null,
        detail: detail ?? null,
      }).execute()
    },
  }
}
export type AccountRepository = ReturnType<typeof createAccountRepository>
