import type { RouteRecordRaw } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { PAGE_SECTIONS, pageAnswer } from '#common/pages'
import { RENDERED_PATH, RENDERED_URL } from '#common/rendered-pages'
import { createAppRouter } from '~/router'
import { routes } from '~/router/routes'

function paths(records: readonly RouteRecordRaw[], prefix = ''): string[] {
  return records.flatMap((r) => {
    const path = r.path.startsWith('/')
      ? r.path
      : `${prefix}/${r.path}`
    return [
      path,
      ...paths(r.children ?? [], path),
    ]
  })
}

describe('page sections', () => {
  it('should list the first segment of every client route, so the server answers each page with 200', () => {
    const sections = new Set(paths(routes)
      .filter(p => !p.includes(':pathMatch'))
      .map(p => p.split('/')[1]!.replace(/[:(].*$/, '')))
    expect([...sections].sort()).toEqual([...PAGE_SECTIONS].sort())
  })

  it.each([
    ['/', 'page'],
    ['/benefits/12', 'page'],
    ['/kiosk/report', 'page'],
    ['/nowhere', 'unknown-page'],
    ['/.git/config', 'not-found'],
    ['/streets/.env', 'not-found'],
    ['/x.php', 'not-found'],
  ] as const)('should answer %s as %s', (path, answer) => {
    expect(pageAnswer(path)).toBe(answer)
  })
})

/** A path of each route, its parameters filled in as their patterns allow. */
const SAMPLE_PARAMS: Record<string, string> = {
  id: '12',
  key: 'jiangsu-road',
  uscc: '91310105MA1FT6E91R',
}

describe('rendered pages', () => {
  const router = createAppRouter(createMemoryHistory(), routes)
  const samples = paths(routes)
    .filter(p => !p.includes(':pathMatch'))
    .map(p => p.replace(/:(\w+)\([^)]*\)+/g, (_match, name: string) => SAMPLE_PARAMS[name]!))

  it('should name for the service worker exactly the pages the server renders', () => {
    expect(samples.length).toBeGreaterThan(30)
    for (const path of samples) {
      const rendered = router.resolve(path).meta.rendered === true
      expect(RENDERED_PATH.test(path), path).toBe(rendered)
      expect(RENDERED_PATH.test(`${path}?q=1`), `${path}?q=1`).toBe(rendered)
      expect(RENDERED_URL.test(`https://credit.example.cn${path}`), path).toBe(rendered)
      expect(RENDERED_URL.test(`https://credit.example.cn${path}?page=2#top`), path).toBe(rendered)
    }
  })

  it.each([
    '/benefitsx',
    '/benefits/12/edit',
    '/query/personal',
    '/verify/x',
    '/kiosk',
    '/api/benefits',
  ])('should leave %s to the shell', (path) => {
    expect(RENDERED_PATH.test(path)).toBe(false)
    expect(RENDERED_URL.test(`https://credit.example.cn${path}`)).toBe(false)
  })
})
