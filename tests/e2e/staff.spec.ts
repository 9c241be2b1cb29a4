import type { Page } from '@playwright/test'
import { Buffer } from 'node:buffer'
import { request } from 'node:http'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'

// The staff portal's accounts and sessions (demo accounts exist with demo data: README).
const DEMO_PASSWORD = 'changning-demo-2026'

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/staff/login')
  await page.getByTestId('staff-username').fill(username)
  await page.getByTestId('staff-password').fill(password)
  await page.getByTestId('staff-submit').click()
}

test.describe('staff portal accounts', () => {
  test('should send a signed-out visitor to the sign-in page and refuse a wrong password without saying why', async ({ page }) => {
    await page.goto('/settings')
    await page.getByTestId('staff-entry').click()
    await expect(page).toHaveURL(/\/staff\/login\?next=/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员登录')
    await expectNoAxeViolations(page, 'staff sign-in')
    await signIn(page, 'staff-jiangsu-road', 'not-the-password')
    await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确。')
    await signIn(page, 'nobody-here', 'not-the-password')
    await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确。')
    await page.goto('/staff/accounts')
    await expect(page).toHaveURL(/\/staff\/login/)
  })

  test('should let an admin create a street account whose holder must choose a password, then sign out', async ({ page, context }) => {
    await signIn(page, 'demo-admin', DEMO_PASSWORD)
    await expect(page).toHaveURL('/staff')
    await expect(page.getByTestId('staff-role')).toHaveText('区信用办管理员')
    const cookies = await context.cookies()
    const session = cookies.find(c => c.name === 'session')
    expect(session?.httpOnly).toBe(true)
    expect(session?.sameSite).toBe('Strict')
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await expectNoAxeViolations(page, 'staff home (admin)')

    await page.getByTestId('link-accounts').click()
    await expect(page).toHaveURL('/staff/accounts')
    await expect(page.getByTestId('account-staff-jiangsu-road')).toBeVisible()
    await expectNoAxeViolations(page, 'accounts')
    const username = `e2e.${Date.now().toString(36)}`
    await page.getByTestId('acc-username').fill(username)
    await page.getByTestId('acc-name').fill('王晓雯')
    await page.getByTestId('acc-street').selectOption('xinhua-road')
    await page.getByTestId('acc-password').fill('password123')
    await page.getByTestId('acc-submit').click()
    await expect(page.getByTestId('accounts-error')).toContainText('不能是常见密码')
    await page.getByTestId('acc-password').fill('first steps on xinhua road')
    await page.getByTestId('acc-submit').click()
    await expect(page.getByTestId('accounts-message')).toContainText(username)
    const card = page.getByTestId(`account-${username}`)
    await expect(card).toContainText('新华路街道')
    await expect(card).toContainText('待改密码')

    await page.goto('/staff')
    await page.getByTestId('staff-logout').click()
    await expect(page).toHaveURL('/staff/login')
    await page.goto('/staff')
    await expect(page).toHaveURL(/\/staff\/login/)

    // The new holder signs in and must choose a password before anything else.
    await signIn(page, username, 'first steps on xinhua road')
    await expect(page).toHaveURL('/staff/password')
    await expect(page.getByTestId('must-change')).toBeVisible()
    await expectNoAxeViolations(page, 'password change')
    await page.goto('/staff')
    await expect(page).toHaveURL('/staff/password')
    await page.getByTestId('pw-current').fill('first steps on xinhua road')
    await page.getByTestId('pw-next').fill('my own walk along xinhua road')
    await page.getByTestId('pw-confirm').fill('my own walk along xinhua road')
    await page.getByTestId('pw-submit').click()
    await expect(page).toHaveURL('/staff?changed=1')
    await expect(page.getByTestId('password-changed')).toBeVisible()
    await expect(page.getByTestId('staff-role')).toContainText('新华路街道')
    // Street staff do not manage accounts.
    await expect(page.getByTestId('link-accounts')).toHaveCount(0)
    await page.goto('/staff/accounts')
    await expect(page).toHaveURL('/staff')
  })
})

/** A failed sign-in sent from another loopback address (127.0.0.x), as if from another machine. */
function failFrom(baseURL: string, username: string, localAddress: string): Promise<number> {
  const url = new URL('/api/auth/login', baseURL)
  const body = JSON.stringify({ username, password: 'a-wrong-guess' })
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      localAddress,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-requested-with': 'credit-changning',
      },
    }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test.describe('sign-in lock', () => {
  test('should show an admin the account that failures from many addresses locked, and let them lift the lock', async ({ page, baseURL }) => {
    const username = 'staff-beixinjing'
    const answers: number[] = []
    for (let i = 0; i < 10; i++)
      answers.push(await failFrom(baseURL!, username, `127.0.0.${20 + i}`))
    expect(answers.slice(0, 9).every(status => status === 401)).toBe(true)
    expect(answers.at(-1)).toBe(429)

    await signIn(page, 'demo-admin', DEMO_PASSWORD)
    await expect(page).toHaveURL('/staff')
    await page.goto('/staff/accounts')
    const card = page.getByTestId(`account-${username}`)
    await expect(card.getByTestId(`locked-${username}`)).toContainText('已锁定至')
    await expectNoAxeViolations(page, 'accounts with a locked account')
    await card.getByTestId(`unlock-${username}`).click()
    await expect(page.getByTestId('accounts-message')).toContainText(username)
    await expect(card.getByTestId(`locked-${username}`)).toHaveCount(0)
  })
})

