import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')
/** The API server as npm run build compiles it (scripts/build-server.mjs). */
const SERVER_MODULE = join(ROOT, 'dist-server', 'server.mjs')

export interface RunningServer {
  url: string
  port: number
  dataDir: string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address
        ? address.port
        : 0
      srv.close(() => ok(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok)
        return
    }
    catch {}
    await new Promise(r => setTimeout(r, 200))
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs} ms`)
}

/**
 * Starts the real server as deployed (dist-server/server.mjs, compiled by npm run build) on a free port with a fresh SQLite database seeded with demo data.
 * Pass `dataDir`/`port` to restart a stopped server on the same database and origin; `env` adds settings (e.g. DIST_DIR).
 */
export async function startServer(options: { dataDir?: string, port?: number, env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = options.port ?? await freePort()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'credit-e2e-'))
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [
    '--enable-source-maps',
    '--expose-gc',
    SERVER_MODULE,
  ], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SMS_ADAPTER: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dataDir, 'credit.db'),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  await waitForHealth(url, child)
  let stopped = false
  return {
    url,
    port,
    dataDir,
    stop: async () => {
      if (stopped)
        return
      stopped = true
      await new Promise<void>((ok) => {
        child.once('exit', () => ok())
        child.kill('SIGTERM')
      })
    },
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
