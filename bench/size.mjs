#!/usr/bin/env node
// First-route size budget: the JS and CSS the browser must fetch to render the first route,
// measured gzipped (zlib level 9) from a production build (`npm run build`).
//
// Counted = entry chunk of index.html + its static `imports` (recursively, not dynamicImports)
//           + the `css` of those chunks, unioned with every <script src>, <link rel=stylesheet>
//           and <link rel=modulepreload> that dist/index.html references directly.
//
// Usage: node bench/size.mjs            (BUDGET_JS_KB / BUDGET_CSS_KB / DIST_DIR override defaults)

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const DEFAULT_BUDGET_JS_KB = 90
const DEFAULT_BUDGET_CSS_KB = 15
const KB = 1024

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIST = path.resolve(ROOT, process.env.DIST_DIR || 'dist')
const MANIFEST = path.join(DIST, '.vite', 'manifest.json')
const INDEX_HTML = path.join(DIST, 'index.html')

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

const BUDGET_JS_KB = budgetFromEnv('BUDGET_JS_KB', DEFAULT_BUDGET_JS_KB)
const BUDGET_CSS_KB = budgetFromEnv('BUDGET_CSS_KB', DEFAULT_BUDGET_CSS_KB)

if (!existsSync(MANIFEST) || !existsSync(INDEX_HTML)) {
  console.error(`${path.relative(ROOT, DIST) || 'dist'}: no build found (need .vite/manifest.json and index.html) — run npm run build first`)
  process.exit(1)
}

/** @type {Record<string, {file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'))

// --- 1. entry chunk + static imports (recursive) + their css, from the manifest -------------
const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
const entry
  = entries.find(([key, chunk]) => key === 'index.html' || chunk.src === 'index.html')
    ?? entries.find(([key]) => key.endsWith('.html'))
if (!entry) {
  console.error(`no isEntry chunk for index.html in ${path.relative(ROOT, MANIFEST)} (entries: ${entries.map(([k]) => k).join(', ') || 'none'})`)
  process.exit(1)
}

/** dist-relative file paths, insertion-ordered */
const files = new Set()
const seen = new Set()
const stack = [entry[0]]
while (stack.length > 0) {
  const key = stack.pop()
  if (seen.has(key))
    continue
  seen.add(key)
  const chunk = manifest[key]
  if (!chunk) {
    console.warn(`warning: manifest import "${key}" has no manifest entry; skipped`)
    continue
  }
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imported of chunk.imports ?? []) stack.push(imported)
}

// --- 2. union with whatever index.html references directly -----------------------------------
const html = readFileSync(INDEX_HTML, 'utf8')

function attrs(tag) {
  const out = {}
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g))
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  return out
}

/** Maps an href/src from index.html to a dist-relative path, or null for external/missing files. */
function toDistPath(ref) {
  if (!ref || /^(?:[a-z][a-z\d+.-]*:)?\/\//i.test(ref) || /^(?:data|blob):/i.test(ref))
    return null
  const clean = decodeURI(ref.split(/[?#]/)[0])
  const parts = clean.replace(/^\.?\//, '').split('/').filter(Boolean)
  // Try the path as-is, then with leading segments stripped (handles a non-root `base`).
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/')
    if (existsSync(path.join(DIST, candidate)))
      return candidate
  }
  console.warn(`warning: index.html references "${ref}" but it is not in ${path.relative(ROOT, DIST) || 'dist'}; skipped`)
  return null
}

for (const [tag] of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(?:script|link)\b[^>]*>/gi)) {
  const a = attrs(tag.replace(/^<\w+|\/?>$/g, ''))
  let ref = null
  if (/^<script/i.test(tag)) {
    ref = a.src
  }
  else {
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/)
    if (rel.includes('stylesheet') || rel.includes('modulepreload'))
      ref = a.href
  }
  const file = ref
    ? toDistPath(ref)
    : null
  if (file)
    files.add(file)
}

// --- 3. measure --------------------------------------------------------------------------------
const rows = []
for (const file of files) {
  const kind = /\.css$/i.test(file)
    ? 'css'
    : /\.m?js$/i.test(file)
      ? 'js'
      : null
  if (!kind)
    continue
  const buf = readFileSync(path.join(DIST, file))
  rows.push({
    file,
    kind,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
  })
}
rows.sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip)

const kb = bytes => (bytes / KB).toFixed(2)
const total = kind => rows.filter(r => r.kind === kind).reduce((acc, r) => ({ raw: acc.raw + r.raw, gzip: acc.gzip + r.gzip }), { raw: 0, gzip: 0 })
const js = total('js')
const css = total('css')

const width = Math.max(28, ...rows.map(r => r.file.length))
const line = (a, b, c) => `${a.padEnd(width)}  ${b.padStart(10)}  ${c.padStart(10)}`
console.log(`First-route assets (entry: ${entry[0]} → ${entry[1].file}), KB = ${KB} bytes, gzip level 9`)
console.log(line('file', 'raw KB', 'gzip KB'))
console.log('-'.repeat(width + 24))
for (const r of rows) console.log(line(r.file, kb(r.raw), kb(r.gzip)))
console.log('-'.repeat(width + 24))
console.log(line(`total JS  (${rows.filter(r => r.kind === 'js').length} files)`, kb(js.raw), kb(js.gzip)))
console.log(line(`total CSS (${rows.filter(r => r.kind === 'css').length} files)`, kb(css.raw), kb(css.gzip)))
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

if (failures.length > 0) {
  console.error(`\nsize budget exceeded: ${failures.map(f => f.trim()).join(', ')}`)
  process.exit(1)
}
