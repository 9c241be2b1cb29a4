// Memory handed back when the server falls idle. Under load V8 raises the limit at which it collects its old
// generation, so after a burst an idle server kept the garbage it had made: 300–470 MB resident where the live data
// was about 50 MB, until the next burst. When the heap has grown by IDLE_COLLECT_GROWTH since the last collection
// and no request has been answered for IDLE_COLLECT_MS, one full, compacting collection runs (tens of milliseconds,
// with nobody waiting) and the freed pages go back to the system. It needs V8's collector exposed: the server is
// started with --expose-gc (npm run serve, npm start); without it this does nothing, and says so at start.
import type { FastifyInstance } from 'fastify'
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import fp from 'fastify-plugin'

/** Quiet time after the last answer before collecting. */
export const IDLE_COLLECT_MS = 5_000
/** Growth of the heap in use since the last collection that is worth collecting for (a few requests' is not). */
export const IDLE_COLLECT_GROWTH = 32 * 1024 * 1024

export interface IdleCollectOptions {
  /** Runs a full collection; default: V8's, when exposed (--expose-gc). */
  collect?: () => void
  /** Bytes of heap in use; default: V8's heap statistics. */
  heapUsed?: () => number
  idleMs?: number
  growth?: number
}

/** V8's full collection, compacting, when the process was started with --expose-gc. */
export function exposedCollector(): (() => void) | undefined {
  // Called without options: a full, synchronous collection (Node 20's V8 ignores an options object).
  const gc = (globalThis as { gc?: () => void }).gc
  if (typeof gc !== 'function')
    return undefined
  return () => {
    // A collection that also compacts: after a burst the survivors are scattered over pages that are mostly empty,
    // and an ordinary full collection keeps those pages (old space 119 MB holding 45 MB of live objects after the
    // benchmark's load). V8 only compacts every page in this mode; it is switched on for this one collection.
    setFlagsFromString('--compact-on-every-full-gc')
    try {
      gc()
    }
    finally {
      setFlagsFromString('--no-compact-on-every-full-gc')
    }
  }
}

async function idleCollect(app: FastifyInstance, options: IdleCollectOptions) {
  const collect = options.collect ?? exposedCollector()
  const heapUsed = options.heapUsed ?? (() => getHeapStatistics().used_heap_size)
  const idleMs = options.idleMs ?? IDLE_COLLECT_MS
  const growth = options.growth ?? IDLE_COLLECT_GROWTH
  if (!collect) {
    app.log.info('memory is not handed back when idle: start the server with node --expose-gc')
    return
  }
  app.log.info({ idleMs }, 'memory is handed back when idle')
  let lastAnswer = 0
  let collectedAt = heapUsed()
  app.addHook('onResponse', async () => {
    lastAnswer = Date.now()
  })
  const timer = setInterval(() => {
    if (Date.now() - lastAnswer < idleMs || heapUsed() - collectedAt < growth)
      return
    const started = performance.now()
    collect()
    collectedAt = heapUsed()
    app.log.debug({
      heapUsed: collectedAt,
      ms: Math.round(performance.now() - started),
    }, 'collected while idle')
  }, Math.max(10, Math.floor(idleMs / 2)))
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}

export default fp(idleCollect, { name: 'idle-collect' })
