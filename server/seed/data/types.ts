import type { ActivityCategory, ArticleKind, Audience, BenefitCategory, EnterpriseStatus, StreetKind } from '../../schemas/domain'
// Shapes of the demo data that `server/seed` writes into an empty database.
// Every record has a stable `key` so seeding is idempotent (insert-if-missing by key).
import type { EligibilityRule, Venue } from '../../schemas/eligibility'

export type { ActivityCategory, ArticleKind, Audience, BenefitCategory, EligibilityRule, EnterpriseStatus, StreetKind, Venue }

export interface SeedStreet {
  key: string // ascii slug, e.g. 'jiangsu-road'
  name: string // 江苏路街道
  nameEn: string // Jiangsu Road Subdistrict
  kind: StreetKind
  intro: string // 2–4 sentences, zh-CN
  address: string // office address in 长宁区
  phone: string // office phone, e.g. 021-xxxxxxxx (fictional)
  isDemonstration: boolean // 信用示范街镇
  sortOrder: number
}

export interface SeedBenefit {
  key: string
  title: string
  summary: string // one sentence
  category: BenefitCategory
  audience: Audience
  provider: string // department or organisation
  streetKey: string | null // null = district-wide
  offer: string // what you get, plain words
  eligibility: string // who qualifies, plain words
  rules: EligibilityRule[] // the same conditions, structured (see server/schemas/eligibility.ts)
  claimSteps: string[] // how to claim, in order
  documents: string[] // what to bring (may be empty)
  venues: Venue[] // where; may be empty for online-only measures
  contact: string // hotline or office, e.g. '长宁区图书馆服务台 021-xxxxxxxx'
  validFrom: string // YYYY-MM-DD
  validTo: string | null // YYYY-MM-DD or null (open-ended)
  tags: string[]
  status?: 'draft' | 'published' | 'archived' // default published
  updatedAt: string // ISO date-time with +08:00, when the measure was last revised
}

export interface SeedArticle {
  key: string
  kind: ArticleKind
  title: string
  summary: string
  body: string // Markdown, no raw HTML
  source: string
  streetKey: string | null
  publishedAt: string // ISO date-time with +08:00
  disclosureUntil: string | null // YYYY-MM-DD, exposure cases only
  tags: string[]
}

export interface SeedActivity {
  key: string
  streetKey: string
  title: string
  category: ActivityCategory
  startsAt: string // ISO date-time with +08:00
  endsAt: string
  place: string
  summary: string
  body: string // Markdown
}

export interface SeedEnterprise {
  key: string
  uscc: string // 18 chars, valid GB 32100-2015 check character, region 310105 (长宁区)
  name: string
  type: string // e.g. 有限责任公司(自然人投资或控股)
  legalRepresentative: string // fictional
  registeredCapital: string // e.g. '500万元人民币'
  establishedOn: string // YYYY-MM-DD
  address: string
  businessScope: string
  status: EnterpriseStatus
}
