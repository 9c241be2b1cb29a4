// The server hands memory back when it falls idle after serving (server/plugins/idle-collect.ts): one full
// collection once requests stop, only when the heap has grown, never while they go on; and the server as run
// (npm run serve) has the collector it needs.
import type { FastifyInstance } from 'fastify'
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
