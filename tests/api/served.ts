// The server as an operator runs it: `npm run serve` (or, as process managers do, `node dist-server/server.mjs`),
// compiled from the sources as they are now (scripts/build-server.mjs, once per test process), in a child process,
// on a free port, with its own database. For the tests that need a real process (signals, kills, log output), not
// app.inject.
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildServer, SERVER_MODULE } from '../../scripts/build-server.mjs'
import { ROOT_DIR } from '../../server/config'

let built: Promise<void> | undefined

/** The compiled server, built from the current sources once per test process. */
export async function builtServer(): Promise<string> {
  built ??= buildServer()
  await built
  return SERVER_MODULE
}

export interface Served {
  /** npm, or the server itself when started through its node entry point. */
  child: ChildProcess
  /** http://127.0.0.1:<port> */
  url: string
  exited: Promise<number | null>
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string
}

/** Starts the server (NODE_ENV=test, fast hashes unless `env` says otherwise) and waits until it listens. */
export async function serve(database: string, dir: string, env: Record<string, string> = {}, entry: 'npm' | 'node' = 'npm'): Promise<Served> {
  const module = await builtServer()
  const [command, args]: [string, string[]] = entry === 'npm'
    ? [
        'npm',
        ['run', 'serve'],
      ]
    : [
        process.execPath,
        [module],
      ]
  const child = spawn(command, args, {
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
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    child.stdout!.on('data', () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
  })
  return {
    child,
    url,
    exited,
    output: () => output,
  }
}
