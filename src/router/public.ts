// The resident-facing pages (tabs, details, credit query, settings). Every page but the first is loaded lazily.
import type { RouteRecordRaw } from 'vue-router'
import HomePage from '~/pages/HomePage.vue'
import './meta'

export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: HomePage,
    meta: { rendered: true, titleKey: 'nav.home', tab: 'home' },
  },
  {
    path: '/benefits',
    name: 'benefits',
    component: () => import('~/pages/BenefitsPage.vue'),
    meta: { rendered: true, titleKey: 'benefits.title', tab: 'benefits' },
  },
  {
    path: '/benefits/:id(\\d+)',
    name: 'benefit',
    component: () => import('~/pages/BenefitDetailPage.vue'),
    meta: { rendered: true, titleKey: 'benefits.title', tab: 'benefits' },
  },
  {
    path: '/publicity',
    name: 'publicity',
    component: () => import('~/pages/PublicityPage.vue'),
    meta: { rendered: true, titleKey: 'publicity.title', tab: 'publicity' },
  },
  {
    path: '/publicity/:id(\\d+)',
    name: 'article',
    component: () => import('~/pages/ArticleDetailPage.vue'),
    meta: { rendered: true, titleKey: 'publicity.title', tab: 'publicity' },
  },
  {
    path: '/streets',
    name: 'streets',
    component: () => import('~/pages/StreetsPage.vue'),
    meta: { rendered: true, titleKey: 'streets.title', tab: 'streets' },
  },
  {
    path: '/streets/:key([a-z0-9-]{1,40})',
    name: 'street',
    component: () => import('~/pages/StreetDetailPage.vue'),
    meta: { rendered: true, titleKey: 'streets.title', tab: 'streets' },
  },
  {
    path: '/activities',
    name: 'activities',
    component: () => import('~/pages/ActivitiesPage.vue'),
    meta: { rendered: true, titleKey: 'activities.title', tab: 'streets' },
  },
  {
    path: '/activities/:id(\\d+)',
    name: 'activity',
    component: () => import('~/pages/ActivityDetailPage.vue'),
    meta: { rendered: true, titleKey: 'streets.title', tab: 'streets' },
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
      rendered: true,
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
      rendered: true,
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
    path: '/query/certificate',
    name: 'firm-certificate',
    component: () => import('~/pages/FirmCertificatePage.vue'),
    meta: {
      titleKey: 'credit.certificate.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  {
    path: '/query/case',
    name: 'case-lookup',
    component: () => import('~/pages/CaseLookupPage.vue'),
    meta: {
      titleKey: 'credit.cases.lookup.title',
      tab: 'query',
      messages: ['credit'],
    },
  },
  {
    path: '/verify',
    name: 'verify',
    component: () => import('~/pages/VerifyPage.vue'),
    meta: {
      rendered: true, // a form read by no one until sent: the server paints it (server/lib/page-code.ts holds a send)
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
]

export const notFoundRoute: RouteRecordRaw = {
  path: '/:pathMatch(.*)*',
  name: 'not-found',
  component: () => import('~/pages/NotFoundPage.vue'),
  meta: { titleKey: 'notFound.title' },
}
