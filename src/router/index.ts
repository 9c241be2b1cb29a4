import type { RouteRecordRaw } from 'vue-router'
import type { MessageSection } from '~/modules/i18n'
import { watch } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import { abortPendingNavigationRequests } from '~/api/client'
import { i18n, loadMessageSections } from '~/modules/i18n'
import HomePage from '~/pages/HomePage.vue'

export type TabName = 'home' | 'benefits' | 'publicity' | 'streets' | 'query'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title and the page heading). */
    titleKey: string
    /** Which bottom tab is current; none for pages outside the tabs. */
    tab?: TabName
    /** Message sections the page needs beyond the main bundle's. */
    messages?: MessageSection[]
  }
}

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
