import type { RouteRecordRaw } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { PAGE_SECTIONS, pageAnswer } from '#common/pages'
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
