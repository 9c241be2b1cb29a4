// The router: routes by area (public.ts, kiosk.ts, staff.ts, typed meta in meta.ts) and the guards (guards.ts).
import type { RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory } from 'vue-router'
import { installGuards } from './guards'
import { kioskRoutes } from './kiosk'
import { notFoundRoute, publicRoutes } from './public'
import { staffRoutes } from './staff'
import '~/modules/fragment'

export { pageTitle } from './guards'
export type { TabName } from './meta'

export const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  ...kioskRoutes,
  ...staffRoutes,
  notFoundRoute,
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  // Back/forward restore the position; a new page starts at the top; a query change (filters, photo) stays put.
  scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path
    ? false
    : { top: 0 }),
})

installGuards(router)
