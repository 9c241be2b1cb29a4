// The server hands memory back when it falls idle after serving (server/plugins/idle-collect.ts): one full
// collection once requests stop, only when the heap has grown, never while they go on; and the server as run
// (npm run serve) has the collector it needs.
import type { FastifyInstance } from 'fastify'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import idleCollect from '../../server/plugins/idle-collect'
import { serve } from './served'

const IDLE_MS = 60
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

describe('collecting when idle', () => {
  let app: FastifyInstance
  let collections = 0
  let heap = 0
  async function start(growth = 100) {
    collections = 0
    heap = 0
    app = Fastify()
    await app.register(idleCollect, {
      collect: () => {
        collections++
        heap = 0
      },
      heapUsed: () => heap,
      idleMs: IDLE_MS,
      growth,
    })
    app.get('/', async () => {
      heap += 50
      return { ok: true }
    })
    await app.ready()
  }
  afterEach(async () => {
    await app.close()
  })

  it('should collect once after answers that grew the heap, when none has come for a while', async () => {
    await start()
    for (let i = 0; i < 4; i++)
      expect((await app.inject('/')).statusCode).toBe(200)
    await sleep(IDLE_MS * 3)
    expect(collections).toBe(1)
    await sleep(IDLE_MS * 2)
    expect(collections, 'nothing new to hand back').toBe(1)
  })

  it('should not collect while answers keep coming, nor for a heap that barely grew', async () => {
    await start()
    const until = Date.now() + IDLE_MS * 4
    while (Date.now() < until) {
      await app.inject('/')
      await sleep(IDLE_MS / 4)
    }
    expect(collections).toBe(0)
    await app.close()

    await start(1000)
    await app.inject('/')
    await sleep(IDLE_MS * 3)
    expect(collections, 'one answer\'s garbage is not worth a collection').toBe(0)
  })
})

describe('the collection run when idle', () => {
  it('should compact the old generation, handing back the pages a burst left mostly empty', () => {
    // GC on the main thread only: with V8's helper threads the burst's garbage sometimes lands on few pages, and then
    // there is nothing to compact (the measurement's start varied from 28 to 226 MB of old space).
    const run = spawnSync(process.execPath, [
      '--expose-gc',
      '--single-threaded-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'idle-collect-heap.ts'),
    ], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    const { before, after, survivors } = JSON.parse(run.stdout) as Record<'before' | 'after', { size: number, used: number }> & { survivors: number }
    expect(survivors).toBe(75_000)
    // An ordinary full collection (told not to compact, as V8 mostly does not under load) keeps the emptied pages:
    // some 200 MB of old space for 16 MB in use.
    expect(before.size, 'the burst left emptied pages behind').toBeGreaterThan(before.used * 3)
    expect(after.used).toBeLessThanOrEqual(before.used * 1.1)
    expect(after.size, 'the emptied pages are handed back').toBeLessThan(after.used * 1.5 + 2)
  })
})

describe('the server as run', () => {
  it('should have the collector it needs to hand memory back (npm run serve)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credit-idle-'))
    const served = await serve(join(dir, 'credit.db'), dir)
    try {
      expect(served.output()).toContain('memory is handed back when idle')
      expect(served.output()).not.toContain('memory is not handed back')
    }
    finally {
      served.child.kill('SIGTERM')
      await served.exited
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
