import type { Kysely } from 'kysely'

// Sign-in throttling per account and address (routes/auth.ts): pair lookups, and the accounts locked because many
// addresses failed on them (a distributed guessing attack), which an admin sees and can lift.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('login_failures_pair_idx').on('login_failures').columns(['username_key', 'client_key', 'at']).execute()
  await db.schema.createTable('login_locks')
    .addColumn('username_key', 'text', c => c.primaryKey())
    .addColumn('locked_at', 'text', c => c.notNull())
    .addColumn('locked_until', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_locks').execute()
  await db.schema.dropIndex('login_failures_pair_idx').execute()
}
