// npm run intake:source -- create <authority USCC> "<name>" — registers a department system that pushes 双公示 records
// and prints its token (shown once; only its hash is stored). npm run intake:source -- revoke "<name>" — the token
// stops working at once. npm run intake:source -- list — the sources, their token state and last delivery.
import { isValidUscc, normalizeUscc } from '#common/codes/uscc'
import { loadConfig } from '../config'
import { connect, migrateToLatest } from '../db/database'
import { randomToken, sha256 } from '../lib/crypto'
import { nowIso } from '../lib/time'
import { createIntakeRepository } from '../repositories/intake'

const [command, ...rest] = process.argv.slice(2)
const config = loadConfig()
const { db } = connect(config)
try {
  await migrateToLatest(db)
  const intake = createIntakeRepository(db)
  if (command === 'create' && rest.length >= 2 && isValidUscc(normalizeUscc(rest[0]!))) {
    // An unquoted name arrives as several words: keep them all.
    const name = rest.slice(1).join(' ').trim()
    const token = randomToken()
    const id = await intake.createSource({
      name,
      authorityUscc: normalizeUscc(rest[0]!),
      tokenHash: sha256(token),
      at: nowIso(),
    })
    console.log(`source #${id} (${name}) registered`)
    console.log(`  token: ${token}`)
    console.log('  send it as "Authorization: Bearer <token>" to POST /api/intake/permissions or /api/intake/penalties.')
    console.log('It is not shown again; revoke it and create a new source if it is lost.')
  }
  else if (command === 'revoke' && rest.length > 0) {
    const name = rest.join(' ').trim()
    const done = await intake.revokeSource(name, nowIso())
    console.log(done
      ? `source "${name}" revoked`
      : `no active source "${name}"`)
    process.exitCode = done ? 0 : 1
  }
  else if (command === 'list') {
    for (const s of await intake.sources(nowIso(new Date(Date.now() - 30 * 86_400_000))))
      console.log(`#${s.id}\t${s.name}\t${s.authority_uscc}\t${s.revoked_at ? 'revoked' : 'active'}\tlast delivery: ${s.last_delivery_at ?? 'never'}\trows in 30 days: ${s.accepted} accepted, ${s.rejected} refused`)
  }
  else {
    console.error('usage: tsx server/cli/intake.ts create <authority USCC> "<name>" | revoke "<name>" | list')
    process.exitCode = 2
  }
}
finally {
  await db.destroy()
}
