import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { DEMO_ADMIN } from '../../server/seed/data/accounts'
import { makeTempDir } from './helpers'
import { serve } from './served'

// Through the command an operator runs: `npm run serve`, then SIGTERM to npm (what a process manager sends).
describe('graceful shutdown', () => {
  const dir = makeTempDir()
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('should stop the server, close the database cleanly and exit 0 when npm run serve gets SIGTERM', async () => {
    const database = join(dir, 'credit.db')
    const server = await serve(database, dir)
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutting down')
    // better-sqlite3 checkpoints and removes the write-ahead log when the database is closed properly.
    expect(existsSync(`${database}-wal`)).toBe(false)
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
  }, 90_000)

  it('should let a request in flight finish with its real answer when SIGTERM arrives during it', async () => {
    // A sign-in at the real password cost takes most of a second: long enough to send the signal while it runs.
    const database = join(dir, 'inflight.db')
    const server = await serve(database, dir, { PASSWORD_HASH_COST: 'asvs' })
    const signIn = fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
      body: JSON.stringify({ username: DEMO_ADMIN.username, password: 'not-the-password' }),
    })
    await new Promise(resolve => setTimeout(resolve, 150))
    server.child.kill('SIGTERM')
    const res = await signIn
    expect(res.status).toBe(401)
    expect((await res.json() as { error: { code: string } }).error.code).toBe('LOGIN_FAILED')
    expect(await server.exited).toBe(0)
  }, 90_000)
})
