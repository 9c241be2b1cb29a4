// npm run demo:disable — turns a database that began as a demo into one production accepts: the demo accounts
// (whose password is in the README) and the demo kiosk (whose token is too) stop working at once. Their content
// and history stay; create the real first admin with npm run admin:create.
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { demoAccess } from '../lib/production'

const [command] = process.argv.slice(2)
if (command !== 'disable') {
  console.error('usage: tsx server/cli/demo.ts disable')
  process.exit(2)
}
const config = loadConfig()
const { db } = connect(config)
try {
  await migrateToLatest(db)
  const at = new Date().toISOString()
  const demo = await demoAccess(db)
  await db.transaction().execute(async (trx) => {
    if (demo.accounts.length) {
      const users = trx.selectFrom('users').select('id').where('username', 'in', demo.accounts)
      await trx.deleteFrom('sessions').where('user_id', 'in', users).execute()
      await trx.updateTable('users').set({ disabled_at: at, updated_at: at }).where('username', 'in', demo.accounts).execute()
      await trx.insertInto('admin_audit').values(demo.accounts.map(username => ({
        at,
        actor_id: null,
        action: 'user.disable',
        target: username,
        detail: 'demo account (command line)',
      }))).execute()
    }
    if (demo.kiosks.length)
      await trx.updateTable('kiosks').set({ disabled_at: at }).where('id', 'in', demo.kiosks).execute()
  })
  console.log(`disabled ${demo.accounts.length} demo account(s) and ${demo.kiosks.length} demo kiosk(s)`)
}
finally {
  await db.destroy()
}
