#!/usr/bin/env node
// Lighthouse benchmark (not a test: no thresholds). Runs Lighthouse's default mobile config
// (simulated throttling, mobile emulation) several times per route against an already running
// server and prints the median category scores and FCP / LCP / TBT / CLS.
//
// Env: BASE_URL (default http://127.0.0.1:8080), LH_RUNS (default 3),
//      CHROMIUM_PATH or CHROME_PATH (default /usr/bin/chromium).
// Usage: npm start   # in another terminal
//        node bench/lighthouse.mjs

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'
import { pathToFileURL } from 'node:url'

const ROUTES = ['/', '/benefits']
const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const RUNS = Number(process.env.LH_RUNS || 3)
const CHROME_PATH = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium'
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const CATEGORIES = [
  ['performance', 'perf'],
  ['accessibility', 'a11y'],
  ['best-practices', 'bp'],
  ['seo', 'seo'],
  ['pwa', 'pwa'], // removed in Lighthouse 12; shown only if a run reports it
]
const METRICS = [
  [
    'first-contentful-paint',
    'FCP',
    v => `${(v / 1000).toFixed(2)} s`,
  ],
  [
    'largest-contentful-paint',
    'LCP',
    v => `${(v / 1000).toFixed(2)} s`,
  ],
  [
    'total-blocking-time',
    'TBT',
    v => `${Math.round(v)} ms`,
  ],
  [
    'cumulative-layout-shift',
    'CLS',
    v => v.toFixed(3),
  ],
]

if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`LH_RUNS must be a positive integer, got "${process.env.LH_RUNS}"`)
  process.exit(1)
}

// --- server reachable? -----------------------------------------------------------------------
try {
  await fetch(`${BASE_URL}/`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(5000),
  })
}
catch {
  console.error(`${BASE_URL} is not reachable — start the server first: npm start`)
  process.exit(1)
}

if (!existsSync(CHROME_PATH)) {
  console.error(`Chromium not found at ${CHROME_PATH} (set CHROMIUM_PATH or CHROME_PATH)`)
  process.exit(1)
}

const { default: lighthouse } = await import('lighthouse')
const chromeLauncher = await importChromeLauncher()

/** chrome-launcher is a dependency of lighthouse; resolve it from there if it isn't hoisted. */
async function importChromeLauncher() {
  try {
    return await import('chrome-launcher')
  }
  catch {
    const require = createRequire(import.meta.resolve('lighthouse'))
    return import(pathToFileURL(require.resolve('chrome-launcher')).href)
  }
}

function median(values) {
  const v = values.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0)
    return null
  const mid = Math.floor(v.length / 2)
  return v.length % 2
    ? v[mid]
    : (v[mid - 1] + v[mid]) / 2
}

async function runOnce(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' })
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' })
    return result?.lhr
  }
  finally {
    await chrome.kill()
  }
}

// --- run ---------------------------------------------------------------------------------------
const LH_VERSION = (() => {
  try {
    return createRequire(import.meta.url)('lighthouse/package.json').version
  }
  catch {
    return '?'
  }
})()
console.log(`Lighthouse ${LH_VERSION} · mobile defaults · ${RUNS} run(s) per route · ${BASE_URL}`)

const summary = []
let failedRoutes = 0
for (const route of ROUTES) {
  const url = `${BASE_URL}${route}`
  const lhrs = []
  for (let i = 1; i <= RUNS; i++) {
    process.stdout.write(`  ${route} run ${i}/${RUNS} … `)
    try {
      const lhr = await runOnce(url)
      if (!lhr)
        throw new Error('no result')
      if (lhr.runtimeError)
        throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`)
      lhrs.push(lhr)
      const perf = lhr.categories.performance?.score
      console.log(`perf ${perf == null
        ? '–'
        : Math.round(perf * 100)}${lhr.runWarnings?.length
        ? ` (warning: ${lhr.runWarnings[0]})`
        : ''}`)
    }
    catch (error) {
      console.log(`failed: ${error instanceof Error
        ? error.message
        : error}`)
    }
  }
  if (lhrs.length === 0)
    failedRoutes++
  const row = {
    route,
    runs: lhrs.length,
    scores: {},
    metrics: {},
  }
  for (const [id] of CATEGORIES) {
    const scores = lhrs.map(l => l.categories[id]?.score).filter(s => s != null)
    if (scores.length > 0)
      row.scores[id] = Math.round(median(scores) * 100)
  }
  for (const [id] of METRICS) row.metrics[id] = median(lhrs.map(l => l.audits[id]?.numericValue))
  summary.push(row)
}

// --- print medians -------------------------------------------------------------------------------
const shownCategories = CATEGORIES.filter(([id]) => summary.some(r => id in r.scores))
const header = [
  'route',
  'runs',
  ...shownCategories.map(([, label]) => label),
  ...METRICS.map(([, label]) => label),
]
const table = summary.map(r => [
  r.route,
  String(r.runs),
  ...shownCategories.map(([id]) => (id in r.scores
    ? String(r.scores[id])
    : '–')),
  ...METRICS.map(([id, , fmt]) => (r.metrics[id] == null
    ? '–'
    : fmt(r.metrics[id]))),
])
const widths = header.map((h, i) => Math.max(h.length, ...table.map(row => row[i].length)))
function fmtRow(cells) {
  return cells.map((c, i) => (i === 0
    ? c.padEnd(widths[i])
    : c.padStart(widths[i]))).join('  ')
}
console.log(`\nMedians (scores 0–100)`)
console.log(fmtRow(header))
console.log(widths.map(w => '-'.repeat(w)).join('  '))
for (const row of table) console.log(fmtRow(row))

if (failedRoutes > 0) {
  console.error(`\n${failedRoutes} route(s) produced no successful Lighthouse run`)
  process.exit(1)
}
