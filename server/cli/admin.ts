// npm run admin:create -- <username> ["<display name>"] — creates a district admin with a random first password,
// printed once; it must be changed at first sign-in. The way to get the first admin of a real deployment.
import { randomBytes } from 'node:crypto'
import { hashPassword } from '../auth/password'
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { createAccountRepository } from '../repositories/accounts'

const [username, ...nameWords] = process.argv.slice(2)
if (!username || !/^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)) {
  console.error('usage: npm run admin:create -- <username: 3–32 of a-z 0-9 . _ -> ["<display name>"]')
  process.exit(2)
}
const config = loadConfig()
const { db } = connect(config)
try {
  await migrateToLatest(db)
  const accounts = createAccountRepository(db)
  if (await accounts.byUsername(username)) {
    console.error(`an account named ${username} exists already`)
    process.exitCode = 1
  }
  else {
    const password = randomBytes(12).toString('base64url')
    const at = new Date().toISOString()
    const id = await accounts.create({
      username,
      display_name: nameWords.join(' ') || username,
      role: 'admin',
      street_id: null,
      password_hash: await hashPassword(password, config.passwordHashCost),
      must_change_password: 1,
    }, at)
    await accounts.audit(null, 'user.create', at, username, 'admin (command line)')
    console.log(`admin #${id} ${username} created`)
    console.log(`  first password: ${password}`)
    console.log('It must be changed at first sign-in and is not shown again.')
  }
}
finally {
  await db.destroy()
}
