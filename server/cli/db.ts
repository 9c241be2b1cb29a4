// npm run db:migrate | db:seed | db:reset | db:backup -- <file> | db:restore -- <file> — maintenance commands on the
// configured database.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { backup, restore } from '../lib/backup'
import { seedDemoData } from '../seed/index'

const [command, file] = process.argv.slice(2)
const USAGE = 'usage: tsx server/cli/db.ts migrate | seed | reset | backup <file> | restore <file>'

if (![
  'migrate',
  'seed',
  'reset',
  'backup',
  'restore',
].includes(command ?? '') || ((command === 'backup' || command === 'restore') && !file)) {
  console.error(USAGE)
  process.exit(2)
}
const config = loadConfig()

async function migrateAndSeed() {
  if (command === 'reset' && config.databaseUrl) {
    const { db } = connect(config)
    try {
      await sql`DROP SCHEMA public CASCADE`.execute(db)
      await sql`CREATE SCHEMA public`.execute(db)
    }
    finally {
      await db.destroy()
    }
    console.log('emptied the PostgreSQL database')
  }
  else if (command === 'reset' && config.databasePath !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${config.databasePath}${suffix}`, { force: true })
    console.log(`removed ${config.databasePath}`)
  }
  const { db } = connect(config)
  try {
    const migrated = await migrateToLatest(db)
    console.log(`migrations applied: ${migrated.results?.filter(r => r.status === 'Success').length ?? 0}`)
    if (command === 'seed' || command === 'reset') {
      const counts = await seedDemoData(db, { secret: config.secret, passwordHashCost: config.passwordHashCost })
      console.log('demo data inserted (existing rows kept):', counts)
    }
  }
  finally {
    await db.destroy()
  }
}

try {
  if (command === 'backup') {
    const target = resolve(file!)
    const manifest = await backup(config, target)
    const rows = Object.values(manifest.rows).reduce((a, b) => a + b, 0)
    console.log(`backup written to ${target}: ${rows} rows, ${manifest.pictures} pictures${manifest.withSecretKey ? ', secret.key' : ''}`)
  }
  else if (command === 'restore') {
    const result = await restore(config, resolve(file!))
    console.log(`restored the backup of ${result.manifest.createdAt} into ${config.databasePath}; ${result.picturesAdded} pictures added`)
    if (result.previous)
      console.log(`the database it replaced is kept as ${result.previous}`)
    // A backup from an older version gets this version's migrations.
    await migrateAndSeed()
  }
  else {
    await migrateAndSeed()
  }
}
catch (err) {
  console.error(`db:${command} failed: ${err instanceof Error
    ? err.message
    : String(err)}`)
  process.exit(1)
}
