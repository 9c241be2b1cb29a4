import type { RouteRecordRaw } from 'vue-router'
import type { MessageSection } from '~/modules/i18n'
import { watch } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import { abortPendingNavigationRequests } from '~/api/client'
import { i18n, loadMessageSections } from '~/modules/i18n'
import { isKiosk, kioskPathFor } from '~/modules/kiosk-mode'
import HomePage from '~/pages/HomePage.vue'
import '~/modules/fragment'

export type TabName = 'home' | 'benefits' | 'publicity' | 'streets' | 'query'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title and the page heading). */
    titleKey: string
    /** Which bottom tab is current; none for pages outside the tabs. */
    tab?: TabName
    /** Message sections the page needs beyond the main bundle's. */
    messages?: MessageSection[]
    /** Kiosk screens that show personal data: a shorter idle time before the privacy wipe. */
    personal?: boolean
    /** Staff portal pages: who may open them (the server checks again on every request). */
    access?: 'signedIn' | 'admin'
  }
}

// The kiosk (自助终端): its own screens, plus the public catalogue pages under /kiosk so links stay inside.
const kioskRoutes: RouteRecordRaw[] = [
  {
    path: '/kiosk',
    name: 'kiosk',
    component: () => import('~/pages/kiosk/KioskHomePage.vue'),
    meta: {
      titleKey: 'kiosk.title',
      messages: ['credit', 'kiosk'],
    },
  },
  {
    path: '/kiosk/setup',
    name: 'kiosk-setup',
    component: () => import('~/pages/kiosk/KioskSetupPage.vue'),
    meta: {
      titleKey: 'kiosk.setup.title',
      messages: ['credit', 'kiosk'],
    },
  },
  {
    path: '/kiosk/exit',
    name: 'kiosk-exit',
    component: () => import('~/pages/kiosk/KioskExitPage.vue'),
    meta: {
      titleKey: 'kiosk.exit.title',
      messages: ['credit', 'kiosk'],
    },
  },
  {
    path: '/kiosk/report',
    name: 'kiosk-report',
    component: () => import('~/pages/kiosk/KioskReportPage.vue'),
    meta: {
      titleKey: 'credit.personal.title',
      messages: ['credit', 'kiosk'],
      personal: true,
    },
  },
  {
    path: '/kiosk/enterprise',
    name: 'kiosk-enterprise',
    component: () => import('~/pages/kiosk/KioskEnterprisePage.vue'),
    meta: {
      titleKey: 'credit.entries.enterprise',
      messages: ['credit', 'kiosk'],
    },
  },
  {
    path: '/kiosk/enterprise/:uscc([0-9A-Za-z]{18})',
    name: 'kiosk-enterprise-profile',
    component: () => import('~/pages/EnterpriseProfilePage.vue'),
    meta: {
      titleKey: 'credit.entries.enterprise',
      messages: ['credit', 'kiosk'],
    },
  },
  {
    path: '/kiosk/benefits',
    name: 'kiosk-benefits',
    component: () => import('~/pages/BenefitsPage.vue'),
    meta: {
      titleKey: 'benefits.title',
      messages: ['kiosk'],
    },
  },
  {
    path: '/kiosk/benefits/:id(\\d+)',
    name: 'kiosk-benefit',
    component: () => import('~/pages/BenefitDetailPage.vue'),
    meta: {
      titleKey: 'benefits.title',
      messages: ['kiosk'],
    },
  },
  {
    path: '/kiosk/publicity',
    name: 'kiosk-publicity',
    component: () => import('~/pages/PublicityPage.vue'),
    meta: {
      titleKey: 'publicity.title',
      messages: ['kiosk'],
    },
  },
  {
    path: '/kiosk/publicity/:id(\\d+)',
    name: 'kiosk-article',
    component: () => import('~/pages/ArticleDetailPage.vue'),
    meta: {
      titleKey: 'publicity.title',
      messages: ['kiosk'],
    },
  },
]

