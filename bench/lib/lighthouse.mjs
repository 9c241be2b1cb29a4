// Lighthouse 12 with its default mobile settings (simulated throttling, mobile emulation) in Debian's Chromium.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'

export const CHROME_PATH = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium'
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const { default: lighthouse } = await import('lighthouse')
const chromeLauncher = await importChromeLauncher()

export const LIGHTHOUSE_VERSION = createRequire(import.meta.url)('lighthouse/package.json').version

/** chrome-launcher is a dependency of lighthouse; resolve it from there if it isn't hoisted. */
async function importChromeLauncher() {
  try {
    return await import('chrome-launcher')
  }
  catch {
    const require = createRequire(import.meta.resolve('lighthouse'))
    return import(pathToFileURL(require.resolve('chrome-launcher')).href)
  }
}

/** The app's font stack (the body rule of src/styles/main.css). */
const FONT_STACK = /body\s*\{[^}]*font-family:([^;]+);/.exec(readFileSync(new URL('../../src/styles/main.css', import.meta.url), 'utf8'))?.[1]?.trim()
  ?? 'sans-serif'

/**
 * Has a freshly launched Chromium draw a line of Chinese in the app's font stack, on a blank page of no origin,
 * before Lighthouse opens the page measured. The first lookup of those font names since Chromium started (fontconfig
 * searching for `PingFang SC` and the others a Linux machine lacks) costs ~200 ms in the page's first layout on this
 * VM, and Lighthouse's 4× CPU model makes that 800 ms; a phone's browser, running and drawing Chinese all day,
 * has long paid it. The floor page and every route get the same warm-up, and no cache or storage of the site is
 * touched.
 */
export async function warmFonts(port) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  try {
    const context = browser.contexts()[0] ?? await browser.newContext()
    const page = await context.newPage()
    await page.setContent(`<p style="font-family: ${FONT_STACK.replace(/"/g, '\'')}">信用长宁 让守信者处处受益 <b>惠民</b> `
      + '<span style="font-weight: 600">诚信</span> 2026</p>')
    await page.evaluate(() => document.body.getBoundingClientRect().height)
    await page.close()
  }
  finally {
    await browser.close()
  }
}

export function median(values) {
  const v = values.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0)
    return null
  const mid = Math.floor(v.length / 2)
  return v.length % 2
    ? v[mid]
    : (v[mid - 1] + v[mid]) / 2
}

/** What one run tells: category scores (0–100), metrics, and the script bytes received before the first paint. */
function summarise(lhr) {
  if (lhr.runtimeError)
    throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`)
  const score = id => lhr.categories[id]?.score == null
    ? null
    : Math.round(lhr.categories[id].score * 100)
  const metric = id => lhr.audits[id]?.numericValue ?? null
  const observed = lhr.audits.metrics?.details?.items?.[0] ?? {}
  const requests = lhr.audits['network-requests']?.details?.items ?? []
  const fcpAt = observed.observedFirstContentfulPaint
  const beforePaint = requests.filter(r => fcpAt != null && r.networkRequestTime != null && r.networkRequestTime < fcpAt)
  const bytes = type => beforePaint.filter(r => r.resourceType === type).reduce((n, r) => n + (r.transferSize ?? 0), 0)
  return {
    perf: score('performance'),
    a11y: score('accessibility'),
    bp: score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    scriptBytesBeforePaint: bytes('Script'),
    fetchBeforePaint: beforePaint.filter(r => r.resourceType === 'Fetch' || r.resourceType === 'XHR').length,
  }
}

/** Medians of each field over the runs. */
export function medians(runs) {
  const out = { runs: runs.length }
  for (const key of Object.keys(runs[0] ?? {})) out[key] = median(runs.map(r => r[key]))
  return out
}

/**
 * Runs Lighthouse on `url` until it has `times` runs, each in a fresh Chromium (cold: no cache, no service worker;
 * its fonts warmed, see warmFonts). A run whose trace Lighthouse could not read (NO_NAVSTART, one in a dozen on this
 * VM) is reported and run again, up to three times in all, so that the median is of `times` runs.
 * @returns {Promise<ReturnType<typeof summarise>[]>} one summary per successful run
 */
export async function coldRuns(url, times, onRun = () => {}) {
  const results = []
  const retries = 3
  for (let attempt = 0; results.length < times && attempt < times + retries; attempt++) {
    const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' })
    try {
      await warmFonts(chrome.port)
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' })
      const run = summarise(result.lhr)
      results.push(run)
      onRun(run, attempt)
    }
    catch (error) {
      onRun(null, attempt, error)
    }
    finally {
      await chrome.kill()
    }
  }
  return results
}

/**
 * A returning visitor: one Chromium profile loads `url` and waits for its service worker to take control and
 * precache, then Lighthouse measures further loads without clearing storage (performance category only).
 */
export async function repeatRuns(url, times, onRun = () => {}) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' })
  const results = []
  try {
    const flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      disableStorageReset: true,
    }
    // The first load installs the service worker; Lighthouse waits for the page to go quiet, by which time the
    // precache is filled. Its figures are not kept.
    await lighthouse(url, flags)
    for (let i = 0; i < times; i++) {
      try {
        const run = summarise((await lighthouse(url, flags)).lhr)
        results.push(run)
        onRun(run, i)
      }
      catch (error) {
        onRun(null, i, error)
      }
    }
  }
  finally {
    await chrome.kill()
  }
  return results
}
