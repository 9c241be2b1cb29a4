import type { Page } from '@playwright/test'
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { usccCheckChar } from '#common/codes/uscc'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'

// 双公示 intake in the staff portal: the district office loads a department's penalties, sees the bad rows, fixes
// them and imports; residents find the penalty on the firm's public profile and in search at once.
const DEMO_PASSWORD = 'changning-demo-2026'

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

async function signIn(page: Page) {
  await page.goto('/staff/login')
  await page.getByTestId('staff-username').fill('demo-admin')
  await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
  await page.getByTestId('staff-submit').click()
  await expect(page).toHaveURL('/staff')
}

/** A valid USCC of a fictional firm, different on every run. */
function newUscc(): string {
  const first17 = `91310105MA${String(Date.now() % 10_000_000).padStart(7, '0')}`
  return first17 + usccCheckChar(first17)
}

function shanghaiDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000))
}

test('should let an admin check a penalty file, see its two bad rows, fix them and import it, for the public to see at once', async ({ page }) => {
  const uscc = newUscc()
  const name = `上海长宁导入测试${uscc.slice(-5)}餐饮有限公司`
  const decided = shanghaiDay(-10)
  const until = shanghaiDay(355)
  await signIn(page)
  await page.getByTestId('link-intake').click()
  await expect(page).toHaveURL('/staff/intake')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('双公示数据导入')
  await expectNoAxeViolations(page, 'intake')

  // The template, downloaded as an admin does, is the file's header.
  const downloading = page.waitForEvent('download')
  await page.getByTestId('template-penalty').click()
  const download = await downloading
  const template = readFileSync(await download.path(), 'utf8')
  const header = template.replace(/^\uFEFF/, '').trim().split(',')
  expect(header).toContain('*行政处罚决定书文号(cf_wsh)')
  const row = (values: Record<string, string>) => header.map(h => values[/\(([^()]+)\)$/.exec(h)![1]!] ?? '').join(',')
  const good = (docNo: string, extra: Record<string, string> = {}) => row({
    cf_xdr_mc: name,
    cf_xdr_lb: '法人及非法人组织',
    cf_xdr_shxym: uscc,
    cf_wsh: docNo,
    cf_wfxw: '未按规定公示食品经营许可证',
    cf_sy: '检查发现当事人未在经营场所显著位置公示食品经营许可证。',
    cf_yj: '《中华人民共和国食品安全法》第一百二十六条',
    cf_cflb: '警告',
    cf_nr: '给予警告。',
    cf_jdrq: decided,
    cf_cfjg: '上海市长宁区市场监督管理局',
    cf_gsjzq: until,
    ...extra,
  })
  const file = (rows: string[]) => ({
    name: '处罚-导入.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${[
      header.join(','),
      ...rows,
    ].join('\r\n')}\r\n`),
  })

  await page.getByTestId('intake-file').setInputFiles(file([
    good('沪长市监处〔2026〕E2E1号'),
    good('沪长市监处〔2026〕E2E2号', {
      cf_xdr_shxym: `${uscc.slice(0, 17)}0` === uscc
        ? `${uscc.slice(0, 17)}1`
        : `${uscc.slice(0, 17)}0`,
    }),
    good('沪长市监处〔2026〕E2E3号', { cf_jdrq: '2026-13-01' }),
  ]))
  await page.getByTestId('intake-upload').click()
  await expect(page.getByTestId('intake-status')).toContainText('已检查，待确认')
  await expect(page.getByTestId('count-new')).toHaveText('1')
  await expect(page.getByTestId('count-rejected')).toHaveText('2')
  const rejections = page.getByTestId('intake-rejections').locator('tbody tr')
  await expect(rejections).toHaveCount(2)
  await expect(rejections.nth(0)).toContainText('统一社会信用代码不正确')
  await expect(rejections.nth(1)).toContainText('不是有效日期')
  await expectNoAxeViolations(page, 'intake check result')

  // Fixed, the file is checked again and imported.
  await page.getByTestId('intake-file').setInputFiles(file([
    good('沪长市监处〔2026〕E2E1号'),
    good('沪长市监处〔2026〕E2E2号'),
    good('沪长市监处〔2026〕E2E3号'),
  ]))
  await page.getByTestId('intake-upload').click()
  await expect(page.getByTestId('count-new')).toHaveText('3')
  await expect(page.getByTestId('count-rejected')).toHaveText('0')
  await page.getByTestId('intake-commit').click()
  await expect(page.getByTestId('intake-status')).toContainText('已导入')
  await expect(page.getByTestId('intake-rollback')).toBeVisible()

  // The public sees it the same minute: the profile with the penalty and its publication end, and search.
  await page.goto(`/query/enterprise/${uscc}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  await expect(page.getByText('沪长市监处〔2026〕E2E2号')).toBeVisible()
  await expect(page.getByText(`公示至 ${until.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`).first()).toBeVisible()
  await page.goto(`/query?q=${encodeURIComponent(name.slice(0, 12))}`)
  await expect(page.getByText(name)).toBeVisible()
})

test('should register a department\'s system, show its token once, and count what it delivers on the statistics page', async ({ page }) => {
  const name = `区市场监管局执法系统-${Date.now().toString(36)}`
  await signIn(page)
  await page.goto('/staff/intake')
  await page.getByTestId('source-name').fill(name)
  await page.getByTestId('source-uscc').fill('11310105MB2F03960Q')
  await page.getByTestId('source-submit').click()
  await expect(page.getByTestId('source-token')).toContainText(name)
  const token = (await page.getByTestId('source-token').locator('code').textContent())!.trim()
  expect(token).toMatch(/^[\w-]{43}$/)
  await expectNoAxeViolations(page, 'intake with a new source')

  const uscc = newUscc()
  const pushed = await page.request.post('/api/intake/penalties', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      batchKey: 'e2e-1',
      records: [
        {
          cf_xdr_mc: `上海长宁推送${uscc.slice(-4)}有限公司`,
          cf_xdr_shxym: uscc,
          cf_wsh: '沪长市监处〔2026〕P1号',
          cf_wfxw: '未按规定公示',
          cf_sy: '未公示。',
          cf_yj: '食品安全法第一百二十六条',
          cf_cflb: '警告',
          cf_nr: '给予警告。',
          cf_jdrq: shanghaiDay(-3),
          cf_cfjg: '上海市长宁区市场监督管理局',
        },
      ],
    },
  })
  expect(pushed.status()).toBe(200)
  expect((await pushed.json() as { counts: { new: number } }).counts.new).toBe(1)

  await page.goto('/staff/stats')
  const row = page.getByTestId('stats-sources').locator('tr', { hasText: name })
  await expect(row).toContainText('正常')
  await expect(row.locator('td').nth(1)).toHaveText('1')
  await page.goto(`/query/enterprise/${uscc}`)
  await expect(page.getByTestId('profile-updates')).toContainText(name)
})

test('should pass accessibility checks on the intake page in elder mode', async ({ page }) => {
  await enableElderMode(page)
  await signIn(page)
  await page.goto('/staff/intake')
  await expect(page.getByTestId('intake-form')).toBeVisible()
  await expectNoAxeViolations(page, 'intake (elder)')
})
