import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect } from '@playwright/test'

export const test = base.extend({
  // The app marks test hooks with data-test="…" (not Playwright's default data-testid).
  testIdAttribute: 'data-test',
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
  baseURL: async ({}, use) => {
    await use(process.env.BASE_URL)
  },
})
export { expect }

/**
 * Runs axe (WCAG 2.x A/AA plus best practices) and returns violations in a readable form, once the page is drawn:
 * every page has its h1 (axe's page-has-heading-one), so a check that ran on the shell alone once failed on that.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await expect(page.locator('h1').first()).toBeAttached()
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)
}

/** Turns elder mode on the way a user does (home screen switch) and waits for the layout to change. */
export async function enableElderMode(page: Page): Promise<void> {
  await page.goto('/')
  // The home page arrives rendered by the server: the switch works once the app runs.
  await page.waitForFunction(() => Boolean((document.getElementById('app') as { __vue_app__?: unknown } | null)?.__vue_app__))
  await page.getByTestId('elder-toggle').click()
  await expect(page.locator('html')).toHaveClass(/elder/)
}
