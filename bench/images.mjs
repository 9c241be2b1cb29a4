#!/usr/bin/env node
// Picture bytes a page downloads (not a test): each page in Debian's Chromium at several screen densities, scrolled
// to the end so lazy pictures load (bench/lib/pictures.mjs). Prints each figure beside the target (home ≤ 40 KB,
// issue #13) and which sizes were picked.
//
// Env: BASE_URL (default http://127.0.0.1:8080), CHROMIUM_PATH (default /usr/bin/chromium).
// Usage: npm start   # in another terminal
//        npm run bench:images

import process from 'node:process'
import { openBrowser, pictureBytes } from './lib/pictures.mjs'

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const CHROME_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const PAGES = [
  { path: '/', targetKB: 40 },
  { path: '/publicity' },
  { path: '/streets/jiangsu-road' },
]
// 1.75: Lighthouse's emulated phone; 3: many current phones.
const DENSITIES = [1, 1.75, 3]

const browser = await openBrowser(CHROME_PATH)
try {
  console.log(`pictures downloaded per page (${BASE_URL}, 390×844, scrolled to the end)`)
  console.log('page                     density   pictures      KB   target   sizes')
  for (const { path, targetKB } of PAGES) {
    for (const density of DENSITIES) {
      const { bytes, count, sizes } = await pictureBytes(browser, `${BASE_URL}${path}`, density)
      const kb = bytes / 1024
      const verdict = targetKB === undefined
        ? ''
        : `${kb <= targetKB
          ? '✔'
          : '✘'} ≤ ${targetKB}`
      const picked = [...sizes].map(([size, n]) => `${n}×${size}`).join(' ')
      console.log(`${path.padEnd(24)} ${String(density).padStart(7)} ${String(count).padStart(10)} ${kb.toFixed(1).padStart(7)}   ${verdict.padEnd(7)}  ${picked}`)
    }
  }
}
finally {
  await browser.close()
}
