// npm run db:migrate | db:seed | db:reset — maintenance commands on the configured database.
import { rmSync } from 'node:fs'
import { loadConfig } from '../config'
import { migrateToLatest, openDatabase } from '../db/database'
import { seedDemoData } from '../seed/index'

const command = process.argv[2]
const config = loadConfig()

async function main() {
  if (command === 'reset' && config.databasePath !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${config.databasePath}${suffix}`, { force: true })
    console.log(`removed ${config.databasePath}`)
  }
  const { db } = openDatabase(config.databasePath)
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

if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
  console.error('usage: tsx server/cli/db.ts migrate|seed|reset')
  process.exit(2)
}
await main()
