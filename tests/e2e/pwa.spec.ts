import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium'
import { expect, test } from './support/fixtures'
import { expectDataShown, TABS, waitForServiceWorkerControl } from './support/helpers'
import { removeDir, startServer } from './support/server'

test.describe('progressive web app', () => {
  test('should register a service worker that controls the page when the app is opened', async ({ page, baseURL }) => {
    await page.goto('/')
    await expectDataShown(page, TABS[0].cards)

    const scope = await waitForServiceWorkerControl(page)
    expect(scope).toBe(`${baseURL}/`)
    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
    expect(scriptURL).toBe(`${baseURL}/sw.js`)

    // Still controlled after a reload, and the page works the same.
    await page.reload()
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${baseURL}/sw.js`)
    await expectDataShown(page, TABS[0].cards)
  })

  test('should show the shell, the lists seen before and the offline banner when the server is gone', async ({ page }) => {
    test.setTimeout(90_000)
    // Our own server: stopping it must not disturb the other tests.
    const server = await startServer()
    try {
      await page.goto(`${server.url}/`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
      await waitForServiceWorkerControl(page)
      await expect(page.getByTestId('offline-banner')).toBeHidden()

      // Now that the service worker controls the page, every API call goes through it and is kept.
      await page.reload()
      await expectDataShown(page, TABS[0].cards)
      const seen = new Map<string, string[]>()
      for (const tab of [
        ...TABS.slice(1),
        TABS[0],
      ]) {
        await page.getByTestId(`tab-${tab.name}`).click()
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab.heading)
        await expectDataShown(page, tab.cards)
        seen.set(tab.name, (await page.getByTestId(tab.cards[0]).getByRole('heading').allInnerTexts()).map(t => t.trim()))
      }

      await server.stop()

      await page.reload()
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('offline-banner')).toContainText('当前无法连接网络')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
      await expectDataShown(page, TABS[0].cards)

      for (const tab of TABS) {
        await page.goto(`${server.url}${tab.path}`) // a full load with no server behind it
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab.heading)
        await expect(page.getByTestId('offline-banner')).toBeVisible()
        await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
        await expectDataShown(page, tab.cards)
        await expect(page.getByTestId('list-error')).toHaveCount(0)
        const titles = (await page.getByTestId(tab.cards[0]).getByRole('heading').allInnerTexts()).map(t => t.trim())
        expect(titles, `${tab.path} offline shows what was seen online`).toEqual(seen.get(tab.name))
      }

      // Never opened: an article and a firm search say the page was not saved, and offer the saved lists.
      await page.goto(`${server.url}/publicity`)
      const article = await page.getByTestId(TABS.find(tab => tab.path === '/publicity')!.cards[0]).first().getByRole('link').first().getAttribute('href')
      expect(article).toMatch(/^\/publicity\/\d+$/)
      for (const [path, state] of [
        [article!, 'detail-error'],
        [`/query?q=${encodeURIComponent('铭拓')}`, 'list-error'],
      ] as const) {
        await page.goto(`${server.url}${path}`)
        await expect(page.getByTestId(state)).toContainText('这个页面还没有保存在本机，离线时打不开。')
        await expect(page.getByTestId(state).getByRole('button', { name: '重试' })).toBeVisible()
      }
      await page.getByTestId('offline-not-saved').getByRole('link', { name: '信用惠民' }).click()
      await expect(page).toHaveURL(`${server.url}/benefits`)
      await expectDataShown(page, TABS.find(tab => tab.path === '/benefits')!.cards)

      // Never visited: the app shell still answers (not the browser's error page).
      await page.goto(`${server.url}/settings`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的')
      await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('server-status')).toHaveText('无法连接')
    }
    finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })

  test('should bring a returning resident the server\'s page through the service worker, and the copy it kept when the server is gone', async ({ page }) => {
    test.setTimeout(90_000)
    const server = await startServer()
    const benefits = TABS.find(tab => tab.path === '/benefits')!
    try {
      await page.goto(`${server.url}/benefits`)
      await waitForServiceWorkerControl(page)
      const asked: string[] = []
      page.on('request', (request) => {
        const { pathname } = new URL(request.url())
        if (pathname.startsWith('/api/') && !pathname.startsWith('/api/media/'))
          asked.push(pathname)
      })

      // Under the service worker the page still comes from the server, content included: no API read before it.
      const answer = await page.reload()
      expect(answer?.fromServiceWorker(), 'answered through the service worker').toBe(true)
      await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
      await expectDataShown(page, benefits.cards)
      const titles = (await page.getByTestId(benefits.cards[0]).getByRole('heading').allInnerTexts()).map(t => t.trim())
      await page.waitForLoadState('networkidle')
      expect(asked.filter(path => path === '/api/benefits'), 'the list came with the page').toEqual([])

      // The server gone: the copy kept answers, and the app says it is offline rather than trusting the page.
      await server.stop()
      await page.reload()
      await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(benefits.heading)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      expect((await page.getByTestId(benefits.cards[0]).getByRole('heading').allInnerTexts()).map(t => t.trim())).toEqual(titles)
    }
    finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })

  test('should say a page kept for first use is not saved yet when it is opened offline before it ever was online', async ({ page, context }) => {
    test.setTimeout(90_000)
    const server = await startServer()
    try {
      await page.goto(`${server.url}/`)
      await waitForServiceWorkerControl(page)
      await page.reload()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
      await server.stop()
      await context.setOffline(true)

      // The credit query's code is cached on first use (build/precache.ts): never opened, it is not on this device.
      await page.getByTestId('tab-query').click()
      await expect(page.locator('.van-notify')).toHaveText('这个页面还没有保存在本机，离线时打不开。')
      await expect(page).toHaveURL(`${server.url}/`)
      // The pages kept for offline use still open.
      await page.getByTestId('tab-benefits').click()
      await expect(page).toHaveURL(`${server.url}/benefits`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用惠民')
    }
    finally {
      await context.setOffline(false)
      await server.stop()
      removeDir(server.dataDir)
    }
  })

  test('should be installable with a complete manifest when opened in a normal (non-incognito) profile', async ({ baseURL, request }) => {
    const manifestResponse = await request.get(`${baseURL}/manifest.webmanifest`)
    expect(manifestResponse.ok()).toBe(true)
    const manifest = await manifestResponse.json() as {
      name: string
      display: string
      start_url: string
      icons: { src: string, sizes: string, type?: string, purpose?: string }[]
    }
    expect(manifest.name).toBe('信用长宁')
    expect(manifest.display).toBe('standalone')
    const icon = (size: string, purpose?: string) => manifest.icons.find(i => i.sizes.split(' ').includes(size) && (purpose
      ? (i.purpose ?? '').split(' ').includes(purpose)
      : true))
    const wanted = [
      icon('192x192'),
      icon('512x512'),
      icon('512x512', 'maskable'),
    ]
    for (const [i, found] of wanted.entries()) {
      expect(found, ['a 192×192 icon', 'a 512×512 icon', 'a maskable 512×512 icon'][i]).toBeDefined()
      const res = await request.get(new URL(found!.src, `${baseURL}/manifest.webmanifest`).href)
      expect(res.ok(), `${found!.src} is served`).toBe(true)
      expect(res.headers()['content-type']).toContain('image/png')
    }

    const profile = mkdtempSync(join(tmpdir(), 'credit-e2e-profile-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: true,
    })
    try {
      const page = context.pages()[0] ?? await context.newPage()
      await page.goto(`${baseURL}/`)
      await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest')
      await waitForServiceWorkerControl(page)

      const cdp = await context.newCDPSession(page)
      await expect.poll(async () => {
        const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
        return installabilityErrors.map(e => [
          e.errorId,
          ...e.errorArguments.map(a => `${a.name}=${a.value}`),
        ].join(' '))
      }, {
        message: 'Page.getInstallabilityErrors',
        timeout: 10_000,
        intervals: [250, 500, 1000],
      }).toEqual([])
    }
    finally {
      await context.close()
      removeDir(profile)
    }
  })
})
