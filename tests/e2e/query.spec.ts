import { axeViolations, expect, test } from './support/fixtures'

test.describe('enterprise search by credit code', () => {
  test('should refuse a mistyped code before sending anything and explain why', async ({ page }) => {
    await page.goto('/query')
    await expect(page.getByTestId('enterprise-card').first()).toBeVisible()
    const searches: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/enterprises?'))
        searches.push(request.url())
    })
    const box = page.getByTestId('enterprise-search')
    await box.fill('91310105MA1G4TK835') // last character wrong
    await expect(page.getByTestId('uscc-hint')).toContainText('校验码不对')
    await box.press('Enter')
    await expect(page).toHaveURL('/query')
    expect(searches).toEqual([])
    expect(await axeViolations(page)).toEqual([])
  })

  test('should find the firm and say what its code means when a valid code is typed', async ({ page }) => {
    await page.goto('/query')
    const box = page.getByTestId('enterprise-search')
    await box.fill('9131 0105 ma1g4tk834')
    await expect(page.getByTestId('uscc-hint')).toHaveText('代码有效：91 = 工商 · 企业，310105 = 上海市长宁区')
    await box.press('Enter')
    await expect(page).toHaveURL(/\/query\?q=/)
    const cards = page.getByTestId('enterprise-card')
    await expect(cards).toHaveCount(1)
    await expect(cards.first()).toContainText('91310105MA1G4TK834')
  })

  test('should search by the first characters of a code while it is incomplete', async ({ page }) => {
    await page.goto('/query')
    const box = page.getByTestId('enterprise-search')
    await box.fill('91310105')
    await expect(page.getByTestId('uscc-hint')).toContainText('8/18')
    await box.press('Enter')
    await expect(page).toHaveURL('/query?q=91310105')
    await expect(page.getByTestId('enterprise-card').first()).toContainText('91310105')
  })
})
