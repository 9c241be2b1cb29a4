// What the build makes each route download, from Vite's manifest (dist/.vite/manifest.json), gzipped at level 9
// (1 KB = 1024 bytes); and what the service worker precaches.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export const KB = 1024

/** @typedef {{file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}} Chunk */

export function readBuild(dist) {
  const manifestPath = path.join(dist, '.vite', 'manifest.json')
  const indexPath = path.join(dist, 'index.html')
  if (!existsSync(manifestPath) || !existsSync(indexPath))
    throw new Error(`${dist}: no build found (need .vite/manifest.json and index.html) — run npm run build first`)
  /** @type {Record<string, Chunk>} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
  const entry = entries.find(([key, chunk]) => key === 'index.html' || chunk.src === 'index.html')
    ?? entries.find(([key]) => key.endsWith('.html'))
  if (!entry)
    throw new Error(`no isEntry chunk for index.html in ${manifestPath}`)
  return {
    dist,
    manifest,
    entryKey: entry[0],
    html: readFileSync(indexPath, 'utf8'),
  }
}

/** Files (dist-relative) of the given manifest keys and their static imports, recursively, with their CSS. */
export function staticClosure(build, keys) {
  const files = new Set()
  const seen = new Set()
  const stack = [...keys]
  while (stack.length > 0) {
    const key = stack.pop()
    if (seen.has(key))
      continue
    seen.add(key)
    const chunk = build.manifest[key]
    if (!chunk)
      throw new Error(`manifest has no entry "${key}"`)
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) stack.push(imported)
  }
  return files
}

function attrs(tag) {
  const out = {}
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g))
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  return out
}

/** Every script, stylesheet and modulepreload that index.html references directly (dist-relative, existing files). */
export function htmlReferences(build) {
  const files = new Set()
  for (const [tag] of build.html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const a = attrs(tag.replace(/^<\w+|\/?>$/g, ''))
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/)
    const ref = /^<script/i.test(tag)
      ? a.src
      : rel.includes('stylesheet') || rel.includes('modulepreload')
        ? a.href
        : undefined
    if (!ref || /^(?:[a-z][a-z\d+.-]*:)?\/\//i.test(ref) || /^(?:data|blob):/i.test(ref))
      continue
    const file = decodeURI(ref.split(/[?#]/)[0]).replace(/^\.?\//, '')
    if (existsSync(path.join(build.dist, file)))
      files.add(file)
  }
  return files
}

/** The first route: the entry chunk's static closure, unioned with what index.html links. */
export function firstRouteFiles(build) {
  return new Set([
    ...staticClosure(build, [build.entryKey]),
    ...htmlReferences(build),
  ])
}

/** The manifest key of a source module (a page), e.g. `src/pages/BenefitsPage.vue`. */
export function routeFiles(build, source) {
  if (!build.manifest[source])
    throw new Error(`manifest has no chunk for ${source}`)
  return new Set([
    ...firstRouteFiles(build),
    ...staticClosure(build, [source]),
  ])
}

/** Raw and gzip sizes of JS and CSS files, largest first. */
export function measure(build, files) {
  const rows = []
  for (const file of files) {
    const kind = /\.css$/i.test(file)
      ? 'css'
      : /\.m?js$/i.test(file)
        ? 'js'
        : null
    if (!kind)
      continue
    const buf = readFileSync(path.join(build.dist, file))
    rows.push({
      file,
      kind,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
    })
  }
  rows.sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip)
  const total = kind => rows.filter(r => r.kind === kind)
    .reduce((acc, r) => ({ raw: acc.raw + r.raw, gzip: acc.gzip + r.gzip, files: acc.files + 1 }), { raw: 0, gzip: 0, files: 0 })
  return {
    rows,
    js: total('js'),
    css: total('css'),
  }
}

/** The service worker's precache list (Workbox's injected manifest in sw.js): entries and their gzip bytes. */
export function precache(build) {
  const sw = readFileSync(path.join(build.dist, 'sw.js'), 'utf8')
  const urls = [
    ...sw.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g),
  ].map(m => m[1])
  if (urls.length === 0)
    throw new Error('no precache entries found in dist/sw.js')
  let gzip = 0
  for (const url of urls) {
    const file = path.join(build.dist, url)
    if (existsSync(file))
      gzip += gzipSync(readFileSync(file), { level: 9 }).length
  }
  return { entries: urls.length, gzip }
}
