import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// Read the files as data (they are plain JSON): imported, they would be compiled by the i18n build plugin.
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../src/locales/${name}.json5`), 'utf8'))
// Sections loaded with their pages (src/locales/<section>/) count as part of each language.
const zhCN = {
  ...load('zh-CN') as object,
  ...load('credit/zh-CN') as object,
  ...load('kiosk/zh-CN') as object,
  ...load('staff/zh-CN') as object,
}
const en = {
  ...load('en') as object,
  ...load('credit/en') as object,
  ...load('kiosk/en') as object,
  ...load('staff/en') as object,
}

/** Every [dotted.key, text] pair of a message tree. */
function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') {
    return [
      [prefix, tree],
    ]
  }
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix
    ? `${prefix}.${k}`
    : k))
}

function placeholders(text: string) {
  return [
    ...text.matchAll(/\{(\w+)\}/g),
  ].map(m => m[1]).sort()
}

describe('locales', () => {
  it('should have exactly the same keys in English as in Chinese', () => {
    expect(leaves(en).map(([k]) => k).sort()).toEqual(leaves(zhCN).map(([k]) => k).sort())
  })

  it('should use the same placeholders in both languages', () => {
    const zh = new Map(leaves(zhCN))
    for (const [key, text] of leaves(en))
      expect(placeholders(text), key).toEqual(placeholders(zh.get(key) ?? ''))
  })

  it('should have no empty strings', () => {
    expect([
      ...leaves(zhCN),
      ...leaves(en),
    ].filter(([, text]) => text.trim() === '')).toEqual([])
  })
})
