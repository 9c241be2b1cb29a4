import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/support/chromium.ts'

// End-to-end tests: Debian's Chromium (or CHROMIUM_PATH) against the built app served by the real server.
// globalSetup starts one server on a free port with a fresh database; tests that stop a server start their own.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_REPORT
    ? [
        ['list'],
        [
          'json',
          { outputFile: process.env.PW_JSON_REPORT },
        ],
      ]
    : [
        ['list'],
      ],
  use: {
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  outputDir: 'test-results',
})
