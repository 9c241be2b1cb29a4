// Server-side rendering of the public pages: the app's own components, built from src/entry-server.ts into
// dist-server/, render a page's first screen into the HTML, so a phone paints the content with the HTML rather
// than after the scripts and an API round trip. The page's API answers go in with it (as JSON), and the browser
// takes the HTML over (hydration). Rendering reads the API in-process (app.inject: the same routes, checks and
// kept answers as any client); rendered pages are kept like public answers (plugins/answer-cache.ts).
//
// The shell (plain index.html) is sent instead when: there is no renderer build; the page is not one the server
// renders (route meta `rendered`: personal, staff, kiosk and device-dependent pages); the device asked for its own
// view (cookie, src/modules/server-view.ts: English, elder mode, a kiosk); or rendering fails or takes too long.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import fp from 'fastify-plugin'
import { EncodedBody, sendEncoded } from '../lib/encoding'
import { loadCodeAfterPaint, scriptSafeJson } from '../lib/page-code'

/** What dist-server/entry-server.js exports (src/entry-server.ts). */
interface Renderer {
  render: (url: string, readApi: (path: string) => Promise<{ status: number, body: unknown }>) => Promise<RenderedPage | null>
}
interface RenderedPage {
  html: string
  title: string
  answers: Record<string, unknown>
  /** Source modules the page rendered: dist/.vite/ssr-manifest.json gives their files. */
  modules: string[]
}

/** The cookie a device sets when it shows pages otherwise than the server renders them (src/modules/server-view.ts). */
const OWN_VIEW_COOKIE = 'cc-own-view'
/** A page not rendered within this time is answered with the shell (the browser renders it as before). */
const RENDER_TIMEOUT_MS = 3000
/** Pages rendered or waiting to be at once; more are answered with the shell (a burst of new addresses, a crawler). */
const MAX_PENDING_RENDERS = 16
const HTML = 'text/html; charset=utf-8'
/** Where the shell takes the app (index.html). */
const APP_ELEMENT = '<div id="app"></div>'
/** A rendered page differs by encoding and by the view cookie. */
const VARY = 'accept-encoding, cookie'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, c => ({
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  })[c]!)
}

/** What the client build's manifest (dist/.vite/manifest.json) says of one chunk. */
export interface ClientChunk {
  file: string
  imports?: readonly string[]
}

/**
 * The files the rendered components need (dist/.vite/ssr-manifest.json), as absolute paths: stylesheets and code.
 * The code includes every chunk those import statically (`client`, the client build's manifest): listed with the
 * page, they are fetched at once instead of one round trip later, when the browser has read the chunks that import
 * them. Stylesheets are only those of the rendered components: the rest is not needed for the first paint.
 */
export function pageFiles(
  modules: readonly string[],
  manifest: Record<string, readonly string[]>,
  client: Record<string, ClientChunk> = {},
): { css: string[], js: string[] } {
  const files = [
    ...new Set(modules.flatMap(module => manifest[module] ?? [])),
  ].map(file => `/${file.replace(/^\//, '')}`)
  const byFile = new Map(Object.values(client).map(chunk => [`/${chunk.file}`, chunk]))
  const js = new Set(files.filter(f => f.endsWith('.js')))
  const queue = [...js]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const key of byFile.get(file)?.imports ?? []) {
      const imported = client[key]
      if (imported && !js.has(`/${imported.file}`)) {
        js.add(`/${imported.file}`)
        queue.push(`/${imported.file}`)
      }
    }
  }
  return {
    css: files.filter(f => f.endsWith('.css')),
    js: [...js],
  }
}

/**
 * The shell with the rendered page in it. The stylesheets of the components rendered are linked in its head, so the
 * first paint is styled as the app will be (no shift when the app takes over); the app's code and theirs load once
 * the page has painted (lib/page-code.ts), and the app then takes the page over.
 */
