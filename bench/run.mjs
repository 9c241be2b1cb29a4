#!/usr/bin/env node
// npm run bench — the performance issue's figures (#13), measured side by side in one run on this machine and
// printed beside their targets with ✔ or ✘; written to bench/RESULTS.md with the date and commit. Not part of
// npm test (it takes about 20 minutes). Needs a build (npm run build) and fonts-noto-cjk (else Chromium draws
// Chinese as empty boxes and measures text phones never show).
//
//   sizes      first-route and per-route JS/CSS (gzip, from Vite's manifest), the service worker's precache
//   lighthouse each route, LH_RUNS runs (default 5), medians, beside a static floor page built from the home page's
//              content in the same run; a repeat visit with the service worker in control
//   pictures   home page picture bytes at Lighthouse's phone density (1.75)
//   api        autocannon on every public read endpoint and /api/health, BENCH_CONNECTIONS (50) for
//              BENCH_API_SECONDS (10) each; RSS of the server at the end
// BENCH_ONLY=sizes,api runs some sections only (RESULTS.md is written only by a full run).
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { load, publicEndpoints } from './lib/api.mjs'
import { firstRouteFiles, KB, measure, precache, readBuild, routeFiles } from './lib/assets.mjs'
import { floorHtml, serveFloor } from './lib/floor.mjs'
import { openBrowser, pictureBytes } from './lib/pictures.mjs'
import { ROOT, startServer } from './lib/server.mjs'

const LH_RUNS = Number(process.env.LH_RUNS ?? 5)
const API_SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ALL = [
  'sizes',
  'lighthouse',
  'pictures',
  'api',
]
const ONLY = process.env.BENCH_ONLY
  ? process.env.BENCH_ONLY.split(',')
  : ALL
const CHROME_PATH = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium'

const TARGETS = {
  firstRouteJsKB: 70,
  firstRouteCssKB: 12,
  precacheKB: 150,
  perf: 98,
  otherScores: 100,
  lcpToFloor: 1.3,
  fcpToFloor: 1.2,
  tbtMs: 100,
  cls: 0.02,
  repeatLcpToFloor: 1.0,
  homePicturesKB: 40,
  apiToHealth: 0.4,
  apiP99Ms: 50,
  rssMB: 200,
}

/** Routes and the page module each one loads. */
const ROUTES = [
  { path: '/', page: null }, // part of the first route
  { path: '/benefits', page: 'src/pages/BenefitsPage.vue' },
  { path: '/benefits/:id', page: 'src/pages/BenefitDetailPage.vue' },
  { path: '/publicity', page: 'src/pages/PublicityPage.vue' },
  { path: '/query', page: 'src/pages/QueryPage.vue' },
  { path: '/kiosk/setup', page: 'src/pages/kiosk/KioskSetupPage.vue' },
  { path: '/verify', page: 'src/pages/VerifyPage.vue' },
]

if (!existsSync(CHROME_PATH) && ONLY.some(s => s === 'lighthouse' || s === 'pictures')) {
  console.error(`Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`)
  process.exit(1)
}
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'))
  console.warn('warning: fonts-noto-cjk is not installed — Chinese is drawn as empty boxes and paints are not what phones show')

const build = readBuild(join(ROOT, 'dist'))
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim() !== ''
    return dirty
      ? `${head} (with uncommitted changes)`
      : head
  }
  catch {
    return 'unknown'
  }
})()

/** Lines of the report, in Markdown; printed as they come. */
const report = []
function out(line = '') {
  report.push(line)
  console.log(line)
}
const mark = ok => (ok ? '✔' : '✘')
const kb = bytes => `${(bytes / KB).toFixed(1)} KB`
function ms(value) {
  return value == null
    ? '–'
    : `${Math.round(value)} ms`
}
function ratio(value) {
  return value == null
    ? '–'
    : `${value.toFixed(2)}×`
}
let misses = 0
function check(ok) {
  if (!ok)
    misses++
  return mark(ok)
}

