import type { Browser, Page } from '@playwright/test'
import sharp from 'sharp'
import { axeViolations, expect, test } from './support/fixtures'

// Street staff post activities with photos; the district office reviews them; approved ones go public.
const DEMO_PASSWORD = 'changning-demo-2026'

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

async function signIn(page: Page, username: string) {
  await page.goto('/staff/login')
  await page.getByTestId('staff-username').fill(username)
  await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
  await page.getByTestId('staff-submit').click()
  await expect(page).toHaveURL('/staff')
}

async function newPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  return { context, page }
}

function photo() {
  return sharp({
    create: {
      width: 2000,
      height: 1500,
      channels: 3,
      background: '#2f7d5b',
    },
  }).jpeg().toBuffer()
}

/** A Shanghai calendar date a week from now (YYYY-MM-DD): the activity is an upcoming one, whenever the suite runs. */
function nextWeek(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + 7 * 86_400_000)
}

async function fillActivity(page: Page, title: string) {
  const day = nextWeek()
  await page.getByTestId('act-title').fill(title)
  await page.getByTestId('act-category').selectOption('community')
  await page.getByTestId('act-start').fill(`${day}T09:30`)
  await page.getByTestId('act-end').fill(`${day}T11:30`)
  await page.getByTestId('act-place').fill('江苏路街道社区事务受理服务中心')
  await page.getByTestId('act-summary').fill('社区志愿者向居民讲解信用修复和守信激励。')
  await page.getByTestId('act-body').fill('## 活动内容\n\n- 讲解信用修复流程\n- 现场答疑')
}

