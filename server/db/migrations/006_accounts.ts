import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Staff and district-office accounts, their server-side sessions, and the audit log of account actions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('users')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('username', 'text', c => c.notNull().unique())
    .addColumn('display_name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull().check(sql`role IN ('staff', 'admin')`))
    .addColumn('street_id', 'integer', c => c.references('streets.id'))
    .addColumn('password_hash', 'text', c => c.notNull())
    .addColumn('must_change_password', 'integer', c => c.notNull().defaultTo(0).check(sql`must_change_password IN (0, 1)`))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    // Street staff belong to exactly one street; admins to none.
    .addCheckConstraint('users_street_role', sql`(role = 'staff') = (street_id IS NOT NULL)`)
    .execute()

  await db.schema.createTable('sessions')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('token_hash', 'text', c => c.notNull().unique()) // SHA-256 of the cookie value
    .addColumn('user_id', 'integer', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('last_seen_at', 'text', c => c.notNull())
    .addColumn('expires_at', 'text', c => c.notNull()) // absolute limit
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  // Failed logins, for the per-account and per-client limits (the account may not exist: keyed by name).
  await db.schema.createTable('login_failures')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('at', 'text', c => c.notNull())
    .addColumn('username_key', 'text', c => c.notNull())
    .addColumn('client_key', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('login_failures_user_idx').on('login_failures').columns(['username_key', 'at']).execute()
  await db.schema.createIndex('login_failures_client_idx').on('login_failures').columns(['client_key', 'at']).execute()

  await db.schema.createTable('admin_audit')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('at', 'text', c => c.notNull())
    .addColumn('actor_id', 'integer', c => c.references('users.id'))
    .addColumn('action', 'text', c => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'admin_audit',
    'login_failures',
    'sessions',
    'users',
  ])
    await db.schema.dropTable(table).execute()
}
