// The embedded database keeps its prepared statements (server/db/statements.ts): the same answers as preparing each
// query anew, while a read of the same query iterates, a schema change and many distinct queries.
import type { OpenedDatabase } from '../../server/db/database'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database'
import { keepStatements, KEPT_STATEMENTS } from '../../server/db/statements'

describe('kept statements (SQLite)', () => {
  let opened: OpenedDatabase

  beforeEach(async () => {
    opened = openDatabase(':memory:')
    await sql`CREATE TABLE notes (id integer PRIMARY KEY, text text NOT NULL)`.execute(opened.db)
    await opened.db.insertInto('notes' as never).values([1, 2, 3].map(id => ({ id, text: `note ${id}` })) as never).execute()
  })
  afterEach(async () => {
    await opened.db.destroy()
  })

  const texts = async () => (await sql<{ text: string }>`SELECT text FROM notes ORDER BY id`.execute(opened.db)).rows.map(r => r.text)

  it('should answer a query run again with the rows as they are now', async () => {
    expect(await texts()).toEqual(['note 1', 'note 2', 'note 3'])
    await sql`UPDATE notes SET text = 'changed' WHERE id = 2`.execute(opened.db)
    await sql`INSERT INTO notes (id, text) VALUES (4, 'note 4')`.execute(opened.db)
    expect(await texts()).toEqual([
      'note 1',
      'changed',
      'note 3',
      'note 4',
    ])
  })

  it('should run the same query while a read of it is still iterating', async () => {
    const kept = keepStatements(opened.sqlite)
    const text = 'SELECT text FROM notes ORDER BY id'
    const iterated: unknown[] = []
    for (const row of kept.prepare(text).iterate([])) {
      iterated.push(row)
      // The kept statement is busy iterating: the same text is prepared afresh for this one.
      expect(kept.prepare(text).all([])).toEqual([
        { text: 'note 1' },
        { text: 'note 2' },
        { text: 'note 3' },
      ])
    }
    expect(iterated).toHaveLength(3)
    expect(kept.prepare(text).all([])).toHaveLength(3)
  })

  it('should follow a change of the table a kept statement reads', async () => {
    const all = async () => (await sql<Record<string, unknown>>`SELECT * FROM notes WHERE id = 1`.execute(opened.db)).rows[0]
    expect(await all()).toEqual({ id: 1, text: 'note 1' })
    await sql`ALTER TABLE notes ADD COLUMN tag text NOT NULL DEFAULT 'new'`.execute(opened.db)
    expect(await all()).toEqual({ id: 1, text: 'note 1', tag: 'new' })
  })

  it('should keep answering when more distinct queries run than it keeps', async () => {
    for (let i = 0; i < KEPT_STATEMENTS + 20; i++) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) + ${sql.lit(i)} AS n FROM notes`.execute(opened.db)
      expect(rows[0]?.n).toBe(3 + i)
    }
    expect(await texts()).toEqual(['note 1', 'note 2', 'note 3'])
  })
})
