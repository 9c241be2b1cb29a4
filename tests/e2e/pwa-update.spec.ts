import type { Page } from '@playwright/test'
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from './support/fixtures'
import { waitForServiceWorkerControl } from './support/helpers'
import { removeDir, startServer } from './support/server'

// A new version of the app, deployed while it is open: the phone app asks before switching to it; the kiosk never
// asks, and switches on the fresh home screen its next privacy wipe leaves. Each test serves its own copy of the build, and "deploys" by adding
// to that copy's sw.js a handler that tells its version, so the browser sees a changed service worker.

const DIST = resolve(import.meta.dirname, '../../dist')
const DEMO_KIOSK_TOKEN = 'demo-kiosk-changning-hall-01'

function deploy(distDir: string, version: string): void {
  appendFileSync(join(distDir, 'sw.js'), `\nself.addEventListener('message', (e) => { if (e.data === 'e2e-version?') e.source.postMessage('${version}') })\n`)
}

/**
 * The version the controlling service worker reports ('' for the first build, which has no such handler;
 * 'navigating' while the page is being replaced).
 */
function controllerVersion(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((done) => {
    const controller = navigator.serviceWorker.controller
    if (!controller) {
      done('none')
      return
    }
    navigator.serviceWorker.addEventListener('message', e => done(String(e.data)), { once: true })
    controller.postMessage('e2e-version?')
    setTimeout(done, 1000, '')
  })).catch((error: unknown) => {
    // The page went away under the question (a switch loads it anew); ask again.
    if (/Execution context was destroyed|Cannot find context|navigation/i.test(String(error)))
      return 'navigating'
    throw error
  })
}

/** Asks the browser to look for a new service worker now (as it does on navigations, at most once a day). */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    await registration?.update()
  })
  await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)), {
    message: 'the new version is installed and waiting',
  }).toBe(true)
}

async function withOwnServer(run: (url: string, distDir: string) => Promise<void>): Promise<void> {
  const distDir = mkdtempSync(join(tmpdir(), 'credit-e2e-dist-'))
  cpSync(DIST, distDir, { recursive: true })
  const server = await startServer({
    env: { DIST_DIR: distDir },
  })
  try {
    await run(server.url, distDir)
  }
  finally {
    await server.stop()
    removeDir(server.dataDir)
    removeDir(distDir)
  }
}

test.describe('a new version of the app', () => {
  // Service-worker installation and takeover race the test on a loaded 2-core machine: one of these tests lost its page
  // mid-switch in one full run of several (a closed target, not a wrong version). One retry until that is understood;
  // a real regression fails both tries.
  test.describe.configure({ retries: 1 })
  test('should wait until a returning resident agrees, then reload into the new version', async ({ page }) => {
    test.setTimeout(90_000)
    await withOwnServer(async (url, distDir) => {
      await page.goto(`${url}/`)
      await waitForServiceWorkerControl(page)
      await page.reload() // a later visit: the app starts under its service worker
      expect(await controllerVersion(page)).toBe('')
      const loads: string[] = []
      page.on('load', () => loads.push(page.url()))

      deploy(distDir, 'v2')
      await checkForUpdate(page)
      const prompt = page.getByTestId('update-prompt')
      await expect(prompt).toBeVisible()
      await expect(prompt).toContainText('新版本')
      // Until the resident agrees, the page stays with the version it started with.
      expect(await controllerVersion(page)).toBe('')

      await prompt.getByRole('button', { name: '立即更新' }).click()
      await expect.poll(() => loads).toEqual([`${url}/`])
      await expect.poll(() => controllerVersion(page)).toBe('v2')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
      await expect(page.getByTestId('update-prompt')).toHaveCount(0)
    })
  })

  test.describe('on a kiosk', () => {
    test.use({
      viewport: { width: 1080, height: 1920 },
      hasTouch: true,
      isMobile: false,
    })

    test('should never show the update prompt and should switch to the new version at the next wipe', async ({ page }) => {
      test.setTimeout(90_000)
      await withOwnServer(async (url, distDir) => {
        // Straight after set-up: the kiosk has not been reloaded since its service worker took over.
        await page.goto(`${url}/kiosk/setup#token=${DEMO_KIOSK_TOKEN}`)
        await expect(page).toHaveURL(`${url}/kiosk`)
        await waitForServiceWorkerControl(page)
        await page.getByTestId('tile-benefits').click()
        await expect(page.getByTestId('benefit-card').first()).toBeVisible()

        deploy(distDir, 'v3')
        await checkForUpdate(page)
        // Give the app the moment it needs to notice; it must keep quiet.
        await page.waitForTimeout(500)
        await expect(page.getByTestId('update-prompt')).toHaveCount(0)
        expect(await controllerVersion(page)).toBe('')

        const loads: string[] = []
        page.on('load', () => loads.push(page.url()))
        await page.getByTestId('kiosk-end').click()
        // The wipe reloads the kiosk home as always; there, with nobody's data on screen, the kiosk switches.
        await expect.poll(() => loads.length).toBeGreaterThanOrEqual(1)
        expect(loads[0]).toBe(`${url}/kiosk`)
        // On a loaded machine the switch may take the fallback's reload and a second try (kiosk-wipe.ts).
        await expect.poll(() => controllerVersion(page), { timeout: 25_000 }).toBe('v3')
        expect(new Set(loads)).toEqual(new Set([`${url}/kiosk`]))
        await expect(page.getByTestId('kiosk-qr')).toBeVisible()
        await expect(page.getByTestId('update-prompt')).toHaveCount(0)
        expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false)
      })
    })

    test('should switch to the new version even when the visit ends the moment it has installed', async ({ page }) => {
      test.setTimeout(90_000)
      await withOwnServer(async (url, distDir) => {
        await page.goto(`${url}/kiosk/setup#token=${DEMO_KIOSK_TOKEN}`)
        await expect(page).toHaveURL(`${url}/kiosk`)
        await waitForServiceWorkerControl(page)
        await page.getByTestId('tile-benefits').click()
        await expect(page.getByTestId('benefit-card').first()).toBeVisible()

        deploy(distDir, 'v4')
        await checkForUpdate(page)
        // At once: the app may not have heard of the waiting version yet (workbox-window tells of one only after a
        // pause), but the wipe asks the browser itself.
        const loads: string[] = []
        page.on('load', () => loads.push(page.url()))
        await page.getByTestId('kiosk-end').click()
        await expect.poll(() => loads.length).toBeGreaterThanOrEqual(1)
        await expect.poll(() => controllerVersion(page), { timeout: 25_000 }).toBe('v4')
        expect(new Set(loads)).toEqual(new Set([`${url}/kiosk`]))
        await expect(page.getByTestId('kiosk-qr')).toBeVisible()
        await expect(page.getByTestId('update-prompt')).toHaveCount(0)
      })
    })
  })
})
