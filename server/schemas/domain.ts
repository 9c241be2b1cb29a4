// Closed vocabularies of the domain, shared by the database CHECKs, the API schemas, the seed and the app.
export const BENEFIT_CATEGORIES = [
  'medical',
  'transport',
  'culture',
  'housing',
  'government',
  'finance',
  'life',
  'elderly',
] as const
export type BenefitCategory = typeof BENEFIT_CATEGORIES[number]

export const AUDIENCES = ['personal', 'enterprise', 'both'] as const
export type Audience = typeof AUDIENCES[number]

export const ARTICLE_KINDS = [
  'policy',
  'honour',
  'exposure',
  'case',
  'week',
  'news',
] as const
export type ArticleKind = typeof ARTICLE_KINDS[number]

export const ACTIVITY_CATEGORIES = [
  'publicity',
  'training',
  'volunteer',
  'award',
  'community',
] as const
export type ActivityCategory = typeof ACTIVITY_CATEGORIES[number]

export const ENTERPRISE_STATUSES = ['active', 'revoked', 'cancelled'] as const
export type EnterpriseStatus = typeof ENTERPRISE_STATUSES[number]

export const STREET_KINDS = ['street', 'town'] as const
export type StreetKind = typeof STREET_KINDS[number]

export const BENEFIT_SORTS = ['newest', 'nearest'] as const
export type BenefitSort = typeof BENEFIT_SORTS[number]