out(`# Benchmark results`)
out()
out(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · commit ${commit} · ${(await import('node:os')).cpus().length} cores · Node ${process.version}`)
out()

// ── sizes ──────────────────────────────────────────────────────────────────────────────────────────────────────
if (ONLY.includes('sizes')) {
  out('## What each route downloads (gzip, from the build manifest)')
  out()
  const first = measure(build, firstRouteFiles(build))
  out(`First route: JS ${kb(first.js.gzip)} ${check(first.js.gzip <= TARGETS.firstRouteJsKB * KB)} (target ≤ ${TARGETS.firstRouteJsKB} KB) · CSS ${kb(first.css.gzip)} ${check(first.css.gzip <= TARGETS.firstRouteCssKB * KB)} (≤ ${TARGETS.firstRouteCssKB} KB)`)
  out()
  out('| route | JS | CSS |')
  out('|---|---|---|')
  for (const route of ROUTES) {
    const sizes = measure(build, route.page
      ? routeFiles(build, route.page)
      : firstRouteFiles(build))
    out(`| \`${route.path}\` | ${kb(sizes.js.gzip)} | ${kb(sizes.css.gzip)} |`)
  }
  const cached = precache(build)
  out()
  out(`Service-worker precache: ${cached.entries} entries, ${kb(cached.gzip)} ${check(cached.gzip <= TARGETS.precacheKB * KB)} (target ≤ ${TARGETS.precacheKB} KB)`)
  out()
}

const server = ONLY.some(s => s !== 'sizes')
  ? await startServer({}, { seedFirst: true })
  : null
