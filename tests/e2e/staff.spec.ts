import type { Page } from '@playwright/test'
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

test.describe('staff portal pages', () => {
  test('should show the statistics with charts and a CSV export to an admin', async ({ page }) => {
    await signIn(page, 'demo-admin', DEMO_PASSWORD)
    await page.getByTestId('link-stats').click()
    await expect(page).toHaveURL('/staff/stats')
    await expect(page.getByTestId('stats-activities').locator('svg rect').first()).toBeVisible()
    await expectNoAxeViolations(page, 'statistics')
    const csv = await page.request.get('/api/admin/stats/activities.csv')
    expect(csv.ok()).toBe(true)
    expect(await csv.text()).toContain('街镇,月份,已发布活动数')
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
