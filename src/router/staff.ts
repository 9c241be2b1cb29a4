// The staff portal: `access` says who may open a page (router/guards.ts steers; the server checks every request).
import type { RouteRecordRaw } from 'vue-router'
import './meta'

export const staffRoutes: RouteRecordRaw[] = [
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
    path: '/staff/cases',
    name: 'staff-cases',
    component: () => import('~/pages/staff/StaffCasesPage.vue'),
    meta: {
      titleKey: 'staff.cases.title',
      messages: ['staff', 'credit'],
      access: 'admin',
    },
  },
  {
    path: '/staff/cases/:id(\\d+)',
    name: 'staff-case',
    component: () => import('~/pages/staff/StaffCasePage.vue'),
    meta: {
      titleKey: 'staff.cases.caseTitle',
      messages: ['staff', 'credit'],
      access: 'admin',
    },
  },
  {
    path: '/staff/intake',
    name: 'staff-intake',
    component: () => import('~/pages/staff/StaffIntakePage.vue'),
    meta: {
      titleKey: 'staff.intake.title',
      messages: ['staff'],
      access: 'admin',
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
]
