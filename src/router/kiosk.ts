import type { RouteRecordRaw } from 'vue-router'
import './meta'

// The kiosk (自助终端): its own screens, plus the public catalogue pages under /kiosk so links stay inside.
export const kioskRoutes: RouteRecordRaw[] = [
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
      rendered: true, // the one kiosk page a device sees before it is a kiosk: a form the server can paint
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
    path: '/kiosk/certificate',
    name: 'kiosk-certificate',
    component: () => import('~/pages/kiosk/KioskCertificatePage.vue'),
    meta: {
      titleKey: 'credit.certificate.title',
      messages: ['credit', 'kiosk'],
      personal: true,
    },
  },
  {
    path: '/kiosk/case',
    name: 'kiosk-case',
    component: () => import('~/pages/kiosk/KioskCasePage.vue'),
    meta: {
      titleKey: 'credit.cases.lookup.title',
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
