// The static floor: the home page's visible content and the same CSS as plain HTML, no script, so a route's paint
// can be compared with what the platform allows on the same machine, network model and run. Served gzipped from its
// own loopback port; every other path (the stylesheet) is passed through to the app's server unchanged.
import { createServer, request } from 'node:http'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { freePort } from './server.mjs'

/** The home page as the app renders it (390 × 844), with scripts, preloads, the manifest and pictures removed. */
export async function floorHtml(origin, chromePath) {
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox'],
  })
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
    return await page.evaluate(() => {
      document.querySelectorAll('script, link[rel=modulepreload], link[rel=manifest], picture, img, noscript')
        .forEach(element => element.remove())
      return `<!doctype html>\n${document.documentElement.outerHTML}`
    })
  }
  finally {
    await browser.close()
  }
}

/** Serves `html` at / and proxies everything else to `origin`. Returns the floor's URL and a stop function. */
export async function serveFloor(html, origin) {
  const body = gzipSync(html)
  const target = new URL(origin)
  const port = await freePort()
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'no-cache' })
      res.end(body)
      return
    }
    const upstream = request({
      host: target.hostname,
      port: target.port,
      path: req.url,
      method: req.method,
      headers: req.headers,
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  await new Promise(r => server.listen(port, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise(r => server.close(r)),
  }
}
