#!/usr/bin/env node
// npm run bench:load — mixed traffic against a fresh server on loopback, for a fixed time (not part of npm test).
// Kinds: public reads (lists, details, the app shell), searches, staff sign-ins (real password cost), staff writes,
// personal report flows (code → report, test SMS adapter) and the health route as the server's own floor. Each
// connection has its own loopback source address (127.0.0.x), as many phones would. Prints, per kind, requests,
// statuses and p50/p95/p99 beside the targets, and the server's RSS before and after; exits 1 on any 5xx other
// than deliberate load shedding (503 SIGN_IN_BUSY), or when public reads miss their p99 target both absolutely and
// relative to the health route's in the same run.
// Then a sign-in flood (waves of 60 parallel sign-ins every second, BENCH_FLOOD_SECONDS) while a few residents open
// the app: its script, shell and public API answers must stay under 100 ms at p99.
//   BENCH_SECONDS (default 60) · BENCH_CONNECTIONS (default 100) · BENCH_FLOOD_SECONDS (default 15)
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { ROOT, startServer } from './lib/server.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100)
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 15)
/** The flood comes in waves of 60 parallel sign-ins (the review's "60 parallel sign-ins"), one every second. */
const FLOOD_EVERY_MS = 1000
// Public reads: p99 ≤ 100 ms (the issue's figure), and — since the load generator shares this machine's cores and
// absolute times mean little here — no slower than 1.2 × the server's own floor (/api/health) in the same run.
const TARGETS = { publicP99: 100, publicToFloor: 1.2, duringFloodP99: 100 }
const CSRF = { 'x-requested-with': 'credit-changning' }
const DEMO_PASSWORD = 'changning-demo-2026'
const STAFF = [
  'huayang-road',
  'jiangsu-road',
  'xinhua-road',
  'zhoujiaqiao',
  'tianshan-road',
  'xianxia-xincun',
  'hongqiao',
  'chengjiaqiao',
  'beixinjing',
  'xinjing-town',
].map(k => `staff-${k}`)

// ── the server ─────────────────────────────────────────────────────────────────────────────────────────────────
const server = await startServer({
  NODE_ENV: 'test',
  SMS_ADAPTER: 'test',
  PASSWORD_HASH_COST: 'asvs',
  STAFF_ACTIVITIES_PER_DAY: '10000',
  STAFF_UPLOADS_PER_HOUR: '10000',
})
const port = server.port
const rssMb = () => server.rssMb()

function decode(body, encoding) {
  if (encoding === 'br')
    return brotliDecompressSync(body).toString()
  if (encoding === 'gzip')
    return gunzipSync(body).toString()
  return body.toString()
}

// ── one request ────────────────────────────────────────────────────────────────────────────────────────────────
function send(agent, method, path, { body, headers = {} } = {}) {
  return new Promise((resolveRes) => {
    const payload = body === undefined
      ? undefined
      : JSON.stringify(body)
    const started = performance.now()
    const req = request({
      host: '127.0.0.1',
      port,
      method,
      path,
      agent,
      headers: {
        ...(payload
          ? {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            }
          : {}),
        'accept-encoding': 'gzip, br',
        ...headers,
      },
    }, (res) => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolveRes({
        status: res.statusCode,
        ms: performance.now() - started,
        headers: res.headers,
        text: () => decode(Buffer.concat(chunks), res.headers['content-encoding']),
      }))
    })
    req.on('error', () => resolveRes({
      status: 0,
      ms: performance.now() - started,
      headers: {},
      text: () => '',
    }))
    req.end(payload)
  })
}

// ── what each kind does ───────────────────────────────────────────────────────────────────────────────────────
const stats = new Map()
/** 5xx answers other than deliberate load shedding. */
const fatal = []
function record(kind, res) {
  const entry = stats.get(kind) ?? {
    times: [],
    statuses: new Map(),
  }
  entry.times.push(res.ms)
  entry.statuses.set(res.status, (entry.statuses.get(res.status) ?? 0) + 1)
  stats.set(kind, entry)
  if (res.status >= 500 && !(res.status === 503 && res.text().includes('SIGN_IN_BUSY')))
    fatal.push(`${kind}: ${res.status} ${res.text().slice(0, 120)}`)
}

/** Public reads per path, to show which one holds the percentile up. */
const byPath = new Map()
function recordPath(path, res) {
  byPath.set(path, [
    ...(byPath.get(path) ?? []),
    res.ms,
  ])
}

const persons = JSON.parse(await new Promise((resolveJson) => {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    '-e',
    `import('./server/seed/data/load.ts').then(m => console.log(JSON.stringify(m.loadSeedData().persons.map(p => ({ name: p.name, idNumber: p.idNumber, phone: p.phone })))))`,
  ], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (c) => {
    out += c
  })
  child.on('exit', () => resolveJson(out))
}))
const benefitIds = JSON.parse((await send(undefined, 'GET', '/api/benefits?pageSize=50')).text()).items.map(b => b.id)
const articleIds = JSON.parse((await send(undefined, 'GET', '/api/articles?pageSize=50')).text()).items.map(a => a.id)
const TERMS = [
  '信用',
  '诚信',
  '养老',
  '修复',
  '志愿',
  '医疗',
  '红名单',
  '街道',
]
const pick = list => list[Math.floor(Math.random() * list.length)]
const hasApp = existsSync(join(ROOT, 'dist', 'index.html'))

