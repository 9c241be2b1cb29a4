// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package binaries, a temporary
// directory, loopback only, no durability (fsync off: it is deleted afterwards). initdb refuses to run as root, so
// as root the cluster runs as the `postgres` user the package creates.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /**
     * CPU time the cluster has used so far, in ms: the postmaster and its live processes (backends, writers), and the
     * processes it has reaped (connections closed). From /proc, in clock ticks of 10 ms; for benchmarks.
     */
    cpuMs() {
      let ticks = 0
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry))
          continue
        let stat
        try {
          stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        }
        catch {
          continue // gone meanwhile
        }
        // After the command's name: state, ppid, … utime (14th field), stime, cutime, cstime.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        const pid = Number(entry)
        if (pid === postmaster)
          ticks += fields.slice(11, 15).reduce((sum, t) => sum + Number(t), 0)
        else if (Number(fields[1]) === postmaster)
          ticks += Number(fields[11]) + Number(fields[12])
      }
      return ticks * 10
    },
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