test.describe('staff portal pages', () => {
  test('should show the statistics with charts and a CSV export to an admin', async ({ page }) => {
    await signIn(page, 'demo-admin', DEMO_PASSWORD)
    await page.getByTestId('link-stats').click()
    await expect(page).toHaveURL('/staff/stats')
    await expect(page.getByTestId('stats-activities').getByTestId('bar-chart').locator('li').first()).toBeVisible()
    await expectNoAxeViolations(page, 'statistics')
    const csv = await page.request.get('/api/admin/stats/activities.csv')
    expect(csv.ok()).toBe(true)
    expect(await csv.text()).toContain('街镇,月份,已发布活动数')

    await page.goto('/staff')
    await page.getByTestId('link-audit').click()
    await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toContainText('login')
    await expectNoAxeViolations(page, 'audit log')
  })

  test('should pass accessibility checks on the portal pages in elder mode', async ({ page }) => {
    await enableElderMode(page)
    await page.goto('/staff/login')
    await expectNoAxeViolations(page, 'sign-in (elder)')
    await signIn(page, 'staff-huayang-road', DEMO_PASSWORD)
    await expect(page).toHaveURL('/staff')
    await expectNoAxeViolations(page, 'staff home (elder)')
    await page.getByTestId('link-activities').click()
    await expect(page.getByTestId('new-activity')).toBeVisible()
    await expectNoAxeViolations(page, 'activities (elder)')
    await page.getByTestId('new-activity').click()
    await expect(page.getByTestId('activity-editor')).toBeVisible()
    await expectNoAxeViolations(page, 'editor (elder)')
    await page.goto('/staff/password')
    await expectNoAxeViolations(page, 'password (elder)')
    await expect(page.locator('html')).toHaveClass(/\belder\b/)
  })
})

