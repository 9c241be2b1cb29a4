// The addresses of the pages the server renders (route meta `rendered`, src/router), for the service worker: a
// visit to one of them asks the network first, so a returning resident gets the page with its content in the HTML
// (one round trip) instead of the cached app shell, then the app's code, then the page's API answers. Offline, or
// when the network is slow, the page kept from an earlier visit or else the shell answers (vite.config.ts).
// tests/unit/page-sections.spec.ts checks this list against the router, so the two cannot drift.

/** A path the server renders, without its start and end anchors. */
const PATH = String.raw`\/(?:benefits(?:\/\d+)?|publicity(?:\/\d+)?|streets(?:\/[a-z0-9-]{1,40})?|activities(?:\/\d+)?|query(?:\/enterprise\/[0-9A-Za-z]{18})?|verify|kiosk\/setup)?`

/** Matches `pathname + search` of a rendered page (the form of Workbox's navigateFallbackDenylist). */
export const RENDERED_PATH = /* @__PURE__ */ new RegExp(`^${PATH}(?:\\?|$)`)

/** Matches the whole address of a rendered page (the form of a Workbox runtime route given as a RegExp). */
export const RENDERED_URL = /* @__PURE__ */ new RegExp(`^https?:\\/\\/[^/]+${PATH}(?:[?#]|$)`)

/** The service worker's cache of rendered pages (vite.config.ts); the app drops it when a new version takes over. */
export const PAGES_CACHE = 'pages'
