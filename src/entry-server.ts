// Server-side rendering of the public pages (route meta `rendered`): the Fastify server (server/plugins/render.ts)
// loads this module's build from dist-server/ and asks for a page's HTML, so a phone paints the page's content with
// the HTML instead of after the scripts and an API round trip. The answers the page read go into the HTML too
// (api/prefetched.ts), and the browser takes the server's HTML over as it is (hydration, src/main.ts).
import type { AxiosRequestConfig } from 'axios'
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import { setTransport } from './api/client'
import { requestKey } from './api/prefetched'
import App from './App.vue'
import { DEFAULT_LOCALE } from './constants'
import { i18n, setLocale } from './modules/i18n'
import { createAppRouter, pageTitle } from './router'
import { routes } from './router/routes'

/** What a component may tell the server renderer (Vue's useSSRContext()). */
export interface RenderContext {
  /** The page's title, read once the page is rendered. */
  setTitle: (title: () => string | null) => void
  /** The source modules the page used (the Vue plugin adds each rendered component's): their CSS goes in the page. */
  modules?: Set<string>
}

/** How the renderer reads the API: a GET of `/api` + path, answered in-process (status and parsed JSON body). */
export type ReadApi = (path: string) => Promise<{ status: number, body: unknown }>

export interface RenderedPage {
  /** The app's markup, for inside <div id="app">. */
  html: string
  /** The page's <title>. */
  title: string
  /** The GET answers the page read, by request (api/prefetched.ts requestKey). */
  answers: Record<string, unknown>
  /** The source modules of the components rendered (keys of dist/.vite/ssr-manifest.json). */
  modules: string[]
}

/** Thrown by the transport for an answer other than 200: call() turns it into the ApiError the page shows. */
function httpError(status: number, body: unknown) {
  return {
    isAxiosError: true as const,
    response: { status, data: body },
  }
}

// One page at a time: the i18n instance and the API transport are the module's own, shared by every render.
let queue: Promise<unknown> = Promise.resolve()

/**
 * Renders `url` (path and query) as the browser would show it to a first-time visitor (Chinese, normal text
 * size, not a kiosk). Null when the address is not a page the server renders (the caller sends the app shell).
 */
export function render(url: string, readApi: ReadApi): Promise<RenderedPage | null> {
  const job = queue.then(() => renderNow(url, readApi))
  queue = job.catch(() => undefined)
  return job
}

async function renderNow(url: string, readApi: ReadApi): Promise<RenderedPage | null> {
  const answers: Record<string, unknown> = {}
  let failed = false
  setTransport(async (config: AxiosRequestConfig) => {
    if ((config.method ?? 'GET').toUpperCase() !== 'GET')
      throw new Error(`server rendering only reads (${config.method} ${config.url})`)
    const key = requestKey(config.url ?? '', config.params as object | undefined)
    const { status, body } = await readApi(key)
    if (status !== 200) {
      failed = true
      throw httpError(status, body)
    }
    answers[key] = body
    return body
  })
  await setLocale(DEFAULT_LOCALE)
  const router = createAppRouter(createMemoryHistory(), routes)
  // Only pages the server renders go through the router's guards here (a staff page's would ask who is signed in).
  if (!router.resolve(url).meta.rendered)
    return null
  await router.push(url)
  await router.isReady()
  const route = router.currentRoute.value
  if (!route.meta.rendered || route.fullPath !== url)
    return null // not a rendered page, or the guards sent it elsewhere: the browser decides

  const app = createSSRApp(App)
  app.use(createPinia())
  app.use(i18n)
  app.use(router)
  // Components tell the renderer what it cannot know before they rendered (useItemTitle: the item's title).
  let itemTitle: (() => string | null) | undefined
  const context: RenderContext = {
    setTitle: (title) => {
      itemTitle = title
    },
  }
  const html = await renderToString(app, context)
  // A page whose data did not all come (not found, an error): the browser asks again and shows what it gets.
  if (failed)
    return null
  return {
    html,
    title: itemTitle?.() ?? pageTitle(route.meta.titleKey),
    answers,
    modules: Array.from(context.modules ?? []),
  }
}
