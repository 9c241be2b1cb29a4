import type { Page } from '@playwright/test'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { expectDataShown, TABS } from './support/helpers'

const PAGES = [
  ...TABS.map(tab => ({
    name: tab.name,
    path: tab.path,
    heading: tab.heading,
    cards: tab.cards as readonly string[],
  })),
  {
    name: 'settings',
    path: '/settings',
    heading: '我的',
    cards: [] as readonly string[],
  },
]

/** Opens a page and waits until what a user would see is there: heading, data cards, no skeletons. */
async function openAndSettle(page: Page, target: typeof PAGES[number]): Promise<void> {
  await page.goto(target.path)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.heading)
  await expectDataShown(page, target.cards)
  if (target.name === 'settings')
    await expect(page.getByTestId('server-status')).toHaveText('正常')
}

for (const mode of ['normal', 'elder'] as const) {
  test.describe(`accessibility in ${mode} mode`, () => {
    for (const target of PAGES) {
      test(`should have no axe violations on ${target.name} (${target.path}) when in ${mode} mode`, async ({ page }) => {
        if (mode === 'elder')
          await enableElderMode(page)
        await openAndSettle(page, target)
        if (mode === 'elder')
          await expect(page.locator('html')).toHaveClass(/\belder\b/)

        const violations = await axeViolations(page)
        expect(violations, `axe violations on ${target.path} (${mode} mode):\n${violations.join('\n')}`).toEqual([])
      })
    }
  })
}