// Every page but the first is loaded lazily.
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: HomePage,
    meta: { titleKey: 'nav.home', tab: 'home' },
  },
  {
    path: '/benefits',
    name: 'benefits',
    component: () => import('~/pages/BenefitsPage.vue'),
    meta: { titleKey: 'benefits.title', tab: 'benefits' },
  },
  {
    path: '/benefits/:id(\\d+)',
    name: 'benefit',
    component: () => import('~/pages/BenefitDetailPage.vue'),
    meta: { titleKey: 'benefits.title', tab: 'benefits' },
  },
  {
    path: '/publicity',
    name: 'publicity',
    component: () => import('~/pages/PublicityPage.vue'),
    meta: { titleKey: 'publicity.title', tab: 'publicity' },
  },
  {
    path: '/publicity/:id(\\d+)',
    name: 'article',
    component: () => import('~/pages/ArticleDetailPage.vue'),
    meta: { titleKey: 'publicity.title', tab: 'publicity' },
  },
  {
    path: '/streets',
    name: 'streets',
    component: () => import('~/pages/StreetsPage.vue'),
    meta: { titleKey: 'streets.title', tab: 'streets' },
  },
  {
    path: '/streets/:key([a-z0-9-]{1,40})',
    name: 'street',
    component: () => import('~/pages/StreetDetailPage.vue'),
    meta: { titleKey: 'streets.title', tab: 'streets' },
  },
  {
    path: '/activities',
    name: 'activities',
    component: () => import('~/pages/ActivitiesPage.vue'),
    meta: { titleKey: 'activities.title', tab: 'streets' },
  },
  {
    path: '/activities/:id(\\d+)',
    name: 'activity',
    component: () => import('~/pages/ActivityDetailPage.vue'),
    meta: { titleKey: 'streets.title', tab: 'streets' },
  },
  {
    path: '/search',
    name: 'search',
    component: () => import('~/pages/SearchPage.vue'),
    meta: { titleKey: 'search.title', tab: 'home' },
  },
  {
    path: '/query',
    name: 'query',
    component: () => import('~/pages/QueryPage.vue'),
    meta: {
      titleKey: 'query.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  {
    path: '/query/enterprise/:uscc([0-9A-Za-z]{18})',
    name: 'enterprise',
    component: () => import('~/pages/EnterpriseProfilePage.vue'),
    meta: {
      titleKey: 'query.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  {
    path: '/query/personal',
    name: 'personal-report',
    component: () => import('~/pages/PersonalReportPage.vue'),
    meta: {
      titleKey: 'credit.personal.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  {
    path: '/verify',
    name: 'verify',
    component: () => import('~/pages/VerifyPage.vue'),
    meta: {
      titleKey: 'credit.verify.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  ...kioskRoutes,
  {
    path: '/staff/login',
    name: 'staff-login',
    component: () => import('~/pages/staff/StaffLoginPage.vue'),
    meta: {
      titleKey: 'staff.login.title',
      messages: ['staff'],
    },
  },
  {
    path: '/staff',
    name: 'staff',
    component: () => import('~/pages/staff/StaffHomePage.vue'),
    meta: {
      titleKey: 'staff.portal',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/password',
    name: 'staff-password',
    component: () => import('~/pages/staff/StaffPasswordPage.vue'),
    meta: {
      titleKey: 'staff.password.title',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/activities',
    name: 'staff-activities',
    component: () => import('~/pages/staff/StaffActivitiesPage.vue'),
    meta: {
      titleKey: 'staff.activities.title',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/activities/new',
    name: 'staff-activity-new',
    component: () => import('~/pages/staff/StaffActivityPage.vue'),
    meta: {
      titleKey: 'staff.editor.titleNew',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/activities/:id(\\d+)',
    name: 'staff-activity',
    component: () => import('~/pages/staff/StaffActivityPage.vue'),
    meta: {
      titleKey: 'staff.activities.title',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/content',
    name: 'staff-content',
    component: () => import('~/pages/staff/StaffContentPage.vue'),
    meta: {
      titleKey: 'staff.content.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/staff/content/articles/:id(\\d+|new)',
    name: 'staff-article',
    component: () => import('~/pages/staff/StaffArticleEditPage.vue'),
    meta: {
      titleKey: 'staff.content.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/staff/content/benefits/:id(\\d+|new)',
    name: 'staff-benefit',
    component: () => import('~/pages/staff/StaffBenefitEditPage.vue'),
    meta: {
      titleKey: 'staff.content.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/staff/street',
    name: 'staff-street',
    component: () => import('~/pages/staff/StaffStreetPage.vue'),
    meta: {
      titleKey: 'staff.street.title',
      messages: ['staff'],
      access: 'signedIn',
    },
  },
  {
    path: '/staff/audit',
    name: 'staff-audit',
    component: () => import('~/pages/staff/StaffAuditPage.vue'),
    meta: {
      titleKey: 'staff.audit.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/staff/stats',
    name: 'staff-stats',
    component: () => import('~/pages/staff/StaffStatsPage.vue'),
    meta: {
      titleKey: 'staff.stats.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/staff/accounts',
    name: 'staff-accounts',
    component: () => import('~/pages/staff/StaffAccountsPage.vue'),
    meta: {
      titleKey: 'staff.accounts.title',
      messages: ['staff'],
      access: 'admin',
    },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('~/pages/SettingsPage.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('~/pages/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  // Back/forward restore the position; a new page starts at the top; a query change (filters, photo) stays put.
  scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path
    ? false
    : { top: 0 }),
})

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
  const { useAuthStore } = await import('~/stores/auth')
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

export function pageTitle(titleKey: string): string {
  const app = i18n.global.t('app.name')
  return titleKey === 'nav.home'
    ? app
    : `${i18n.global.t(titleKey)} - ${app}`
}

// The title follows the language too (it is set before a lazily loaded locale arrives, and on every switch).
watch(() => i18n.global.locale.value, () => {
  const { titleKey } = router.currentRoute.value.meta
  if (titleKey)
    document.title = pageTitle(titleKey)
})

router.afterEach((to, from) => {
  document.title = pageTitle(to.meta.titleKey)
  // Tell screen-reader users the page changed: move focus to the new page's main heading.
  if (from.matched.length > 0 && to.path !== from.path) {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }))
  }
})
