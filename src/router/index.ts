// The router: routes by area (public.ts, kiosk.ts, staff.ts, typed meta in meta.ts) and the guards (guards.ts).
// A phone never needs the kiosk's or the staff portal's routes: their tables load when one of their addresses is
// first opened, so the first page downloads only the public app.
import type { Router, RouteRecordRaw, RouterHistory } from 'vue-router'
import { createMemoryHistory, createRouter, createWebHistory } from 'vue-router'
import { installGuards } from './guards'
import { notFoundRoute, publicRoutes } from './public'
import '~/modules/fragment'

export { pageTitle } from './guards'
export type { TabName } from './meta'

/** The areas whose routes load on first use, by the address prefix they own. */
const LAZY_AREAS: ReadonlyArray<{ prefix: string, load: () => Promise<RouteRecordRaw[]> }> = [
  {
    prefix: '/kiosk',
    load: async () => (await import('./kiosk')).kioskRoutes,
  },
  {
    prefix: '/staff',
    load: async () => (await import('./staff')).staffRoutes,
  },
]

/**
 * A router with the given routes (all of them, on the server) and the app's guards; without `routes`, the public
 * routes, and the lazy areas' added before the first navigation into them.
 */
export function createAppRouter(history: RouterHistory, routes?: RouteRecordRaw[]): Router {
  const router = createRouter({
    history,
    routes: routes ?? [...publicRoutes, notFoundRoute],
    // Back/forward restore the position; a new page starts at the top; a query change (filters, photo) stays put.
    scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path
      ? false
      : { top: 0 }),
  })
  if (!routes) {
    const pending = new Set(LAZY_AREAS)
    // First of all guards: the others see the area's own routes (names, meta).
    router.beforeEach(async (to) => {
      const area = [...pending].find(a => to.path === a.prefix || to.path.startsWith(`${a.prefix}/`))
      if (!area)
        return true
      for (const route of await area.load())
        router.addRoute(route)
      pending.delete(area)
      return {
        path: to.path,
        query: to.query,
        hash: to.hash,
        replace: true,
      }
    })
  }
  installGuards(router)
  return router
}

/** The browser's router, made once at start (server-side rendering makes one per page with createAppRouter). */
export function createBrowserRouter(): Router {
  return createAppRouter(import.meta.env.SSR
    ? createMemoryHistory()
    : createWebHistory(import.meta.env.BASE_URL))
}
