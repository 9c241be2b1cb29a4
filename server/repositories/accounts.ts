// Staff and admin accounts, their sessions, failed logins and the audit log of account actions.
import type { DB } from '../db/database'
import type { UserTable } from '../db/schema'
import type { Account } from '../domain/account'
import { engineSql } from '../db/engine'
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
  const words = engineSql(db)
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
    /**
     * Records a sign-in attempt as a failure before its password is checked (forgotten again if it is refused
     * unchecked or succeeds), in one transaction with the counts the limits need, so that parallel attempts each see
     * the ones before them.
     */
    async startLoginAttempt(usernameKey: string, clientKey: string, at: string, since: { pair: string, client: string, lock: string }) {
      return db.transaction().execute(async (trx) => {
        // Parallel attempts on one account or from one address (on any node) queue here, so each counts the others.
        await words.serialize(trx, [`login:user:${usernameKey}`, `login:client:${clientKey}`])
        const { id } = await trx.insertInto('login_failures')
          .values({ username_key: usernameKey, client_key: clientKey, at })
          .returning('id')
          .executeTakeFirstOrThrow()
        const pair = await trx.selectFrom('login_failures')
          .select(eb => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.max('at').as('last'),
          ])
          .where('username_key', '=', usernameKey)
          .where('client_key', '=', clientKey)
          .where('at', '>=', since.pair)
          .where('id', '!=', id)
          .executeTakeFirstOrThrow()
        const perClient = await trx.selectFrom('login_failures')
          .select(eb => eb.fn.countAll<number>().as('n'))
          .where('client_key', '=', clientKey)
          .where('at', '>=', since.client)
          .executeTakeFirstOrThrow()
        const addresses = await trx.selectFrom('login_failures')
          .select(eb => eb.fn.count<number>('client_key').distinct().as('n'))
          .where('username_key', '=', usernameKey)
          .where('at', '>=', since.lock)
          .executeTakeFirstOrThrow()
        const lock = await trx.selectFrom('login_locks')
          .select('locked_until')
          .where('username_key', '=', usernameKey)
          .where('locked_until', '>', at)
          .executeTakeFirst()
        return {
          id,
          /** Earlier failures of this account from this address, and when the last one was. */
          pairFailures: Number(pair.n),
          lastPairFailure: pair.last,
          perClient: Number(perClient.n),
          /** Distinct addresses that failed on this account lately, this one included. */
          addresses: Number(addresses.n),
          lockedUntil: lock?.locked_until ?? null,
        }
      })
    },
    async forgetLoginAttempt(id: number) {
      await db.deleteFrom('login_failures').where('id', '=', id).execute()
    },
    /** A successful sign-in clears what this address had failed on this account. */
    async forgetPairFailures(usernameKey: string, clientKey: string) {
      await db.deleteFrom('login_failures').where('username_key', '=', usernameKey).where('client_key', '=', clientKey).execute()
    },
    async lockLogin(usernameKey: string, at: string, until: string) {
      await db.insertInto('login_locks')
        .values({ username_key: usernameKey, locked_at: at, locked_until: until })
        .onConflict(oc => oc.column('username_key').doUpdateSet({ locked_at: at, locked_until: until }))
        .execute()
    },
    /** Lifts a lock and forgets the failures that led to it, so the account starts afresh. */
    async unlockLogin(usernameKey: string) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('login_locks').where('username_key', '=', usernameKey).execute()
        await trx.deleteFrom('login_failures').where('username_key', '=', usernameKey).execute()
      })
    },
    /** Locks in force, by username key. */
    async loginLocks(at: string): Promise<Map<string, string>> {
      const rows = await db.selectFrom('login_locks').select(['username_key', 'locked_until']).where('locked_until', '>', at).execute()
      return new Map(rows.map(r => [r.username_key, r.locked_until]))
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