const KINDS = [
  [
    'public read',
    55,
    async (w) => {
      const paths = [
        '/api/benefits',
        `/api/benefits/${pick(benefitIds)}`,
        '/api/articles',
        `/api/articles/${pick(articleIds)}`,
        '/api/streets',
        '/api/activities',
        '/api/benefits/categories',
      ]
      if (hasApp)
        paths.push('/', '/benefits')
      const path = pick(paths)
      const res = await send(w.agent, 'GET', path)
      record('public read', res)
      recordPath(path.replace(/\/\d+$/, '/:id'), res)
    },
  ],
  [
    'search',
    15,
    async (w) => {
      const path = Math.random() < 0.5
        ? `/api/search?q=${encodeURIComponent(pick(TERMS))}`
        : `/api/enterprises?q=${encodeURIComponent(pick(TERMS))}`
      record('search', await send(w.agent, 'GET', path))
    },
  ],
  [
    'sign-in',
    4,
    async (w) => {
      const res = await send(w.agent, 'POST', '/api/auth/login', {
        body: { username: w.staff, password: DEMO_PASSWORD },
        headers: CSRF,
      })
      record('sign-in', res)
      const cookie = res.headers['set-cookie']?.[0]?.split(';')[0]
      if (res.status === 200 && cookie)
        w.cookie = cookie
    },
  ],
  [
    'staff write',
    10,
    async (w) => {
      if (!w.cookie)
        return
      record('staff write', await send(w.agent, 'POST', '/api/staff/activities', {
        headers: { ...CSRF, cookie: w.cookie },
        body: {
          title: `压力测试 ${w.id}-${w.n++}`,
          category: 'publicity',
          startsAt: '2026-05-10T09:00:00+08:00',
          endsAt: '2026-05-10T11:30:00+08:00',
          place: '社区文化活动中心',
          summary: '压力测试。',
          body: '',
          photoIds: [],
        },
      }))
    },
  ],
  [
    'report flow',
    6,
    async (w) => {
      const person = pick(persons)
      const challenge = await send(w.agent, 'POST', '/api/personal/challenges', {
        body: { name: person.name, idNumber: person.idNumber, consent: true },
      })
      record('report flow', challenge)
      if (challenge.status !== 201)
        return
      const outbox = JSON.parse((await send(w.agent, 'GET', '/api/test/sms')).text())
      const code = outbox.find(m => m.to === person.phone)?.code
      if (code) {
        record('report flow', await send(w.agent, 'POST', '/api/personal/reports', {
          body: { challenge: JSON.parse(challenge.text()).challenge, code },
        }))
      }
    },
  ],
  [
    'health (floor)',
    10,
    async (w) => {
      record('health (floor)', await send(w.agent, 'GET', '/api/health'))
    },
  ],
]
const totalWeight = KINDS.reduce((sum, [, weight]) => sum + weight, 0)
function chooseKind() {
  let r = Math.random() * totalWeight
  for (const kind of KINDS) {
    r -= kind[1]
    if (r < 0)
      return kind
  }
  return KINDS[0]
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────────────────────
const rssBefore = rssMb()
console.log(`bench:load — ${CONNECTIONS} connections for ${SECONDS} s against 127.0.0.1:${port}${hasApp ? '' : ' (no dist/: app shell not included)'}`)
const deadline = Date.now() + SECONDS * 1000
const workers = Array.from({ length: CONNECTIONS }, (_, i) => ({
  id: i,
  n: 0,
  staff: STAFF[i % STAFF.length],
  cookie: null,
  agent: new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}` }),
}))
await Promise.all(workers.map(async (w) => {
  while (Date.now() < deadline) {
    const [, , run] = chooseKind()
    await run(w)
  }
  w.agent.destroy()
}))
const rssAfter = rssMb()

// ── a sign-in flood ─────────────────────────────────────────────────────────────────────────────────────────────
// Waves of 60 parallel sign-ins (real password cost), one a second, and a few residents meanwhile opening the app:
// its script, its shell and public API answers. Password hashing must not hold them up (#14.5).
const floodDeadline = Date.now() + FLOOD_SECONDS * 1000
const appScript = hasApp
  ? /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(ROOT, 'dist', 'index.html'), 'utf8'))?.[1]
  : undefined
const probes = { static: [], api: [] }
const floodStatuses = new Map()
const floodAgents = Array.from({ length: 64 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.3.${i + 2}` }))
await Promise.all([
  ...floodAgents.slice(0, 60).map(async (agent, i) => {
    while (Date.now() < floodDeadline) {
      const sent = Date.now()
      const res = await send(agent, 'POST', '/api/auth/login', {
        body: { username: STAFF[i % STAFF.length], password: DEMO_PASSWORD },
        headers: CSRF,
      })
      floodStatuses.set(res.status, (floodStatuses.get(res.status) ?? 0) + 1)
      if (res.status >= 500 && !res.text().includes('SIGN_IN_BUSY'))
        fatal.push(`sign-in flood: ${res.status} ${res.text().slice(0, 120)}`)
      // The next wave: each connection signs in again every FLOOD_EVERY_MS (sooner only if answered later).
      await new Promise(r => setTimeout(r, Math.max(0, FLOOD_EVERY_MS - (Date.now() - sent))))
    }
  }),
  ...floodAgents.slice(60).map(async (agent) => {
    while (Date.now() < floodDeadline) {
      for (const [kind, path] of [
        ['static', appScript],
        [
          'static',
          hasApp ? '/' : undefined,
        ],
        ['api', '/api/benefits'],
        ['api', `/api/articles/${pick(articleIds)}`],
      ]) {
        if (!path)
          continue
        const res = await send(agent, 'GET', path)
        probes[kind].push(res.ms)
        if (res.status >= 500)
          fatal.push(`probe during flood: ${path} ${res.status}`)
      }
      await new Promise(r => setTimeout(r, 20))
    }
  }),
])
await server.stop()