test.describe('staff activity posting and review', () => {
  test('should take an activity with a photo from draft through return and approval to the street\'s public page', async ({ browser, baseURL }) => {
    // A whole journey with several accessibility scans: up to about 50 s alone on a 2-core machine, so it gets
    // the slow-test allowance (the timeout guards against hangs, not speed).
    test.slow()
    const title = `信用修复讲解进社区 ${Date.now().toString(36)}`
    const staff = await newPage(browser, baseURL)
    await signIn(staff.page, 'staff-jiangsu-road')
    await staff.page.getByTestId('link-activities').click()
    await staff.page.getByTestId('new-activity').click()
    await expect(staff.page).toHaveURL('/staff/activities/new')
    await fillActivity(staff.page, title)
    await staff.page.getByTestId('act-photos').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await expect(staff.page.getByTestId('act-photo')).toHaveCount(1)
    await expect(staff.page.getByTestId('act-photo').locator('.chip')).toHaveCount(0) // uploaded, not pending
    await staff.page.getByTestId('act-english').locator('summary').click()
    await staff.page.getByTestId('act-en-title').fill('Credit repair explained in the community')
    await staff.page.getByTestId('act-preview').click()
    await expect(staff.page.getByTestId('body-preview').locator('h2')).toHaveText('活动内容')
    await expectNoAxeViolations(staff.page, 'activity editor')
    await staff.page.getByTestId('act-submit').click()
    await expect(staff.page).toHaveURL('/staff/activities?done=sent')
    await expect(staff.page.getByTestId('staff-activity').filter({ hasText: title }).getByTestId('status')).toHaveText('待审核')
    await expectNoAxeViolations(staff.page, 'activity list')

    // The district office returns it with a note.
    const admin = await newPage(browser, baseURL)
    await signIn(admin.page, 'demo-admin')
    await admin.page.getByTestId('link-review').click()
    await admin.page.getByTestId('staff-activity').filter({ hasText: title }).getByRole('link').click()
    await expect(admin.page.getByTestId('activity-preview')).toContainText(title)
    await expect(admin.page.getByTestId('activity-preview').locator('img')).toHaveCount(1)
    await expectNoAxeViolations(admin.page, 'review')
    await admin.page.getByTestId('return-note').fill('请补充活动的参与人数。')
    await admin.page.getByTestId('return').click()
    await expect(admin.page.getByTestId('status')).toHaveText('已退回')

    // The staff member sees the note, fixes it and sends it again.
    await staff.page.goto('/staff/activities?status=returned')
    const returned = staff.page.getByTestId('staff-activity').filter({ hasText: title })
    await expect(returned.getByTestId('review-note')).toContainText('请补充活动的参与人数。')
    await returned.getByRole('link').click()
    await expect(staff.page.getByTestId('review-note')).toContainText('参与人数')
    await expect(staff.page.getByTestId('act-title')).toHaveValue(title)
    await staff.page.getByTestId('act-summary').fill('社区志愿者向 40 余位居民讲解信用修复和守信激励。')
    await staff.page.getByTestId('act-submit').click()
    await expect(staff.page).toHaveURL('/staff/activities?done=sent')

    // Approved, it is on the street's public page.
    await admin.page.goto('/staff/activities?status=submitted')
    await admin.page.getByTestId('staff-activity').filter({ hasText: title }).getByRole('link').click()
    await expect(admin.page.getByTestId('activity-preview')).toContainText('40 余位居民')
    await admin.page.getByTestId('approve').click()
    await expect(admin.page.getByTestId('status')).toHaveText('已发布')

    const visitor = await newPage(browser, baseURL)
    await visitor.page.goto('/streets/jiangsu-road')
    const card = visitor.page.getByTestId('activity-card').filter({ hasText: title })
    await expect(card).toBeVisible()
    await card.getByRole('link').click()
    await expect(visitor.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await expect(visitor.page.locator('.demo-badge')).toHaveCount(0)
    // In English, the staff member's English title; the summary, not translated, in Chinese.
    await visitor.page.evaluate(() => localStorage.setItem('credit-changning:locale', 'en'))
    await visitor.page.reload()
    await expect(visitor.page.getByRole('heading', { level: 1 })).toHaveText('Credit repair explained in the community')
    await expect(visitor.page.getByText('社区志愿者向 40 余位居民讲解信用修复和守信激励。')).toHaveAttribute('lang', 'zh-CN')
    for (const c of [staff, admin, visitor])
      await c.context.close()
  })

  test('should keep a draft written offline through a reload and deliver it exactly once when the network returns', async ({ browser, baseURL, request }) => {
    const title = `离线草稿 ${Date.now().toString(36)}`
    const staff = await newPage(browser, baseURL)
    await signIn(staff.page, 'staff-xinhua-road')
    await staff.page.goto('/staff/activities/new')
    await expect(staff.page.getByTestId('activity-editor')).toBeVisible()
    // The service worker must hold the app before the network goes.
    await staff.page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null)
    await staff.page.reload()
    await expect.poll(() => staff.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)

    await staff.context.setOffline(true)
    await fillActivity(staff.page, title)
    await staff.page.getByTestId('act-photos').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await expect(staff.page.getByTestId('act-photo').locator('.chip')).toHaveText('待上传')
    await expect(staff.page.getByTestId('saved-locally')).toBeVisible()
    // The draft, photo included, is in IndexedDB before the page goes away.
    await expect.poll(() => staff.page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('credit-changning-staff')
      open.onsuccess = () => {
        const request = open.result.transaction('drafts').objectStore('drafts').get('draft:new')
        request.onsuccess = () => resolve((request.result as { photos?: unknown[] } | undefined)?.photos?.length ?? 0)
        request.onerror = () => resolve(-1)
      }
      open.onerror = () => resolve(-1)
    }))).toBe(1)
    await staff.page.reload()
    await expect(staff.page.getByTestId('draft-restored')).toBeVisible()
    await expect(staff.page.getByTestId('act-title')).toHaveValue(title)
    await expect(staff.page.getByTestId('act-photo')).toHaveCount(1)

    await staff.page.getByTestId('act-submit').click()
    await expect(staff.page).toHaveURL('/staff/activities?done=queued')
    await expect(staff.page.getByTestId('outbox-item')).toContainText(title)

    await staff.context.setOffline(false)
    // Chromium does not always tell a page loaded offline that the network is back, so the app may only notice
    // at its next reachability check (every 15 s while down).
    await expect(staff.page.getByTestId('outbox')).toHaveCount(0, { timeout: 30_000 })
    await expect(staff.page.getByTestId('staff-activity').filter({ hasText: title })).toHaveCount(1)
    // A second attempt (e.g. a reload while it was being sent) changes nothing on the server.
    await staff.page.evaluate(() => window.dispatchEvent(new Event('online')))
    await staff.page.reload()
    await expect(staff.page.getByTestId('staff-activity').filter({ hasText: title })).toHaveCount(1)

    const login = await request.post(`${baseURL}/api/auth/login`, {
      headers: { 'x-requested-with': 'credit-changning' },
      data: { username: 'demo-admin', password: DEMO_PASSWORD },
    })
    expect(login.ok()).toBe(true)
    const all = await (await request.get(`${baseURL}/api/staff/activities?status=submitted`)).json() as { items: { title: string, photos: unknown[] }[] }
    const mine = all.items.filter(a => a.title === title)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.photos).toHaveLength(1)
    await staff.context.close()
  })
})

test.describe('signing out with unsent work', () => {
  test('should warn before signing out and then wipe the drafts kept on the device', async ({ browser, baseURL }) => {
    const staff = await newPage(browser, baseURL)
    await signIn(staff.page, 'staff-chengjiaqiao')
    await staff.page.goto('/staff/activities/new')
    await staff.page.getByTestId('act-title').fill('未发送的草稿')
    await expect(staff.page.getByTestId('saved-locally')).toBeVisible()
    const drafts = () => staff.page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('credit-changning-staff')
      open.onsuccess = () => {
        const request = open.result.transaction('drafts').objectStore('drafts').count()
        request.onsuccess = () => resolve(request.result)
      }
    }))
    expect(await drafts()).toBeGreaterThan(0)

    await staff.page.goto('/staff')
    await staff.page.getByTestId('staff-logout').click()
    await expect(staff.page.getByTestId('logout-confirm')).toBeVisible()
    await staff.page.getByTestId('logout-anyway').click()
    await expect(staff.page).toHaveURL('/staff/login')
    expect(await drafts()).toBe(0)
    await staff.context.close()
  })
})
