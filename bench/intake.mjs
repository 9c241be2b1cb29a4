import { once } from 'node:events'
// npm run bench:intake [-- --rows 200000]: a district-sized 双公示 file imported through the real server, as an admin
// does (upload, check, commit), with the server's memory sampled throughout and /api/health asked every 100 ms to
// show the server stays responsive while it works. Each figure is printed beside its target. Not part of npm test.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { usccCheckChar } from '../common/codes/uscc.ts'
import { startServer } from './lib/server.mjs'

const argRows = process.argv.indexOf('--rows')
const ROWS = argRows > 0
  ? Number(process.argv[argRows + 1])
  : 200_000
const CSRF = { 'x-requested-with': 'credit-changning' }

// ── A deterministic, fictional file: firms of Changning with valid check characters, penalties across authorities ──
function uscc(n) {
  const first17 = `91310105MA${String(n).padStart(7, '0')}`
  return first17 + usccCheckChar(first17)
}
const AUTHORITIES = [
  '上海市长宁区市场监督管理局',
  '上海市长宁区城市管理行政执法局',
  '上海市长宁区生态环境局',
  '上海市长宁区卫生健康委员会',
  '上海市长宁区消防救援支队',
]
const TYPES = [
  ['警告', '给予警告。'],
  ['罚款', '罚款人民币5000元。'],
  ['警告;罚款', '给予警告，并处罚款人民币20000元。'],
  ['责令停产停业', '责令停业整顿七日。'],
]
let seed = 42
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648

async function writeFile(path) {
  const out = createWriteStream(path)
  const header = 'cf_xdr_mc,cf_xdr_lb,cf_xdr_shxym,cf_wsh,cf_wfxw,cf_sy,cf_yj,cf_cflb,cf_nr,cf_nr_fk,cf_jdrq,cf_cfjg\r\n'
  out.write(`\uFEFF${header}`)
  const firms = Math.max(1, Math.round(ROWS / 4))
  for (let i = 0; i < ROWS; i++) {
    const firm = 1 + Math.floor(random() * firms)
    const [type, content] = TYPES[Math.floor(random() * TYPES.length)]
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 330) * 86_400_000).toISOString().slice(0, 10)
    const line = `上海长宁基准测试${firm}号有限公司,法人及非法人组织,${uscc(firm)},沪长罚〔2026〕${i + 1}号,未按规定履行义务,检查发现当事人未按规定履行相关义务。,相关法律法规第一条,${type},${content},${(random() * 5).toFixed(2)},${day},${AUTHORITIES[i % AUTHORITIES.length]}\r\n`
    if (!out.write(line))
      await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const dir = mkdtempSync(join(tmpdir(), 'credit-bench-intake-'))
const file = join(dir, 'penalties.csv')
let started = Date.now()
await writeFile(file)
const bytes = statSync(file).size
console.log(`file: ${ROWS.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB, written in ${((Date.now() - started) / 1000).toFixed(1)} s`)

/**
 * One import on a fresh server. `heapMb` caps V8's old space: uncapped, V8 lets collectable garbage pile up before it
 * collects (RSS grows with the file though live memory does not); capped, the same import shows what it really keeps.
 */
async function importOnce(heapMb) {
  console.log(heapMb
    ? `\n— server with its heap capped at ${heapMb} MB (--max-old-space-size) —`
    : '\n— server as deployed (V8 default heap) —')
  const server = await startServer(heapMb
    ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` }
    : {})
  try {
    const login = await fetch(`${server.origin}/api/auth/login`, {
      method: 'POST',
      headers: { ...CSRF, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-admin', password: 'changning-demo-2026' }),
    })
    const cookie = login.headers.get('set-cookie').split(';')[0]
    const baseline = server.rssMb()
    let peak = baseline
    const latencies = []
    const sampling = { on: true }
    const sampler = (async () => {
      while (sampling.on) {
        const t0 = performance.now()
        await fetch(`${server.origin}/api/health`).then(r => r.arrayBuffer())
        latencies.push(performance.now() - t0)
        peak = Math.max(peak, server.rssMb())
        await new Promise(r => setTimeout(r, 100))
      }
    })()

    const poll = async (id, until) => {
      for (;;) {
        const found = await (await fetch(`${server.origin}/api/admin/intake/imports/${id}`, {
          headers: { cookie },
        })).json()
        if (until.includes(found.status))
          return found
        await new Promise(r => setTimeout(r, 250))
      }
    }

    started = Date.now()
    const upload = await fetch(`${server.origin}/api/admin/intake/imports?fileName=penalties.csv`, {
      method: 'POST',
      headers: { ...CSRF, cookie, 'content-type': 'application/octet-stream' },
      body: createReadStream(file),
      duplex: 'half',
    })
    if (upload.status !== 201)
      throw new Error(`upload answered ${upload.status}: ${await upload.text()}`)
    const { id } = await upload.json()
    const uploadedIn = (Date.now() - started) / 1000
    const checked = await poll(id, ['checked', 'refused'])
    const checkedIn = (Date.now() - started) / 1000
    if (checked.status !== 'checked')
      throw new Error(`refused: ${checked.refusal}`)
    started = Date.now()
    const commit = await fetch(`${server.origin}/api/admin/intake/imports/${id}/commit`, {
      method: 'POST',
      headers: { ...CSRF, cookie },
    })
    if (!commit.ok)
      throw new Error(`commit answered ${commit.status}`)
    const committed = await poll(id, ['committed'])
    const committedIn = (Date.now() - started) / 1000
    sampling.on = false
    await sampler

    latencies.sort((a, b) => a - b)
    const p = q => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0)
    const total = checkedIn + committedIn
    const mark = ok => ok ? '✔' : '✘'
    console.log(`counts: ${JSON.stringify(committed.counts)}`)
    console.log(`upload ${uploadedIn.toFixed(1)} s · check ${(checkedIn - uploadedIn).toFixed(1)} s · commit ${committedIn.toFixed(1)} s`)
    console.log(`${mark(total <= 300)} upload + check + commit: ${total.toFixed(1)} s (${Math.round(ROWS / total).toLocaleString('en')} rows/s)  target ≤ 300 s for ${ROWS.toLocaleString('en')} rows`)
    const memory = `server memory: ${baseline} MB before, peak ${peak} MB (+${peak - baseline} MB) for a ${(bytes / 1024 / 1024).toFixed(0)} MB file`
    console.log(heapMb
      ? `${mark(peak - baseline <= 150)} ${memory}  target flat: ≤ +150 MB, well under the file`
      : `  ${memory} (uncollected garbage included)`)
    console.log(`${mark(Number(p(0.99)) <= 250)} /api/health while importing: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${latencies.at(-1).toFixed(0)} ms over ${latencies.length} requests  target p99 ≤ 250 ms`)
  }
  finally {
    await server.stop()
  }
}

try {
  await importOnce(null)
  await importOnce(160)
}
finally {
  rmSync(dir, { recursive: true, force: true })
}
