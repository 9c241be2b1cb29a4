import type { Kysely } from 'kysely'

// Self-service kiosks (自助终端): a device is enabled by an admin-issued token and left only with its exit code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('kiosks')
    .addColumn('id', 'integer', c => c.primaryKey()) // shown as 自助终端 #id
    .addColumn('label', 'text', c => c.notNull()) // where it stands, e.g. 长宁区行政服务中心 1 号机
    .addColumn('token_hash', 'text', c => c.notNull().unique()) // SHA-256 of the device token
    .addColumn('exit_code_hash', 'text', c => c.notNull()) // keyed hash of the admin's exit code
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kiosks').execute()
}