try {
  // ── lighthouse ───────────────────────────────────────────────────────────────────────────────────────────────
  if (server && ONLY.includes('lighthouse')) {
    const { coldRuns, repeatRuns, medians, LIGHTHOUSE_VERSION } = await import('./lib/lighthouse.mjs')
    const firstBenefit = (await fetch(`${server.origin}/api/benefits`).then(r => r.json())).items[0].id
    const floor = await serveFloor(await floorHtml(server.origin, CHROME_PATH), server.origin)
    const progress = label => (run, i, error) => {
      const which = i < LH_RUNS
        ? `${i + 1}/${LH_RUNS}`
        : `${i + 1} (again)`
      console.error(`  ${label} run ${which}: ${run
        ? `perf ${run.perf} · LCP ${ms(run.lcp)}`
        : `failed (${error?.message})`}`)
    }
    try {
      out(`## First visit (Lighthouse ${LIGHTHOUSE_VERSION}, mobile defaults, median of ${LH_RUNS})`)
      out()
      const floorRun = medians(await coldRuns(floor.url, LH_RUNS, progress('floor')))
      out(`Static floor (the home page's content and CSS as plain HTML): FCP ${ms(floorRun.fcp)} · LCP ${ms(floorRun.lcp)}`)
      out()
      out(`Targets: performance ≥ ${TARGETS.perf}; accessibility, best practices, SEO ${TARGETS.otherScores}; FCP ≤ ${TARGETS.fcpToFloor}× floor; LCP ≤ ${TARGETS.lcpToFloor}× floor; TBT ≤ ${TARGETS.tbtMs} ms; CLS ≤ ${TARGETS.cls}.`)
      out()
      out('| route | perf | a11y · bp · SEO | FCP (× floor) | LCP (× floor) | TBT | CLS | script before paint | API calls before paint |')
      out('|---|---|---|---|---|---|---|---|---|')
      for (const route of ROUTES) {
        const path = route.path.replace(':id', String(firstBenefit))
        const m = medians(await coldRuns(`${server.origin}${path}`, LH_RUNS, progress(path)))
        if (m.runs === 0) {
          misses++
          out(`| \`${path}\` | no successful run ✘ | | | | | | | |`)
          continue
        }
        const fcpRatio = m.fcp / floorRun.fcp
        const lcpRatio = m.lcp / floorRun.lcp
        const others = [m.a11y, m.bp, m.seo]
        const runs = m.runs < LH_RUNS
          ? ` (${m.runs} runs)`
          : ''
        out(`| \`${path}\`${runs} | ${m.perf} ${check(m.perf >= TARGETS.perf)} | ${others.join(' · ')} ${check(others.every(s => s >= TARGETS.otherScores))} `
          + `| ${ms(m.fcp)} (${ratio(fcpRatio)}) ${check(fcpRatio <= TARGETS.fcpToFloor)} | ${ms(m.lcp)} (${ratio(lcpRatio)}) ${check(lcpRatio <= TARGETS.lcpToFloor)} `
          + `| ${ms(m.tbt)} ${check(m.tbt <= TARGETS.tbtMs)} | ${m.cls.toFixed(3)} ${check(m.cls <= TARGETS.cls)} | ${kb(m.scriptBytesBeforePaint)} | ${m.fetchBeforePaint} |`)
      }
      const repeat = medians(await repeatRuns(`${server.origin}/`, LH_RUNS, progress('repeat /')))
      const repeatRatio = repeat.lcp / floorRun.lcp
      out()
      out(`Repeat visit to \`/\` with the service worker in control: FCP ${ms(repeat.fcp)} · LCP ${ms(repeat.lcp)} (${ratio(repeatRatio)} the floor's cold LCP) ${check(repeatRatio <= TARGETS.repeatLcpToFloor)} (target ≤ ${TARGETS.repeatLcpToFloor}×)`)
      out()
    }
    finally {
      await floor.stop()
    }
  }

  // ── pictures ─────────────────────────────────────────────────────────────────────────────────────────────────
  if (server && ONLY.includes('pictures')) {
    const browser = await openBrowser(CHROME_PATH)
    try {
      const home = await pictureBytes(browser, `${server.origin}/`, 1.75)
      const picked = [...home.sizes].map(([size, n]) => `${n} × ${size}`).join(', ')
      out('## Pictures')
      out()
      out(`Home page at density 1.75, scrolled to the end: ${home.count} pictures, ${kb(home.bytes)} ${check(home.bytes <= TARGETS.homePicturesKB * KB)} (target ≤ ${TARGETS.homePicturesKB} KB; ${picked})`)
      out()
    }
    finally {
      await browser.close()
    }
  }

  // ── api ──────────────────────────────────────────────────────────────────────────────────────────────────────
  if (server && ONLY.includes('api')) {
    const { endpoints } = await publicEndpoints(server.origin)
    out(`## API (autocannon, ${CONNECTIONS} connections, ${API_SECONDS} s per endpoint, demo data)`)
    out()
    out(`Targets: ≥ ${TARGETS.apiToHealth * 100} % of /api/health's requests per second in the same run; p99 ≤ ${TARGETS.apiP99Ms} ms; no errors; server RSS ≤ ${TARGETS.rssMB} MB after the load.`)
    out()
    const options = { connections: CONNECTIONS, seconds: API_SECONDS }
    const rssBefore = server.rssMb()
    const health = await load(server.origin, { path: '/api/health' }, options)
    out('| endpoint | req/s | of health | p50 | p99 | errors |')
    out('|---|---|---|---|---|---|')
    out(`| \`/api/health\` | ${Math.round(health.rps)} | 100 % | ${ms(health.p50)} | ${ms(health.p99)} | ${health.errors} |`)
    for (const endpoint of endpoints) {
      const r = await load(server.origin, endpoint, options)
      const share = r.rps / health.rps
      out(`| ${endpoint.name} \`${endpoint.path}\` | ${Math.round(r.rps)} | ${Math.round(share * 100)} % ${check(share >= TARGETS.apiToHealth)} | ${ms(r.p50)} | ${ms(r.p99)} ${check(r.p99 <= TARGETS.apiP99Ms)} | ${r.errors} ${check(r.errors === 0)} |`)
    }
    const rssLoaded = server.rssMb()
    // The server hands memory back once it has been idle 5 s (IDLE_COLLECT_MS, server/plugins/idle-collect.ts).
    const IDLE_COLLECT_MS = 5_000
    await new Promise(resolve => setTimeout(resolve, IDLE_COLLECT_MS * 2))
    const rss = server.rssMb()
    out()
    out(`Server RSS: ${rssBefore} MB before the load, ${rssLoaded} MB as it ends, ${rss} MB ${IDLE_COLLECT_MS * 2 / 1000} s later ${check(rss <= TARGETS.rssMB)} (target ≤ ${TARGETS.rssMB} MB)`)
    out()
  }
}
finally {
  await server?.stop()
}

out(misses === 0
  ? 'Every target met.'
  : `${misses} figure(s) miss their target (✘).`)
if (ONLY.length === ALL.length) {
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${report.join('\n')}\n`)
  console.log('\nwritten to bench/RESULTS.md')
}
