#!/usr/bin/env node
// Picture bytes a page downloads (not a test): opens each page in Debian's Chromium at several screen densities,
// scrolls to the end so lazy pictures load, and sums the bytes of every /api/media/ response. Prints each figure
// beside the target (home ≤ 40 KB, issue #13) and which sizes were picked.
//
// Env: BASE_URL (default http://127.0.0.1:8080), CHROMIUM_PATH (default /usr/bin/chromium).
// Usage: npm start   # in another terminal
//        npm run bench:images

import process from 'node:process'
import { chromium } from '@playwright/test'

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const CHROME_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const PAGES = [
  { path: '/', targetKB: 40 },
  { path: '/publicity' },
  { path: '/streets/jiangsu-road' },
]
// 1.75: Lighthouse's emulated phone; 3: many current phones.
const DENSITIES = [1, 1.75, 3]

const browser = await chromium.launch({
  executablePath: CHROME_PATH,
  args: ['--no-sandbox'],
})
try {
  console.log(`pictures downloaded per page (${BASE_URL}, 390×844, scrolled to the end)`)
  console.log('page                     density   pictures      KB   target   sizes')
  for (const { path, targetKB } of PAGES) {
    for (const density of DENSITIES) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: density,
        serviceWorkers: 'block',
      })
      const page = await context.newPage()
      const sizes = new Map()
      let bytes = 0
      const pending = []
      page.on('response', (response) => {
        if (!new URL(response.url()).pathname.startsWith('/api/media/'))
          return
        pending.push(response.body().then((body) => {
          bytes += body.length
          const size = /\/(\d+\.\w+)$/.exec(response.url())?.[1] ?? 'original'
          sizes.set(size, (sizes.get(size) ?? 0) + 1)
        }, () => {}))
      })
      await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' })
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(500)
      await Promise.all(pending)
      const kb = bytes / 1024
      const verdict = targetKB === undefined
        ? ''
        : `${kb <= targetKB
          ? '✔'
          : '✘'} ≤ ${targetKB}`
      const picked = [...sizes].map(([size, n]) => `${n}×${size}`).join(' ')
      console.log(`${path.padEnd(24)} ${String(density).padStart(7)} ${String([
        ...sizes.values(),
      ].reduce((a, b) => a + b, 0)).padStart(10)} ${kb.toFixed(1).padStart(7)}   ${verdict.padEnd(7)}  ${picked}`)
      await context.close()
    }
  }
}
finally {
  await browser.close()
}