test.describe('content management', () => {
  test('should publish a new benefit with a rule, a venue and an English title, and a new article, for the public to find in both languages, neither marked as demo data', async ({ page, browser, baseURL }) => {
    const stamp = Date.now().toString(36)
    await signIn(page, 'demo-admin', DEMO_PASSWORD)
    await page.getByTestId('link-content').click()
    await expect(page).toHaveURL('/staff/content')
    await expectNoAxeViolations(page, 'content list')

    await page.goto('/staff/content?kind=benefits')
    await page.getByTestId('content-new').click()
    await expect(page).toHaveURL('/staff/content/benefits/new')
    await page.getByTestId('ben-title').fill(`守信居民社区食堂九折 ${stamp}`)
    await page.getByTestId('ben-summary').fill('守信居民在社区食堂就餐享九折。')
    await page.getByTestId('ben-category').selectOption('life')
    await page.getByTestId('ben-provider').fill('江苏路街道社区食堂')
    await page.getByTestId('ben-offer').fill('就餐九折。')
    await page.getByTestId('ben-eligibility').fill('未列入严重失信名单的居民。')
    await page.getByTestId('add-rule').click()
    await expect(page.getByTestId('rule')).toHaveCount(1)
    await page.getByTestId('add-venue').click()
    await page.getByLabel('名称', { exact: true }).fill('江苏路社区食堂')
    await page.getByLabel('地址').fill('上海市长宁区江苏路 100 号')
    await page.getByLabel('办理时间', { exact: true }).fill('每天 11:00–13:00')
    await page.getByLabel('名称（英文）').fill('Jiangsu Road Community Canteen')
    await page.getByTestId('ben-english').locator('summary').click()
    await page.getByTestId('ben-en-title').fill(`Community canteen: 10% off ${stamp}`)
    await page.getByTestId('ben-status').selectOption('published')
    await expectNoAxeViolations(page, 'benefit editor')
    await page.getByTestId('content-save').click()
    await expect(page.getByTestId('content-message')).toBeVisible()
    await expect(page).toHaveURL(/\/staff\/content\/benefits\/\d+$/)

    await page.goto('/staff/content')
    await page.getByTestId('content-new').click()
    await page.getByTestId('art-kind').selectOption('news')
    await page.getByTestId('art-title').fill(`社区食堂推出守信优惠 ${stamp}`)
    await page.getByTestId('art-summary').fill('江苏路社区食堂对守信居民九折。')
    await page.getByTestId('art-body').fill('## 优惠内容\n\n守信居民九折。')
    await page.getByTestId('art-source').fill('江苏路街道')
    await page.getByTestId('art-status').selectOption('published')
    await expectNoAxeViolations(page, 'article editor')
    await page.getByTestId('content-save').click()
    await expect(page.getByTestId('content-message')).toBeVisible()

    const visitor = await browser.newContext({ baseURL, locale: 'zh-CN' })
    const pub = await visitor.newPage()
    await pub.goto(`/benefits?q=${encodeURIComponent(stamp)}`)
    await expect(pub.getByTestId('benefit-card')).toHaveCount(1)
    await pub.getByTestId('benefit-card').getByRole('link').click()
    await expect(pub.getByRole('heading', { level: 1 })).toContainText('守信居民社区食堂九折')
    await expect(pub.locator('body')).toContainText('江苏路社区食堂')
    await pub.goto('/publicity')
    const article = pub.getByTestId('article-card').filter({ hasText: stamp })
    await expect(article).toHaveCount(1)
    await expect(article.locator('.demo-badge')).toHaveCount(0)
    await expect(pub.getByTestId('article-card').filter({ hasNotText: stamp }).first().locator('.demo-badge')).toHaveText('示例数据')
    await visitor.close()

    // In English: the benefit's English title (in the tab too) and venue name; the article, written in Chinese
    // only, in Chinese with a "中文" mark.
    const reader = await browser.newContext({ baseURL, locale: 'en-GB' })
    await reader.addInitScript(() => localStorage.setItem('credit-changning:locale', 'en'))
    const en = await reader.newPage()
    await en.goto(`/benefits?q=${encodeURIComponent(stamp)}`)
    const card = en.getByTestId('benefit-card')
    await expect(card.getByRole('link')).toHaveText(`Community canteen: 10% off ${stamp}`)
    await expect(card.getByTestId('lang-mark')).toHaveCount(0)
    await expect(card.locator('.demo-badge')).toHaveCount(0)
    await card.getByRole('link').click()
    await expect(en.getByRole('heading', { level: 1 })).toHaveText(`Community canteen: 10% off ${stamp}`)
    await expect(en.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en')
    await expect(en).toHaveTitle(`Community canteen: 10% off ${stamp} - Credit Changning`)
    await expect(en.getByRole('heading', { name: 'Jiangsu Road Community Canteen' })).toBeVisible()
    // The offer has no English: shown in Chinese, marked.
    await expect(en.getByText('就餐九折。')).toHaveAttribute('lang', 'zh-CN')
    await en.goto('/publicity')
    const chineseOnly = en.getByTestId('article-card').filter({ hasText: stamp })
    await expect(chineseOnly.getByRole('link')).toContainText(`社区食堂推出守信优惠 ${stamp}`)
    await expect(chineseOnly.getByTestId('lang-mark')).toContainText('中文')
    await expect(chineseOnly.getByRole('link')).toContainText('(in Chinese only)')
    await reader.close()
  })
})

test.describe('street page', () => {
  test('should publish a street\'s new introduction and practice from its own staff', async ({ page }) => {
    const stamp = Date.now().toString(36)
    await signIn(page, 'staff-zhoujiaqiao', DEMO_PASSWORD)
    await page.getByTestId('link-street').click()
    await expect(page).toHaveURL('/staff/street')
    await expect(page.getByTestId('st-intro')).not.toHaveValue('')
    await page.getByTestId('st-intro').fill(`周家桥街道：诚信建设从楼组做起。${stamp}`)
    await page.getByTestId('add-practice').click()
    const practice = page.getByTestId('practice').last()
    await practice.getByRole('textbox').nth(0).fill(`诚信楼组 ${stamp}`)
    await practice.getByRole('textbox').nth(1).fill('楼组长每月记录邻里守信互助。')
    await practice.getByRole('textbox').nth(2).fill('试点楼组 20 个。')
    await expectNoAxeViolations(page, 'street page editor')
    await page.getByTestId('street-save').click()
    await expect(page.getByTestId('street-message')).toBeVisible()
    await page.getByTestId('street-message').getByRole('link').click()
    await expect(page).toHaveURL('/streets/zhoujiaqiao')
    await expect(page.locator('main')).toContainText(stamp)
    await expect(page.locator('main')).toContainText(`诚信楼组 ${stamp}`)
  })
})
