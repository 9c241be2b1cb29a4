// Navigation guards: the kiosk stays a kiosk, staff pages need a signed-in account, page requests are aborted on
// leaving, message sections load with their pages, and the title and focus follow each navigation.
import type { Router } from 'vue-router'
import { watch } from 'vue'
import { abortPendingNavigationRequests } from '~/api/client'
import { i18n, loadMessageSections } from '~/modules/i18n'
import { isKiosk, kioskPathFor } from '~/modules/kiosk-mode'
import { notifyProblem } from '~/modules/notify'

export function pageTitle(titleKey: string): string {
  const app = i18n.global.t('app.name')
  return titleKey === 'nav.home'
    ? app
    : `${i18n.global.t(titleKey)} - ${app}`
}

/** A module (a page's code, its texts) that could not be fetched: the browsers' words for it, and Vite's preloader's. */
export function isCodeLoadError(error: unknown): boolean {
  return error instanceof Error
    && /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message)
}

export function installGuards(router: Router): void {
  // A kiosk stays a kiosk: every address outside /kiosk leads to its kiosk counterpart or the kiosk home, and only
  // the exit screen (with the admin's code) leaves. Elsewhere /kiosk/* leads to the set-up screen.
  router.beforeEach((to) => {
    const inKiosk = to.path === '/kiosk' || to.path.startsWith('/kiosk/')
    if (isKiosk) {
      if (to.name === 'kiosk-setup')
        return { path: '/kiosk', replace: true }
      if (!inKiosk)
        return { path: kioskPathFor(to.path) ?? '/kiosk', query: to.query, replace: true }
    }
    else if (inKiosk && to.name !== 'kiosk-setup') {
      return { name: 'kiosk-setup', replace: true }
    }
    return true
  })

  // Nothing a kiosk shows goes into the back/forward history: every navigation replaces the current entry.
  if (isKiosk)
    router.push = router.replace

  // Staff pages: sign in first; a reset password is changed before anything else; account management is for admins.
  router.beforeEach(async (to) => {
    if (!to.meta.access)
      return true
    const [{ useAuthStore }, { loadStaffPagesWhenIdle }] = await Promise.all([import('~/stores/auth'), import('./staff-pages')])
    loadStaffPagesWhenIdle(router)
    const auth = useAuthStore()
    let user
    try {
      user = await auth.load()
    }
    catch {
      // No network (staff in the field): open the page from the device; the server checks every request anyway.
      return true
    }
    if (!user) {
      return {
        name: 'staff-login',
        query: { next: to.fullPath },
      }
    }
    if (user.mustChangePassword && to.name !== 'staff-password')
      return { name: 'staff-password' }
    if (to.meta.access === 'admin' && user.role !== 'admin')
      return { name: 'staff' }
    return true
  })

  router.beforeEach(async (to, from) => {
    if (to.path !== from.path)
      abortPendingNavigationRequests()
    if (to.meta.messages)
      await loadMessageSections(to.meta.messages)
  })

  if (import.meta.env.SSR)
    return // the server renders one page: no document, no focus; its title goes into the HTML (entry-server.ts)

  // The title follows the language too (it is set before a lazily loaded locale arrives, and on every switch).
  watch(() => i18n.global.locale.value, () => {
    const { titleKey } = router.currentRoute.value.meta
    if (titleKey)
      document.title = pageTitle(titleKey)
  })

  // A page whose code is cached on first use (build/precache.ts) cannot open offline before it has been opened online
  // once, nor any page when its code fails to arrive: say so, rather than leave the tap unanswered.
  router.onError((error: unknown) => {
    if (isCodeLoadError(error)) {
      void notifyProblem(navigator.onLine
        ? i18n.global.t('offline.pageFailed')
        : i18n.global.t('offline.notSaved'))
    }
  })

  router.afterEach((to, from) => {
    document.title = pageTitle(to.meta.titleKey)
    // Tell screen-reader users the page changed: move focus to the new page's main heading.
    if (from.matched.length > 0 && to.path !== from.path) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }))
    }
  })
}
