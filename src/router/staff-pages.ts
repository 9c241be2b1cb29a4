import type { Router } from 'vue-router'

let loaded = false

/**
 * Staff work in the field: once a staff page is opened, the portal's other pages load too (when the browser is
 * idle), so they open without a network. The service worker keeps them (they are not precached: build/precache.ts).
 */
export function loadStaffPagesWhenIdle(router: Router): void {
  if (loaded)
    return
  loaded = true
  const loadAll = () => {
    for (const record of router.getRoutes()) {
      const component = record.components?.default
      if (record.meta.access && typeof component === 'function')
        void (component as () => Promise<unknown>)().catch(() => {})
    }
  }
  if ('requestIdleCallback' in window)
    requestIdleCallback(loadAll)
  else
    setTimeout(loadAll, 1000)
}
