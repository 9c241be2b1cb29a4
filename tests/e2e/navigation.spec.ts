import { expect, test } from './support/fixtures'
import { expectDataShown, recordPageProblems, TABS } from './support/helpers'

test.use({
  viewport: { width: 390, height: 844 },
})

test.describe('navigation', () => {
  test('should open every tab with its heading and data when its bottom-nav link is clicked', async ({ page }) => {
    await page.goto('/')
    await expectDataShown(page, TABS[0].cards)
    const nav = page.getByRole('navigation', { name: '主导航' })
    await expect(nav).toBeVisible()

    // Start on the last tab so clicking "首页" is a real navigation too.
    for (const tab of [
      ...TABS.slice(1),
      TABS[0],
    ]) {
      const link = nav.getByTestId(`tab-${tab.name}`)
      await expect(link).toHaveText(tab.label)
      await link.click()

      await expect(page).toHaveURL(tab.path)
      await expect(link).toHaveAttribute('aria-current', 'page')
      await expect(nav.locator('[aria-current="page"]')).toHaveCount(1)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(tab.heading)
      await expectDataShown(page, tab.cards)

      if (tab.name === 'streets')
        await expect(page.getByTestId('street-card')).toHaveCount(10) // 9 streets and 1 town
      for (const card of tab.cards)
        expect(await page.getByTestId(card).count(), `${card} on ${tab.path}`).toBeGreaterThan(0)
    }
  })

  test('should show the settings page when the settings link on home is tapped', async ({ page }) => {
    await page.goto('/')
    await page.getByTestId('settings-link').click()

    await expect(page).toHaveURL('/settings')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的')
    await expect(page.getByTestId('settings-elder-switch')).toBeVisible()
    await expect(page.getByTestId('server-status')).toHaveText('正常')
    // Settings is not one of the tabs: no tab claims to be the current page.
    await expect(page.getByRole('navigation', { name: '主导航' }).locator('[aria-current="page"]')).toHaveCount(0)
  })

  test('should filter benefits by category and keep the filter when the chip is chosen and the page reloaded', async ({ page, request, baseURL }) => {
    const all = await (await request.get(`${baseURL}/api/benefits?pageSize=50`)).json() as { total: number }
    const medical = await (await request.get(`${baseURL}/api/benefits?pageSize=50&category=medical`)).json() as { total: number, items: { title: string }[] }
    expect(medical.total, 'seed has medical benefits').toBeGreaterThan(0)
    expect(medical.total, 'seed has other benefits too').toBeLessThan(all.total)

    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    const filters = page.getByRole('group', { name: '按类别筛选' })
    await expect(filters.getByRole('button', { name: '全部' })).toHaveAttribute('aria-pressed', 'true')
    const cards = page.getByTestId('benefit-card')
    await expect(cards).toHaveCount(Math.min(all.total, 10))

    await filters.getByRole('button', { name: '医疗健康' }).click()
    await expect(page).toHaveURL('/benefits?category=medical')
    await expect(filters.getByRole('button', { name: '医疗健康' })).toHaveAttribute('aria-pressed', 'true')
    await expect(cards).toHaveCount(medical.items.length)
    await expect(cards.first()).toContainText(medical.items[0]!.title)
    for (const card of await cards.all())
      await expect(card).toContainText('医疗健康')

    await page.reload()
    await expect(page).toHaveURL('/benefits?category=medical')
    await expect(page.getByRole('group', { name: '按类别筛选' }).getByRole('button', { name: '医疗健康' })).toHaveAttribute('aria-pressed', 'true')
    await expect(cards).toHaveCount(medical.items.length)
    await expect(page.getByTestId('skeleton')).toHaveCount(0)
    for (const card of await cards.all())
      await expect(card).toContainText('医疗健康')
  })

  test('should narrow the enterprise list when searching by part of a firm name', async ({ page, request, baseURL }) => {
    const list = await (await request.get(`${baseURL}/api/enterprises?pageSize=50`)).json() as { total: number, items: { name: string }[] }
    const names = list.items.map(e => e.name)
    // Two characters from a seeded name that not every firm shares (skip the common "上海" prefix).
    const target = names[0]!
    let fragment = ''
    for (let i = 2; i < target.length - 1 && !fragment; i++) {
      const candidate = target.slice(i, i + 2)
      if (names.filter(n => n.includes(candidate)).length < names.length)
        fragment = candidate
    }
    expect(fragment, `a distinctive fragment of ${target}`).not.toBe('')
    const expected = names.filter(n => n.includes(fragment))

    await page.goto('/query')
    await expectDataShown(page, ['enterprise-card'])
    const cards = page.getByTestId('enterprise-card')
    await expect(cards).toHaveCount(Math.min(list.total, 10))
    await expect(page.getByRole('status').filter({ hasText: `共 ${list.total} 家企业` })).toBeVisible()

    await page.getByRole('searchbox', { name: '企业名称或统一社会信用代码' }).fill(fragment)
    await page.getByRole('button', { name: '搜索', exact: true }).click()

    await expect(page).toHaveURL(`/query?q=${encodeURIComponent(fragment)}`)
    await expect(cards).toHaveCount(expected.length)
    await expect(page.getByRole('status').filter({ hasText: `共 ${expected.length} 家企业` })).toBeVisible()
    const shown = (await cards.getByRole('heading').allInnerTexts()).map(t => t.trim())
    expect(shown.sort()).toEqual([...expected].sort())
  })

  test('should show the not-found page when the address is unknown', async ({ page }) => {
    // The server answers the app shell with a real 404 (no soft 404 for crawlers and probes); the app says why.
    const response = await page.goto('/no-such-page/at-all')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在')
    await expect(page.getByText('您访问的页面不存在或已移除。')).toBeVisible()
    await expect(page).toHaveTitle(/页面不存在/)

    await page.getByRole('link', { name: '返回首页' }).click()
    await expect(page).toHaveURL('/')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
  })

  test('should log no console errors and no CSP violations when every tab is opened', async ({ page }) => {
    const problems = await recordPageProblems(page)
    for (const tab of TABS) {
      // A full load of each tab (every chunk, style and API call of that page under the server's CSP) …
      await page.goto(tab.path)
      await expectDataShown(page, tab.cards)
      // … and the same page reached in-app from the bottom nav.
      await page.getByTestId(`tab-${TABS[(TABS.indexOf(tab) + 1) % TABS.length]!.name}`).click()
      await page.getByTestId(`tab-${tab.name}`).click()
      await expectDataShown(page, tab.cards)
    }
    await page.goto('/settings')
    await expect(page.getByTestId('server-status')).toHaveText('正常')

    expect(problems.cspViolations, 'CSP violations').toEqual([])
    expect(problems.pageErrors, 'uncaught exceptions').toEqual([])
    expect(problems.consoleErrors, 'console errors').toEqual([])
  })
})

