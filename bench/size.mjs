#!/usr/bin/env node
// Size budget (run by npm test): the JS and CSS the browser must fetch to render the first route, and what the
// service worker precaches, measured gzipped (zlib level 9) from a production build (`npm run build`).
//
// Counted = entry chunk of index.html + its static `imports` (recursively, not dynamicImports)
//           + the `css` of those chunks, unioned with every <script src>, <link rel=stylesheet>
//           and <link rel=modulepreload> that dist/index.html references directly (bench/lib/assets.mjs).
//
// Usage: node bench/size.mjs            (BUDGET_JS_KB / BUDGET_CSS_KB / BUDGET_PRECACHE_KB / DIST_DIR override defaults)

import path from 'node:path'
import process from 'node:process'
import { firstRouteFiles, KB, measure, precache, readBuild } from './lib/assets.mjs'
import { ROOT } from './lib/server.mjs'

export const BUDGET = { jsKB: 70, cssKB: 12, precacheKB: 150 }

function budgetFromEnv(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '')
    return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number of KB, got "${raw}"`)
    process.exit(1)
  }
  return value
}

const BUDGET_JS_KB = budgetFromEnv('BUDGET_JS_KB', BUDGET.jsKB)
const BUDGET_CSS_KB = budgetFromEnv('BUDGET_CSS_KB', BUDGET.cssKB)
const BUDGET_PRECACHE_KB = budgetFromEnv('BUDGET_PRECACHE_KB', BUDGET.precacheKB)

let build
try {
  build = readBuild(path.resolve(ROOT, process.env.DIST_DIR || 'dist'))
}
catch (error) {
  console.error(error.message)
  process.exit(1)
}
const { rows, js, css } = measure(build, firstRouteFiles(build))

const kb = bytes => (bytes / KB).toFixed(2)
const width = Math.max(28, ...rows.map(r => r.file.length))
const line = (a, b, c) => `${a.padEnd(width)}  ${b.padStart(10)}  ${c.padStart(10)}`
console.log(`First-route assets (entry: ${build.entryKey} → ${build.manifest[build.entryKey].file}), KB = ${KB} bytes, gzip level 9`)
console.log(line('file', 'raw KB', 'gzip KB'))
console.log('-'.repeat(width + 24))
for (const r of rows) console.log(line(r.file, kb(r.raw), kb(r.gzip)))
console.log('-'.repeat(width + 24))
console.log(line(`total JS  (${js.files} files)`, kb(js.raw), kb(js.gzip)))
console.log(line(`total CSS (${css.files} files)`, kb(css.raw), kb(css.gzip)))
console.log()

const failures = []
function report(label, gzip, budget) {
  const ok = gzip <= budget * KB
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label} gzip ${kb(gzip)} KB / budget ${budget} KB`)
  if (!ok)
    failures.push(label)
}
report('JS ', js.gzip, BUDGET_JS_KB)
report('CSS', css.gzip, BUDGET_CSS_KB)
const cached = precache(build)
report(`precache (${cached.entries} entries)`, cached.gzip, BUDGET_PRECACHE_KB)

if (failures.length > 0) {
  console.error(`\nsize budget exceeded: ${failures.map(f => f.trim()).join(', ')}`)
  process.exit(1)
}