export function pageHtml(shell: string, page: RenderedPage, files: { css: string[], js: string[] } = { css: [], js: [] }): string {
  const styles = files.css.filter(href => !shell.includes(`"${href}"`)).map(href => `<link rel="stylesheet" crossorigin href="${href}">`)
  return loadCodeAfterPaint(shell, files.js)
    .replace('</head>', `${styles.join('')}</head>`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
    .replace(APP_ELEMENT, `<div id="app" data-rendered="true">${page.html.replace(/ style=""/g, '')}</div>`
    + `<script type="application/json" id="ssr-answers">${scriptSafeJson(page.answers)}</script>`)
}

/**
 * A JSON file's content, read again when the file changes; `{}` while it is missing or unreadable (the page still
 * renders; its styles then arrive with the app's code).
 */
function jsonWhenChanged<T extends object>(file: string): () => T {
  let kept: { at: number, value: T } | undefined
  return () => {
    try {
      const at = statSync(file).mtimeMs
      if (kept?.at !== at) {
        kept = {
          at,
          value: JSON.parse(readFileSync(file, 'utf8')) as T,
        }
      }
      return kept.value
    }
    catch {
      return {} as T
    }
  }
}

async function loadRenderer(entry: string): Promise<Renderer | null> {
  return existsSync(entry)
    ? await import(pathToFileURL(entry).href) as Renderer
    : null
}

export default fp(async (app) => {
  const entry = join(app.config.ssrDir, 'entry-server.js')
  const renderer = app.hasApp
    ? await loadRenderer(entry)
    : null
  if (app.hasApp && !renderer)
    app.log.info({ entry }, 'no server renderer built: pages are answered with the app shell')

  // Which files each source module needs, and what each chunk imports (written by the client build). Read again
  // when a build replaces them.
  const viteDir = join(app.config.distDir, '.vite')
  const ssrManifest = jsonWhenChanged<Record<string, readonly string[]>>(join(viteDir, 'ssr-manifest.json'))
  const clientManifest = jsonWhenChanged<Record<string, ClientChunk>>(join(viteDir, 'manifest.json'))

  /** One API read, in-process, as a first-time visitor's browser would make it. */
  async function readApi(path: string) {
    const answer = await app.inject({
      method: 'GET',
      url: `/api${path}`,
      headers: { 'accept-language': 'zh-CN', 'accept': 'application/json' },
    })
    return {
      status: answer.statusCode,
      body: answer.json() as unknown,
    }
  }

  /** Renders waiting or running (the renderer takes one page at a time). */
  let pending = 0
  async function renderPage(url: string) {
    // Past this many, a page is not worth waiting for: the shell now is faster than a rendered page later.
    if (pending >= MAX_PENDING_RENDERS)
      return null
    pending++
    const rendering = renderer!.render(url, readApi)
    void rendering.finally(() => pending--).catch(() => {})
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(resolve, RENDER_TIMEOUT_MS, null)
    })
    try {
      return await Promise.race([
        rendering,
        timeout,
      ])
    }
    finally {
      clearTimeout(timer)
    }
  }

  app.decorateReply('sendPage', async function (this: FastifyReply, request: FastifyRequest) {
    const shell = renderer
      ? app.shellHtml()
      : ''
    if (!shell.includes(APP_ELEMENT) || request.cookies[OWN_VIEW_COOKIE])
      return this.sendShell(200)
    const kept = app.answers.enabled
      ? app.answers.lookup(request)
      : undefined
    if (kept)
      return sendEncoded(this.code(200).header('cache-control', 'no-cache'), kept.body, kept.contentType, kept.etag, VARY)
    app.answers.begin(request)
    let page
    try {
      page = await renderPage(request.url)
    }
    catch (error) {
      request.log.warn({ err: error, url: request.url }, 'server rendering failed: answered with the shell')
    }
    if (!page)
      return this.sendShell(200)
    const html = Buffer.from(pageHtml(shell, page, pageFiles(page.modules, ssrManifest(), clientManifest())))
    const etag = `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`
    const body = new EncodedBody(html, {}, 0)
    if (app.answers.enabled) {
      app.answers.keepBody(request, {
        contentType: HTML,
        etag,
        body,
        result: null,
      })
    }
    return sendEncoded(this.code(200).header('cache-control', 'no-cache'), body, HTML, etag, VARY)
  })
}, {
  name: 'render',
  dependencies: ['answer-cache'],
})

declare module 'fastify' {
  interface FastifyReply {
    /** Answers a page of the app: rendered by the server when it can be (plugins/render.ts), else the shell. */
    sendPage: (request: FastifyRequest) => Promise<FastifyReply>
  }
}
