import type { ArticleInput } from '#schemas/content'
import type { TestApp } from './helpers'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { ASSET_PATH, buildTestApp, FAKE_INDEX_HTML, makeTempDir, signIn, writeFakeDist } from './helpers'

// How the server answers the app's pages when a renderer is built (server/plugins/render.ts). The renderer here is
// a stand-in with the real one's interface (src/entry-server.ts: render(url, readApi)), so the server's part is
// tested on its own: the real renderer is tested in Chromium (tests/e2e/server-rendering.spec.ts).
const FAKE_RENDERER = `
export let calls = 0
export async function render(url, readApi) {
  calls++
  if (url.startsWith('/streets'))
    return null // not a page the server renders
  if (url.startsWith('/activities'))
    throw new Error('the renderer failed')
  if (url.startsWith('/query')) {
    await globalThis.renderHeld // a slow render, until the test lets it go
    return null
  }
  const list = await readApi('/articles?pageSize=1')
  const title = list.body.items[0].title
  return {
    html: '<main><h1>' + title + '</h1><button style="">ok</button></main>',
    title: 'A <b>page</b> & "title"',
    answers: { '/articles?pageSize=1': list.body, '/trap': { text: '</script><script>alert(1)</script>\\u2028<!--' } },
    modules: ['src/pages/PublicityPage.vue', 'src/components/unknown.vue'],
  }
}
`