// Every main page on a 390 px phone, in both languages and both text sizes: nothing makes the page scroll
// sideways, and the benefits list's audience and order buttons are all on screen without scrolling a row.
const LAYOUTS = [
  { locale: 'zh-CN', elder: false },
  { locale: 'zh-CN', elder: true },
  { locale: 'en', elder: false },
  { locale: 'en', elder: true },
]
const MAIN_PAGES = [
  '/',
  '/benefits',
  '/benefits/3',
  '/publicity',
  '/streets',
  '/streets/jiangsu-road',
  '/query',
  '/query/enterprise',
  '/activities',
  '/search',
  '/settings',
  '/verify',
]

test.describe('layout at 390 px', () => {
  for (const { locale, elder } of LAYOUTS) {
    test(`should not scroll sideways on any main page in ${locale}${elder ? ', elder mode' : ''}`, async ({ page }) => {
      await page.addInitScript(([lang, big]) => {
        localStorage.setItem('credit-changning:locale', lang)
        if (big)
          localStorage.setItem('credit-changning:elder-mode', 'true')
      }, [locale, elder] as const)
      for (const path of MAIN_PAGES) {
        await page.goto(path)
        await expect(page.locator('h1').first()).toBeVisible()
        await page.waitForLoadState('networkidle')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${path}: sideways scrolling`).toBeLessThanOrEqual(0)
      }
      await page.goto('/benefits')
      const choices = [
        ...await page.getByTestId('audience-filter').getByRole('button').all(),
        ...await page.getByTestId('sort-filter').getByRole('button').all(),
      ]
      expect(choices.length).toBe(5)
      for (const button of choices) {
        await expect(button).toBeInViewport({ ratio: 1 })
        const box = await button.boundingBox()
        expect((box?.x ?? -1) + (box?.width ?? 0), 'audience or order button within the screen').toBeLessThanOrEqual(390)
      }
    })
  }
})
