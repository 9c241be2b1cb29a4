// What the service worker precaches: everything a resident may open, and nothing only staff, kiosks or English
// readers use. Those chunks are cached the first time they are used instead (the `app-assets` runtime cache), so
// a first visit on a phone downloads only the public app.
import type { ManifestTransform } from 'workbox-build'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Chunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}

/**
 * Source modules whose chunks (and what only they import) are cached on first use, not precached: staff and kiosk
 * screens, English, the credit query (searching the register, a firm's current records, the personal report, a
 * firm's certificate, the report check, a case looked up by its number: each needs the server, and a profile seen
 * before still opens offline from the first-use cache), and the full-screen photo viewer (it shows full-size photos,
 * which are not kept offline unless seen). A page not yet cached says so offline (router/guards.ts).
 */
export const ON_FIRST_USE: readonly RegExp[] = [
  /^src\/pages\/(?:staff|kiosk)\//,
  /^src\/pages\/(?:Query|EnterpriseProfile|PersonalReport|FirmCertificate|Verify|CaseLookup)Page\.vue$/,
  /^src\/locales\/credit\//,
  /^src\/components\/activity\/PhotoViewer\.vue$/,
  /^src\/router\/(?:staff|kiosk)\.ts$/,
  /[\\/]qrcode[\\/]/,
  /^src\/components\/(?:staff|kiosk)\//,
  /^src\/locales\/(?:staff|kiosk)\//,
  /(?:^|\/)en\.json5?$/,
  /[\\/]vant[\\/]es[\\/]locale[\\/]lang[\\/](?!zh-CN)/,
]

/** Hashed files (dist-relative) reachable from the app's entry through static and dynamic imports, skipping ON_FIRST_USE. */
export function publicFiles(manifest: Record<string, Chunk>): Set<string> {
  const entry = Object.keys(manifest).find(key => key === 'index.html' && manifest[key].isEntry)
  if (!entry)
    throw new Error('precache: the build manifest has no index.html entry')
  const files = new Set<string>()
  const seen = new Set<string>()
  const stack = [entry]
  while (stack.length > 0) {
    const key = stack.pop()!
    if (seen.has(key) || ON_FIRST_USE.some(rule => rule.test(key)))
      continue
    seen.add(key)
    const chunk = manifest[key]
    files.add(chunk.file)
    for (const file of [
      ...chunk.css ?? [],
      ...chunk.assets ?? [],
    ]) files.add(file)
    stack.push(...chunk.imports ?? [], ...chunk.dynamicImports ?? [])
  }
  return files
}

/**
 * A Workbox manifest transform: keeps hashed assets the public app reaches and every other entry (the shell, icons,
 * the web manifest). Reads Vite's manifest from `dist`, which is written before the service worker is generated.
 */
export function publicPrecache(dist: string): ManifestTransform {
  return (entries) => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>
    const keep = publicFiles(manifest)
    const kept = entries.filter(entry => !entry.url.startsWith('assets/') || keep.has(entry.url))
    return { manifest: kept, warnings: [] }
  }
}
