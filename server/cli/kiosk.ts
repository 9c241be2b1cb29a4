// npm run kiosk:create -- "长宁区行政服务中心 2 号机" — registers a kiosk and prints its device token and exit code
// (shown once; only their hashes are stored). npm run kiosk:disable -- <id> — the kiosk stops working at once.
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { createKioskRepository } from '../repositories/kiosks'

const [command, ...rest] = process.argv.slice(2)
// An unquoted label arrives as several words: keep them all.
const argument = rest.join(' ')
const config = loadConfig()
const { db } = connect(config)
try {
  await migrateToLatest(db)
  const kiosks = createKioskRepository(db, config.secret)
  if (command === 'create' && argument?.trim()) {
    const kiosk = await kiosks.create(argument.trim())
    console.log(`kiosk #${kiosk.id} (${kiosk.label}) registered`)
    console.log(`  device token: ${kiosk.token}`)
    console.log(`  set-up link:  /kiosk/setup#token=${kiosk.token}`)
    console.log(`  exit code:    ${kiosk.exitCode}`)
    console.log('Keep the exit code with the hall\'s administrator; neither is shown again.')
  }
  else if (command === 'disable' && /^\d+$/.test(argument ?? '')) {
    const done = await kiosks.disable(Number(argument))
    console.log(done
      ? `kiosk #${argument} disabled`
      : `no enabled kiosk #${argument}`)
    process.exitCode = done ? 0 : 1
  }
  else {
    console.error('usage: tsx server/cli/kiosk.ts create "<label>" | disable <id>')
    process.exitCode = 2
  }
}
finally {
  await db.destroy()
}
