// A fresh server for a benchmark: its own temporary database (demo data seeded on start), the built app from dist/,
// a free loopback port. The caller stops it (and it never outlives the benchmark's process).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { buildServer, SERVER_MODULE } from '../../scripts/build-server.mjs'

export const ROOT = resolve(import.meta.dirname, '..', '..')

/** User and system CPU time, in ms, of the process or thread whose /proc `stat` file this is (clock ticks of 10 ms). */
function cpuMsOf(statFile) {
  const stat = readFileSync(statFile, 'utf8')
  const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number)
  return (utime + stime) * 10
}

/** A port the OS says is free on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolvePort(port))
    })
  })
}

/**
 * Starts the server as the deployment runs it (compiled: dist-server/server.mjs) and waits for /api/health.
 * @param {Record<string, string>} env extra environment (NODE_ENV defaults to development: the demo, as npm start)
 * @param {{ seedFirst?: boolean }} options seedFirst: seed the demo data with `npm run db:seed` before the server
 *   starts, so the server is measured as a deployed one runs (a server that has drawn the demo pictures keeps the
 *   image library it loaded for them)
 */
export async function startServer(env = {}, { seedFirst = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'credit-bench-'))
  const port = await freePort()
  const serverEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_PATH: join(dir, 'credit.db'),
    MEDIA_DIR: join(dir, 'media'),
    DIST_DIR: join(ROOT, 'dist'),
    LOG_LEVEL: 'warn',
    ...env,
  }
  if (seedFirst) {
    const seeded = spawnSync(process.execPath, [
      '--import',
      'tsx',
      'server/cli/db.ts',
      'seed',
    ], {
      cwd: ROOT,
      env: serverEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (seeded.status !== 0)
      throw new Error('seeding the demo data failed')
  }
  // As deployed: the server compiled by npm run build, from the sources as they are now.
  await buildServer()
  const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', SERVER_MODULE], {
    cwd: ROOT,
    env: serverEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const kill = () => child.kill('SIGKILL')
  process.on('exit', kill)
  child.on('exit', (code) => {
    if (code !== null && code !== 0)
      console.error(`server exited with ${code}`)
  })
  const origin = `http://127.0.0.1:${port}`
  for (let tries = 0; ; tries++) {
    if (await fetch(`${origin}/api/health`).then(r => r.ok, () => false))
      break
    if (tries > 240) {
      kill()
      throw new Error('server did not start within 2 minutes')
    }
    await new Promise(r => setTimeout(r, 500))
  }
  return {
    origin,
    port,
    pid: child.pid,
    /**
     * CPU time the server's JavaScript thread (the process's main thread, which also runs SQLite's queries) has
     * used so far, in ms (/proc: clock ticks of 10 ms).
     */
    threadCpuMs() {
      return cpuMsOf(`/proc/${child.pid}/task/${child.pid}/stat`)
    },
    /** CPU time of the whole server process so far (every thread: the JavaScript one, libuv's, the collector's), ms. */
    processCpuMs() {
      return cpuMsOf(`/proc/${child.pid}/stat`)
    },
    /** Resident set size of the server process now, in MB. */
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024)
    },
    async stop() {
      process.off('exit', kill)
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([
          exited,
          new Promise(r => setTimeout(r, 12_000)),
        ])
        kill()
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
