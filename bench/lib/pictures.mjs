// Picture bytes a page downloads: the page in Chromium at a screen density, scrolled to the end so lazy pictures
// load; every /api/media/ response is summed, and the sizes picked are counted.
import { chromium } from '@playwright/test'

export async function openBrowser(chromePath) {
  return chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox'],
  })
}

/** @returns {Promise<{ bytes: number, count: number, sizes: Map<string, number> }>} bytes, pictures and sizes picked */
export async function pictureBytes(browser, url, density) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: density,
    serviceWorkers: 'block',
  })
  try {
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
    await page.goto(url, { waitUntil: 'networkidle' })
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(500)
    await Promise.all(pending)
    return {
      bytes,
      count: [
        ...sizes.values(),
      ].reduce((a, b) => a + b, 0),
      sizes,
    }
  }
  finally {
    await context.close()
  }
}
