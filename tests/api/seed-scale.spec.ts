// The district-sized data set (npm run db:seed:scale), at a small size: what it writes, that its codes are valid,
// that its firms are found by the search index, and that it refuses to write itself twice.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { isValidUscc } from '#common/codes/uscc'
import { makeTempDir } from './helpers'

const ROOT = resolve(import.meta.dirname, '../..')

function seedScale(database: string, firms: number) {
  return spawnSync(process.execPath, [
    '--import',
    'tsx',
    'server/cli/seed-scale.ts',
    '--firms',
    String(firms),
  ], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: database,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 120_000,
  })
}

describe('scale data set', () => {
  const dir = makeTempDir()
  const database = join(dir, 'credit.db')
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('should add the firms with valid codes, ten records each, and the other content in proportion, all found by the index', { timeout: 120_000 }, () => {
    const run = seedScale(database, 400)
    expect(run.status, run.stderr).toBe(0)
    const sqlite = new SQLite(database, { readonly: true })
    try {
      const firms = sqlite.prepare(`select id, uscc, name, is_demo from enterprises where uscc like '91310105MAW%'`).all() as { id: number, uscc: string, name: string, is_demo: number }[]
      expect(firms).toHaveLength(400)
      expect(firms.every(f => isValidUscc(f.uscc) && f.is_demo === 1)).toBe(true)
      const records = sqlite.prepare(`select count(*) from credit_records where enterprise_id in (select id from enterprises where uscc like '91310105MAW%')`).pluck().get()
      expect(records).toBe(4000)
      expect(sqlite.prepare(`select count(*) from benefits where key like 'scale-benefit-%'`).pluck().get()).toBe(10)
      expect(sqlite.prepare(`select count(*) from articles where key like 'scale-article-%'`).pluck().get()).toBe(40)
      expect(sqlite.prepare(`select count(*) from activities where key like 'scale-activity-%'`).pluck().get()).toBe(40)
      const sample = firms[123]!
      const found = sqlite.prepare(`select rowid from enterprises_fts where enterprises_fts match ?`).pluck().all(`"${sample.name.slice(2, 6)}"`) as number[]
      expect(found).toContain(sample.id)
    }
    finally {
      sqlite.close()
    }
  })

  it('should refuse to add the data set to a database that already holds it, and change nothing', { timeout: 120_000 }, () => {
    const count = () => {
      const sqlite = new SQLite(database, { readonly: true })
      try {
        return sqlite.prepare('select count(*) from enterprises').pluck().get()
      }
      finally {
        sqlite.close()
      }
    }
    const before = count()
    const again = seedScale(database, 400)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('already holds the scale data set')
    expect(count()).toBe(before)
  })
})
