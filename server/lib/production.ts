// What production refuses to start with: everything that makes a demo a demo. Each problem is named with its fix,
// so one start-up message is the operator's checklist (SECURITY.md lists the same).
import type { Config } from '../config'
import type { DB } from '../db/database'
import { DEMO_ADMIN, demoStaffUsername } from '../seed/data/accounts'
import { DEMO_KIOSKS } from '../seed/data/kiosks'
import { sha256 } from './crypto'

/** The enabled demo accounts and kiosks in this database (their names and tokens are public: README). */
export async function demoAccess(db: DB): Promise<{ accounts: string[], kiosks: number[] }> {
  const streets = await db.selectFrom('streets').select('key').execute()
  const names = [
    DEMO_ADMIN.username,
    ...streets.map(s => demoStaffUsername(s.key)),
  ]
  const accounts = await db.selectFrom('users').select('username').where('username', 'in', names).where('disabled_at', 'is', null).orderBy('username').execute()
  const kiosks = await db.selectFrom('kiosks').select('id').where('token_hash', 'in', DEMO_KIOSKS.map(k => sha256(k.token))).where('disabled_at', 'is', null).execute()
  return {
    accounts: accounts.map(a => a.username),
    kiosks: kiosks.map(k => k.id),
  }
}

/** Every reason this configuration and database must not serve real people; empty when production may start. */
export async function productionProblems(config: Config, db: DB): Promise<string[]> {
  const problems: string[] = []
  if (config.seedDemoData)
    problems.push('SEED_DEMO_DATA=true would fill an empty database with demo accounts and content: unset it (or set false)')
  if (config.smsAdapter === 'log')
    problems.push('SMS_ADAPTER=log writes one-time codes to the server log: set SMS_ADAPTER=http with SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN')
  if (!config.secretFromEnv)
    problems.push('APP_SECRET is not set (a generated key in a file beside the database is for demos): set APP_SECRET to 32+ random characters kept in your secret store')
  if (!config.publicOrigin)
    problems.push('PUBLIC_ORIGIN is not set: set it to the https:// address residents use (session cookies become Secure, HSTS is on)')
  else if (!config.publicOrigin.startsWith('https://'))
    problems.push(`PUBLIC_ORIGIN=${config.publicOrigin} is not https: serve the app over TLS and give its https:// address`)
  const demo = await demoAccess(db)
  if (demo.accounts.length)
    problems.push(`demo accounts can sign in with the published password (${demo.accounts.join(', ')}): run npm run demo:disable`)
  if (demo.kiosks.length)
    problems.push(`the demo kiosk token is enabled (kiosk #${demo.kiosks.join(', #')}): run npm run demo:disable`)
  return problems
}
