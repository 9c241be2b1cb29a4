import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { HASHING } from '../../server/auth/password'
import { buildTestApp } from './helpers'

// A flood of sign-ins: password hashing (scrypt at the real cost) runs a few at a time behind a bounded queue;
// beyond it a sign-in is refused at once with 503 SIGN_IN_BUSY and Retry-After, and not counted against the
// account or the address (nothing was checked). bench/load.mjs measures that the rest of the site stays fast.
describe('sign-in flood', () => {
  let t: TestApp
  const saved = { ...HASHING }

  beforeAll(async () => {
    t = await buildTestApp({
      env: { PASSWORD_HASH_COST: 'asvs' },
    })
  }, 60_000)
  afterAll(async () => {
    Object.assign(HASHING, saved)
    await t.close()
  })

  it('should check a bounded number of passwords and refuse the rest at once with 503 and Retry-After, counting none of them', async () => {
    // A small gate so that the test needs few requests: one hash at a time, two waiting.
    Object.assign(HASHING, { concurrent: 1, queued: 2 })
    const burst = Array.from({ length: 8 }, (_, i) => t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { [CSRF_HEADER]: CSRF_VALUE },
      payload: { username: `flood-user-${i}`, password: 'not-the-password' },
      remoteAddress: `203.0.113.${i + 1}`,
    }))
    const answers = await Promise.all(burst)
    const refused = answers.filter(res => res.statusCode === 503)
    const checked = answers.filter(res => res.statusCode === 401)
    expect(refused.length + checked.length).toBe(answers.length)
    expect(refused.length).toBeGreaterThan(0)
    expect(checked.length).toBeGreaterThanOrEqual(HASHING.concurrent + HASHING.queued)
    for (const res of refused) {
      expect(res.json<{ error: { code: string } }>().error.code).toBe('SIGN_IN_BUSY')
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    }
    // Only the checked attempts count towards the sign-in limits.
    const counted = await t.app.db.selectFrom('login_failures').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(counted.n)).toBe(checked.length)
  }, 60_000)
})