// ── the report ─────────────────────────────────────────────────────────────────────────────────────────────────
function percentile(sorted, p) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))]
    : Number.NaN
}
let publicP99 = Number.NaN
let floorP99 = Number.NaN
console.log(`\n${'kind'.padEnd(16)}${'requests'.padStart(9)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}  statuses   target`)
for (const [kind] of KINDS) {
  const entry = stats.get(kind)
  if (!entry)
    continue
  const sorted = [...entry.times].sort((a, b) => a - b)
  const p99 = percentile(sorted, 99)
  if (kind === 'public read')
    publicP99 = p99
  if (kind === 'health (floor)')
    floorP99 = p99
  const statuses = [
    ...entry.statuses.entries(),
  ].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')
  const target = kind === 'public read'
    ? `p99 ≤ ${TARGETS.publicP99} ms`
    : ''
  console.log(`${kind.padEnd(16)}${String(sorted.length).padStart(9)}${(sorted.length / SECONDS).toFixed(0).padStart(8)}${percentile(sorted, 50).toFixed(1).padStart(9)}${percentile(sorted, 95).toFixed(1).padStart(9)}${p99.toFixed(1).padStart(9)}  ${statuses}   ${target}`)
}
console.log('\npublic reads by path     p50 ms   p99 ms')
for (const [path, times] of [...byPath].sort((a, b) => a[0].localeCompare(b[0]))) {
  const sorted = [...times].sort((a, b) => a - b)
  console.log(`  ${path.padEnd(22)}${percentile(sorted, 50).toFixed(1).padStart(9)}${percentile(sorted, 99).toFixed(1).padStart(9)}`)
}
console.log(`\nserver RSS: ${rssBefore} MB before, ${rssAfter} MB after`)
console.log(`5xx (other than sign-in shedding): ${fatal.length} (target 0)`)
for (const line of fatal.slice(0, 10))
  console.log(`  ${line}`)
const mark = pass => pass ? '✔' : '✘'
const ratio = publicP99 / floorP99
console.log(`public reads p99 ${publicP99.toFixed(1)} ms   target ≤ ${TARGETS.publicP99} ms   ${mark(publicP99 <= TARGETS.publicP99)}`)
console.log(`public reads p99 / floor p99 ${ratio.toFixed(2)}   target ≤ ${TARGETS.publicToFloor}   ${mark(ratio <= TARGETS.publicToFloor)}${publicP99 > TARGETS.publicP99 && ratio <= TARGETS.publicToFloor
  ? '   (the floor itself is above 100 ms: the machine is saturated, not the reads)'
  : ''}`)
const floodP99 = {}
console.log(`\nsign-in flood (waves of 60 parallel sign-ins every ${FLOOD_EVERY_MS / 1000} s for ${FLOOD_SECONDS} s): sign-ins ${[
  ...floodStatuses.entries(),
].sort((a, b) => a[0] - b[0]).map(([st, n]) => `${st}×${n}`).join(' ')}`)
for (const [kind, times] of Object.entries(probes)) {
  const sorted = [...times].sort((a, b) => a - b)
  floodP99[kind] = percentile(sorted, 99)
  console.log(`  ${kind === 'static'
    ? 'app script and shell'
    : 'public API'} meanwhile: ${sorted.length} requests, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${floodP99[kind].toFixed(1)} ms   target p99 ≤ ${TARGETS.duringFloodP99} ms   ${mark(floodP99[kind] <= TARGETS.duringFloodP99)}`)
}
const floodOk = Object.values(floodP99).every(p99 => !(p99 > TARGETS.duringFloodP99))
const ok = fatal.length === 0 && floodOk && (publicP99 <= TARGETS.publicP99 || ratio <= TARGETS.publicToFloor)
console.log(ok ? 'bench:load: within targets' : 'bench:load: OUTSIDE targets')
process.exit(ok ? 0 : 1)
