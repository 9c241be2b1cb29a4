// Every route of the app, for the server's renderer and the tests. The browser's router starts with the public
// routes only and adds the kiosk's and the staff portal's when an address of theirs is first opened (index.ts).
import type { RouteRecordRaw } from 'vue-router'
import { kioskRoutes } from './kiosk'
import { notFoundRoute, publicRoutes } from './public'
import { staffRoutes } from './staff'

export const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  ...kioskRoutes,
  ...staffRoutes,
  notFoundRoute,
]