describe('pages rendered by the server', () => {
  let t: TestApp
  let renderer: { calls: number }
  let admin = ''

  beforeAll(async () => {
    const dir = makeTempDir()
    mkdirSync(join(dir, 'dist-server'), { recursive: true })
    writeFileSync(join(dir, 'dist-server', 'entry-server.js'), FAKE_RENDERER)
    writeFakeDist(join(dir, 'dist'))
    mkdirSync(join(dir, 'dist', '.vite'), { recursive: true })
    writeFileSync(join(dir, 'dist', '.vite', 'ssr-manifest.json'), JSON.stringify({
      'src/pages/PublicityPage.vue': ['/assets/PublicityPage-Ab12Cd34.js', '/assets/PublicityPage-Ef56Gh78.css', ASSET_PATH],
    }))
    // What each chunk imports: the page's code imports a list chunk, which imports the runtime and the entry.
    writeFileSync(join(dir, 'dist', '.vite', 'manifest.json'), JSON.stringify({
      'index.html': {
        file: ASSET_PATH.slice(1),
        imports: ['_runtime-Aa11Bb22.js'],
      },
      '_runtime-Aa11Bb22.js': { file: 'assets/runtime-Aa11Bb22.js' },
      '_ListState-Cc33Dd44.js': {
        file: 'assets/ListState-Cc33Dd44.js',
        imports: ['_runtime-Aa11Bb22.js', 'index.html'],
        css: ['assets/ListState-Ee55Ff66.css'],
      },
      'src/pages/PublicityPage.vue': {
        file: 'assets/PublicityPage-Ab12Cd34.js',
        imports: ['index.html', '_ListState-Cc33Dd44.js'],
      },
    }))
    t = await buildTestApp({
      dir,
      withDist: true,
      env: {
        PUBLIC_CACHE_SECONDS: '60',
        SSR_DIR: join(dir, 'dist-server'),
      },
    })
    renderer = await import(pathToFileURL(join(dir, 'dist-server', 'entry-server.js')).href) as { calls: number }
    admin = (await signIn(t.app, 'demo-admin')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })
  async function firstArticle(): Promise<{ id: number, title: string }> {
    return (await get('/api/articles?pageSize=1')).json<{ items: { id: number, title: string }[] }>().items[0]!
  }

  it('should send the page with the content the renderer read from the API, its title and its answers', async () => {
    const article = await firstArticle()
    const res = await get('/publicity')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers.vary).toMatch(/cookie/i)
    expect(res.body).toContain(`<div id="app" data-rendered="true"><main><h1>${article.title}</h1>`)
    expect(res.body).toContain('<title>A &lt;b&gt;page&lt;/b&gt; &amp; &quot;title&quot;</title>')
    // An empty style attribute would be refused by the security policy (style-src 'self'): it is left out.
    expect(res.body).toContain('<button>ok</button>')
    const json = /<script type="application\/json" id="ssr-answers">(.*?)<\/script>/s.exec(res.body)?.[1]
    expect(json).toBeDefined()
    const answers = JSON.parse(json!) as Record<string, unknown>
    expect(answers['/articles?pageSize=1']).toEqual((await get('/api/articles?pageSize=1')).json())
    // Text in an answer cannot end the script element or start markup.
    expect(answers['/trap']).toEqual({ text: '</script><script>alert(1)</script>\u2028<!--' })
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).not.toContain('<!--')
  })

  it('should link the stylesheets of the components the page rendered in its head, once each', async () => {
    const res = await get('/publicity')
    const head = res.body.slice(0, res.body.indexOf('</head>'))
    expect(head).toContain('<link rel="stylesheet" crossorigin href="/assets/PublicityPage-Ef56Gh78.css">')
    expect(res.body.split('/assets/PublicityPage-Ef56Gh78.css')).toHaveLength(2)
  })

  it('should load the app\'s code and the page\'s after the first paint, by the one inline script the policy allows', async () => {
    const res = await get('/publicity')
    const head = res.body.slice(0, res.body.indexOf('</head>'))
    // Nothing in the head fetches code: the stylesheets and the content paint first.
    expect(head).not.toMatch(/<script|modulepreload/)
    const list = /<script type="application\/json" id="app-code">(.*?)<\/script>/s.exec(res.body)?.[1]
    // The page's own code and everything it imports, listed together: none waits for the chunk that imports it.
    expect(JSON.parse(list!)).toEqual([
      ASSET_PATH,
      '/assets/PublicityPage-Ab12Cd34.js',
      '/assets/ListState-Cc33Dd44.js',
      '/assets/runtime-Aa11Bb22.js',
    ])
    // Stylesheets are those of what was rendered; an imported chunk's come with the app.
    expect(head).not.toContain('ListState-Ee55Ff66.css')
    // The loader is the only script that runs inline, and the security policy allows exactly it, by its hash.
    const inline = [
      ...res.body.matchAll(/<script>(.*?)<\/script>/gs),
    ].map(m => m[1]!)
    expect(inline).toHaveLength(1)
    expect(inline[0]).toContain('requestAnimationFrame')
    const hash = createHash('sha256').update(inline[0]!).digest('base64')
    const scriptSrc = /script-src ([^;]+)/.exec(String(res.headers['content-security-policy']))?.[1]
    expect(scriptSrc?.split(' ').sort()).toEqual([`'self'`, `'sha256-${hash}'`].sort())
    expect(res.body.indexOf('id="app-code"')).toBeGreaterThan(res.body.indexOf('id="ssr-answers"'))
  })

  it('should send the app shell to a device that shows pages its own way (English, elder mode, a kiosk)', async () => {
    const before = renderer.calls
    const res = await get('/benefits', { cookie: 'cc-own-view=1' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(FAKE_INDEX_HTML)
    expect(renderer.calls).toBe(before)
  })

  it('should send the app shell when the renderer does not render the page, or fails', async () => {
    for (const path of ['/streets', '/activities/1']) {
      const res = await get(path)
      expect(res.statusCode, path).toBe(200)
      expect(res.body, path).toBe(FAKE_INDEX_HTML)
    }
  })

  it('should answer with the shell at once, not queue, when 16 pages are already being rendered', async () => {
    let release!: () => void
    ;(globalThis as { renderHeld?: Promise<void> }).renderHeld = new Promise<void>((resolve) => {
      release = resolve
    })
    const before = renderer.calls
    const held = Array.from({ length: 16 }, (_, i) => get(`/query?q=held${i}`))
    await new Promise(resolve => setTimeout(resolve, 50))
    const extra = await get('/benefits?q=one-more')
    expect(extra.statusCode).toBe(200)
    expect(extra.body).toBe(FAKE_INDEX_HTML)
    expect(renderer.calls - before).toBe(16)
    release()
    for (const res of await Promise.all(held))
      expect(res.body).toBe(FAKE_INDEX_HTML)
  })

  it('should render a page once while nothing changes, and again after an admin\'s change', async () => {
    const first = await get('/benefits?category=transport')
    const calls = renderer.calls
    const again = await get('/benefits?category=transport')
    expect(again.body).toBe(first.body)
    expect(again.headers.etag).toBe(first.headers.etag)
    expect(renderer.calls).toBe(calls)

    const { id, title } = await firstArticle()
    const current = (await get(`/api/admin/articles/${id}`, { cookie: admin })).json<ArticleInput>()
    const input: ArticleInput = {
      kind: current.kind,
      title: `${title}（更新）`,
      summary: current.summary,
      body: current.body,
      source: current.source,
      street: current.street,
      tags: current.tags,
      disclosureUntil: current.disclosureUntil,
      status: current.status,
    }
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/articles/${id}`,
      headers: { [CSRF_HEADER]: CSRF_VALUE, cookie: admin },
      payload: input,
    })
    expect(put.statusCode, put.body).toBe(200)
    const after = await get('/benefits?category=transport')
    expect(renderer.calls).toBe(calls + 1)
    expect(after.body).toContain(`<h1>${title}（更新）</h1>`)
  })
})

describe('pages without a renderer build', () => {
  it('should answer every page with the app shell', async () => {
    const t = await buildTestApp({ withDist: true })
    try {
      for (const path of ['/', '/benefits', '/publicity/1']) {
        const res = await t.app.inject({ method: 'GET', url: path })
        expect(res.statusCode, path).toBe(200)
        expect(res.body, path).toBe(FAKE_INDEX_HTML)
      }
    }
    finally {
      await t.close()
    }
  })
})
