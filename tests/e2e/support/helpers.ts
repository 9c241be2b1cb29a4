import type { APIRequestContext, Page } from '@playwright/test'
import { expect } from './fixtures'

/** The five bottom tabs: data-test name, path, zh-CN nav label and page heading, and the cards the page lists. */
export const TABS = [
  {
    name: 'home',
    path: '/',
    label: '首页',
    labelEn: 'Home',
    heading: '信用长宁',
    cards: ['benefit-card', 'activity-card', 'article-card'],
  },
  {
    name: 'benefits',
    path: '/benefits',
    label: '惠民',
    labelEn: 'Benefits',
    heading: '信用惠民',
    cards: ['benefit-card'],
  },
  {
    name: 'publicity',
    path: '/publicity',
    label: '诚信',
    labelEn: 'Integrity',
    heading: '诚信宣传',
    cards: ['article-card'],
  },
  {
    name: 'streets',
    path: '/streets',
    label: '街镇',
    labelEn: 'Streets',
    heading: '街镇',
    cards: ['street-card'],
  },
  {
    name: 'query',
    path: '/query',
    label: '查询',
    labelEn: 'Query',
    heading: '信用查询',
    cards: ['enterprise-card'],
  },
] as const

export type Tab = typeof TABS[number]

/**
 * Waits until the app runs in the page. A page the server rendered shows its content before that (and a tap on a
 * button does nothing until then), so tests that go on to use the page wait for it.
 */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

/** Waits until the page's API data is on screen (no loading skeletons left, every card list filled) and the app runs. */
export async function expectDataShown(page: Page, cards: readonly string[]): Promise<void> {
  for (const card of cards)
    await expect(page.getByTestId(card).first()).toBeVisible()
  await expect(page.getByTestId('skeleton')).toHaveCount(0)
  await waitForApp(page)
}

export interface PageProblems {
  consoleErrors: string[]
  pageErrors: string[]
  cspViolations: string[]
}

/**
 * Starts recording what a user's console would show as broken: console errors, uncaught exceptions
 * and Content-Security-Policy violations (`securitypolicyviolation` events, reported from every document
 * through an exposed function so full navigations lose nothing). Call before the first navigation.
 */
export async function recordPageProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] }
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      problems.consoleErrors.push(`${page.url()}: ${msg.text()}`)
  })
  page.on('pageerror', error => problems.pageErrors.push(`${page.url()}: ${error.message}`))
  return problems
}

/** Waits until a service worker is active and controls this page (clientsClaim makes that happen without a reload); returns its scope. */
export async function waitForServiceWorkerControl(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated')
  return scope
}

/** Everything a browser could keep, as text, to search for personal data. */
export async function everythingStored(page: Page) {
  return page.evaluate(async () => {
    const cacheNames = await caches.keys()
    const cacheText = await Promise.all(cacheNames.map(async (name) => {
      const cache = await caches.open(name)
      const requests = await cache.keys()
      return Promise.all(requests.map(async r => `${r.url}\n${await (await cache.match(r))?.clone().text().catch(() => '') ?? ''}`))
    }))
    const dump = async (name: string) => new Promise<string>((resolve) => {
      const open = indexedDB.open(name)
      open.onsuccess = () => {
        const db = open.result
        const stores = [...db.objectStoreNames]
        if (stores.length === 0) {
          db.close()
          resolve('')
          return
        }
        const tx = db.transaction(stores, 'readonly')
        const parts: unknown[] = []
        for (const store of stores) {
          const all = tx.objectStore(store).getAll()
          all.onsuccess = () => parts.push(all.result)
        }
        tx.oncomplete = () => {
          db.close()
          resolve(JSON.stringify(parts))
        }
      }
      open.onerror = () => resolve('')
    })
    const databases = (await indexedDB.databases()).map(d => d.name ?? '')
    return {
      localKeys: Object.keys(localStorage),
      local: JSON.stringify({ ...localStorage }),
      sessionKeys: Object.keys(sessionStorage),
      session: JSON.stringify({ ...sessionStorage }),
      cacheNames,
      caches: cacheText.flat().join('\n'),
      indexedDb: (await Promise.all(databases.map(dump))).join('\n'),
      dom: document.body.textContent ?? '',
      historyLength: history.length,
      cookies: document.cookie,
    }
  })
}

/**
 * The newest one-time code sent to this phone (the server runs with the test SMS adapter), waiting for one that
 * differs from `after` when a code was sent to the same phone before.
 */
export async function latestCodeFor(request: APIRequestContext, baseURL: string, phone: string, after: string | null = null): Promise<string> {
  let code = ''
  await expect.poll(async () => {
    const messages = await (await request.get(`${baseURL}/api/test/sms`)).json() as { to: string, code: string }[]
    code = messages.find(m => m.to === phone)?.code ?? ''
    return code !== '' && code !== after
  }, { message: `a code sent to ${phone}` }).toBe(true)
  return code
}

/** The newest code sent to this phone so far, or null: to tell the next one from it. */
export async function codeBefore(request: APIRequestContext, baseURL: string, phone: string): Promise<string | null> {
  const messages = await (await request.get(`${baseURL}/api/test/sms`)).json() as { to: string, code: string }[]
  return messages.find(m => m.to === phone)?.code ?? null
}
