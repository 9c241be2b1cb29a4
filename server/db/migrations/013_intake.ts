import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// 双公示 data intake: the departments that deliver records (sources), each import (a file an admin uploads, or a
// batch a source pushes), the rows an import staged after checking, the rows it rejected and why, and every change
// it made to credit_records (what a rollback undoes). Records written by an import carry their natural key
// (kind + decision document number + subject code) so the same row delivered twice changes nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('intake_sources')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('name', 'text', c => c.notNull().unique())
    .addColumn('authority_uscc', 'text', c => c.notNull())
    .addColumn('token_hash', 'text', c => c.unique()) // SHA-256 of the source's token; null once revoked
    .addColumn('token_created_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_delivery_at', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()

  await db.schema.createTable('intake_imports')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('source_id', 'integer', c => c.references('intake_sources.id'))
    .addColumn('kind', 'text', c => c.check(sql`kind IN ('licence', 'penalty')`))
    .addColumn('channel', 'text', c => c.notNull().check(sql`channel IN ('file', 'api')`))
    .addColumn('file_name', 'text')
    .addColumn('file_hash', 'text') // SHA-256 of the bytes received
    .addColumn('file_bytes', 'integer')
    .addColumn('encoding', 'text')
    .addColumn('batch_key', 'text') // a source's idempotency key for a pushed batch
    .addColumn('status', 'text', c => c.notNull().check(sql`status IN ('checking', 'checked', 'refused', 'committing', 'committed', 'rolledBack')`))
    .addColumn('refusal', 'text') // why a whole file was refused (encoding, size, columns…)
    .addColumn('rows_read', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', c => c.notNull().defaultTo(0)) // progress of a commit
    .addColumn('new_count', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('changed_count', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('unchanged_count', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('withdrawn_count', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('rejected_count', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('ignored_columns', 'text', c => c.notNull().defaultTo('[]')) // JSON: headers the standard does not know
    .addColumn('result', 'text') // JSON: a pushed batch's answer, sent again for the same batch key
    .addColumn('created_by', 'integer', c => c.references('users.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('committed_by', 'integer', c => c.references('users.id'))
    .addColumn('committed_at', 'text')
    .addColumn('rolled_back_by', 'integer', c => c.references('users.id'))
    .addColumn('rolled_back_at', 'text')
    .execute()
  await db.schema.createIndex('intake_imports_batch_idx').on('intake_imports').columns(['source_id', 'batch_key']).unique().where(sql.ref('batch_key'), 'is not', null).execute()
  await db.schema.createIndex('intake_imports_source_idx').on('intake_imports').columns(['source_id', 'created_at']).execute()

  await db.schema.createTable('intake_rows')
    .addColumn('import_id', 'integer', c => c.notNull().references('intake_imports.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', c => c.notNull())
    .addColumn('natural_key', 'text', c => c.notNull())
    .addColumn('action', 'text', c => c.notNull().check(sql`action IN ('new', 'changed', 'unchanged', 'withdrawn')`))
    .addColumn('record', 'text', c => c.notNull()) // JSON: the checked record (server/intake/record.ts)
    .addPrimaryKeyConstraint('intake_rows_pk', ['import_id', 'row_no'])
    .execute()
  // A file's rows are checked against the rows it staged before (a natural key twice in one file is refused).
  await db.schema.createIndex('intake_rows_key_idx').on('intake_rows').columns(['import_id', 'natural_key']).execute()

  await db.schema.createTable('intake_rejections')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('import_id', 'integer', c => c.notNull().references('intake_imports.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', c => c.notNull())
    .addColumn('column', 'text', c => c.notNull())
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('message', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('intake_rejections_import_idx').on('intake_rejections').columns(['import_id', 'row_no']).execute()

  await db.schema.createTable('intake_changes')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('import_id', 'integer', c => c.notNull().references('intake_imports.id'))
    .addColumn('record_id', 'integer', c => c.notNull()) // credit_records.id; enterprises.id or persons.id for a subject added
    .addColumn('action', 'text', c => c.notNull().check(sql`action IN ('insert', 'update', 'delete', 'enterprise', 'person')`))
    .addColumn('before', 'text') // JSON: the credit_records row before an update or delete
    .execute()
  await db.schema.createIndex('intake_changes_import_idx').on('intake_changes').columns(['import_id']).execute()
  await db.schema.createIndex('intake_changes_record_idx').on('intake_changes').columns(['record_id', 'action']).execute()

  await db.schema.alterTable('credit_records').addColumn('natural_key', 'text').execute()
  await db.schema.alterTable('credit_records').addColumn('intake_hash', 'text').execute()
  await db.schema.alterTable('credit_records').addColumn('import_id', 'integer').execute()
  await db.schema.alterTable('credit_records').addColumn('updated_at', 'text').execute()
  await db.schema.createIndex('credit_records_natural_key_idx').on('credit_records').column('natural_key').unique().where(sql.ref('natural_key'), 'is not', null).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('credit_records_natural_key_idx').execute()
  for (const column of [
    'natural_key',
    'intake_hash',
    'import_id',
    'updated_at',
  ])
    await db.schema.alterTable('credit_records').dropColumn(column).execute()
  for (const table of [
    'intake_changes',
    'intake_rejections',
    'intake_rows',
    'intake_imports',
    'intake_sources',
  ])
    await db.schema.dropTable(table).execute()
}
