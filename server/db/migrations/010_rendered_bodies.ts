import type { Kysely } from 'kysely'
import { renderMarkdown } from '../../lib/markdown'

// Article and activity bodies are rendered to HTML once, when they are written, instead of on every read.
// Existing rows are rendered here; from now on every writer stores both columns (lib/markdown.ts#bodyColumns).
const TABLES = ['articles', 'activities'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = db as unknown as Kysely<Record<typeof TABLES[number], { id: number, body: string, body_html: string }>>
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('body_html', 'text', c => c.notNull().defaultTo('')).execute()
    for (const row of await rows.selectFrom(table).select(['id', 'body']).execute()) {
      await rows.updateTable(table).set({
        body_html: renderMarkdown(row.body),
      }).where('id', '=', row.id).execute()
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await db.schema.alterTable(table).dropColumn('body_html').execute()
}
