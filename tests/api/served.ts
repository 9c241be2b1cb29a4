// The server as an operator runs it: `npm run serve` in a child process, on a free port, with its own database.
// For the tests that need a real process (signals, log output), not app.inject.
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT_DIR } from '../../server/config'

export interface Served {
  npm: ChildProcess
  /** http://127.0.0.1:<port> */
  url: string
  exited: Promise<number | null>
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string
}

/** Starts `npm run serve` (NODE_ENV=test, fast hashes unless `env` says otherwise) and waits until it listens. */
export async function serve(database: string, dir: string, env: Record<string, string> = {}): Promise<Served> {
  const npm = spawn('npm', ['run', 'serve'], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_PATH: database,
      DIST_DIR: join(dir, 'dist'),
      PASSWORD_HASH_COST: 'fast',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>(resolve => npm.on('exit', code => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    npm.stdout!.on('data', () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
  })
  return {
    npm,
    url,
    exited,
    output: () => output,
  }
}
