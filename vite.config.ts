import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'
import { VitePWA } from 'vite-plugin-pwa'
import { compileHints } from './build/compile-hints'
import { publicPrecache } from './build/precache'
import { PAGES_CACHE, RENDERED_PATH, RENDERED_URL } from './common/rendered-pages'
import { routeTable } from './server/schemas/endpoint'
import * as declarations from './server/schemas/endpoints'

const API_PORT = Number(process.env.API_PORT ?? 8080)
const DEV_PORT = Number(process.env.DEV_PORT ?? 5173)

/**
 * Vant's icon font (~28 KB gzip, with a CDN fallback host) replaced by a small set of
 * SVG-mask icons for the glyphs Vant's own components use. See src/styles/vant-icons.css.
 */
function vantIconSubset(): Plugin {
  const replacement = fileURLToPath(new URL('./src/styles/vant-icons.css', import.meta.url))
  return {
    name: 'credit:vant-icon-subset',
    enforce: 'pre',
    load(id) {
      if (/[\\/]vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id))
        return readFileSync(replacement, 'utf8')
    },
  }
}

/**
 * The app calls endpoints through their declarations (server/schemas/endpoints.ts), but needs only their method
 * and path at run time: its bundle gets that route table instead of the module with every TypeBox schema.
 * Types still come from the real module (tsconfig), so the two cannot drift. Server-side code is left alone.
 */
function contractRoutes(): Plugin {
  const file = fileURLToPath(new URL('./server/schemas/endpoints.ts', import.meta.url))
  const PREFIX = '\0contract-route:'
  const table = routeTable(declarations, name => `${PREFIX}${name}`)
  return {
    name: 'credit:contract-routes',
    enforce: 'pre',
    resolveId(id) {
      if (id.startsWith(PREFIX))
        return id
    },
    load(id, options) {
      if (id.startsWith(PREFIX))
        return table.modules.get(id.slice(PREFIX.length))
      if (!options?.ssr && id.split('?')[0] === file)
        return table.index
    },
  }
}

/**
 * Locale files (the .json5 files under src/locales) are plain JSON with a name that says they are texts: imported as data
 * (JSON.parse of a string literal, which browsers read faster than an object literal), read by src/modules/i18n.ts.
 */
function localeMessages(): Plugin {
  return {
    name: 'credit:locale-messages',
    transform(code, id) {
      if (!id.endsWith('.json5'))
        return null
      const json = JSON.stringify(JSON.parse(code) as unknown)
      const literal = `'${json.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`
      return { code: `export default JSON.parse(${literal})`, map: null }
    },
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: {
      '~': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  plugins: [
    contractRoutes(),
    vantIconSubset(),
    vue(),
    localeMessages(),
    Components({
      resolvers: [
        VantResolver(),
      ],
      dts: 'src/components.d.ts',
      dirs: [],
    }),
    !isSsrBuild && compileHints(),
    // Hashed assets and the app shell are compressed once at build (.br, .gz beside each file) and served as they
    // are (server/plugins/static.ts), so no request pays for compressing them. The service worker and the other
    // no-cache files stay uncompressed on disk: a deploy may replace them one by one.
    !isSsrBuild && compression({
      include: [/^assets\/.+\.(?:js|css|svg)$/, /^index\.html$/],
      threshold: 1024,
      algorithms: ['gzip', 'brotliCompress'],
    }),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      pwaAssets: { config: true, overrideManifestIcons: true },
      manifest: {
        name: '信用长宁',
        short_name: '信用长宁',
        description: '长宁区信用惠民、诚信宣传、示范街镇与信用查询服务（示例数据）',
        lang: 'zh-CN',
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        // Only what residents open (build/precache.ts); staff, kiosk and English chunks are cached on first use.
        manifestTransforms: [
          publicPrecache(fileURLToPath(new URL('./dist', import.meta.url))),
        ],
        // Pages the server renders are asked of the network first (the route below); every other page is the
        // precached shell at once, on- or offline.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, RENDERED_PATH],
        // …the home page included: `/` is not the precached index.html (the shell) but a page of its own.
        directoryIndex: '',
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // A page the server renders (common/rendered-pages.ts): its content arrives with the HTML, so a
            // returning resident sees it after one round trip instead of after the shell, the app's code and
            // the page's API answers. Public pages only, the same for every visitor (a device with a view of
            // its own gets the shell): the last copy is kept for offline use and used when the network has not
            // answered within 3 s; a page never kept falls back to the precached shell when the network fails.
            // The copies belong to one version of the app: sw-update.ts drops them when a new one takes over.
            urlPattern: RENDERED_URL,
            handler: 'NetworkFirst',
            options: {
              cacheName: PAGES_CACHE,
              networkTimeoutSeconds: 3,
              expiration: { maxEntries: 50, maxAgeSeconds: 7 * 24 * 3600, purgeOnQuotaError: true },
              cacheableResponse: {
                statuses: [200],
              },
              precacheFallback: { fallbackURL: '/index.html' },
            },
          },
          {
            // Hashed app files left out of the precache: a name never changes content, so cache first.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'app-assets',
              expiration: { maxEntries: 200, maxAgeSeconds: 365 * 24 * 3600, purgeOnQuotaError: true },
              cacheableResponse: {
                statuses: [200],
              },
            },
          },
          {
            // Pictures never change under a name (random names, immutable): cache first, keep a bounded number.
            // Only pictures the server marks public (x-media-access, routes/media.ts): never a draft's photo.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/media/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'public-media',
              expiration: { maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true },
              cacheableResponse: {
                statuses: [200],
                headers: { 'x-media-access': 'public' },
              },
            },
          },
          {
            // Public, non-personal GET endpoints only; anything personal (reports, auth, staff) must never match.
            // A request carrying the user's (coarse) position is personal: it is never cached.
            // Workbox serialises this function into sw.js on its own: it cannot refer to anything outside it.
            urlPattern: ({ url, sameOrigin, request }) => sameOrigin && request.method === 'GET'
              && /^\/api\/(?:streets|benefits|articles|activities|enterprises|search)(?:\/|$)/.test(url.pathname)
              && !url.searchParams.has('lat') && !url.searchParams.has('lng'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'public-api',
              networkTimeoutSeconds: 3,
              expiration: { maxEntries: 300, maxAgeSeconds: 7 * 24 * 3600, purgeOnQuotaError: true },
              cacheableResponse: {
                statuses: [200],
              },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  // Compile-time flags: drop Vue's Options API (every component here uses <script setup>).
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  // Server-side rendering (src/entry-server.ts → dist-server/): Vant's components import their CSS, which only the
  // bundler can take, so Vant is bundled; the rest is loaded from node_modules by the server.
  ssr: {
    noExternal: ['vant', '@vant/use', '@vant/popperjs'],
  },
  build: {
    // The renderer's build (npm run build: vite build --ssr) gets neither a manifest nor a copy of public/.
    manifest: !isSsrBuild,
    // Which files each source module needs, so the server can link a rendered page's CSS and code (render.ts).
    ssrManifest: !isSsrBuild,
    copyPublicDir: !isSsrBuild,
    target: 'es2020',
    cssCodeSplit: true,
  },
  server: {
    port: DEV_PORT,
    strictPort: true,
    proxy: { '/api': `http://127.0.0.1:${API_PORT}` },
  },
  preview: { port: 4173, strictPort: true },
}))
