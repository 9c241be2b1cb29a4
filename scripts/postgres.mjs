// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package binaries, a temporary
// directory, loopback only, no durability (fsync off: it is deleted afterwards). initdb refuses to run as root, so
// as root the cluster runs as the `postgres` user the package creates.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The newest installed PostgreSQL's bin directory, or null. */
export function postgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root))
    return null
  const versions = readdirSync(root).filter(v => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions.length > 0
    ? join(root, versions[0], 'bin')
    : null
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/**
 * Starts a cluster; returns its maintenance database's URL (postgres://postgres@127.0.0.1:PORT/postgres) and a stop
 * function, or null when PostgreSQL is not installed.
 */
export async function startPostgres() {
  const bin = postgresBin()
  if (!bin)
    return null
  const dir = mkdtempSync(join(tmpdir(), 'credit-pg-'))
  chmodSync(dir, 0o755)
  const asRoot = process.getuid?.() === 0
  if (asRoot)
    execFileSync('chown', ['postgres', dir])
  const run = (command, args) => {
    const result = asRoot
      ? spawnSync('runuser', [
          '-u',
          'postgres',
          '--',
          join(bin, command),
          ...args,
        ], { encoding: 'utf8' })
      : spawnSync(join(bin, command), args, { encoding: 'utf8' })
    if (result.status !== 0)
      throw new Error(`${command} failed: ${result.stderr || result.stdout}`)
  }
  const port = await freePort()
  const data = join(dir, 'data')
  run('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    'start',
  ])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      }
      finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
