// Shapes of the demo data that `server/seed` writes into an empty database.
// Every record has a stable `key` so seeding is idempotent (insert-if-missing by key).
import type { ActivityCategory, ArticleKind, Audience, BenefitCategory, EnterpriseStatus, LicenceType, RecordCategory, Severity, StreetKind } from '../../schemas/domain'
import type { EligibilityRule, Venue } from '../../schemas/eligibility'

export type { ActivityCategory, ArticleKind, Audience, BenefitCategory, EligibilityRule, EnterpriseStatus, StreetKind, Venue }

/** The kinds of generated illustration (server/seed/illustrations draws them, one file per scene; no downloads). */
export const SCENES = [
  'gathering',
  'lecture',
  'volunteer',
  'award',
  'booth',
  'streetscape',
  'document',
  'park',
  'market',
  'elderly',
] as const
export type Scene = typeof SCENES[number]

/** A picture the seed generates: a scene drawn from a seed string, with its text alternative. */
export interface SeedPicture {
  scene: Scene
  alt: string // zh-CN description for screen readers, e.g. '志愿者在社区广场向居民发放诚信宣传资料'
}

export interface SeedFigure {
  label: string // e.g. '常住人口'
  value: string // e.g. '约 8.6 万人'
}

export interface SeedPractice {
  key: string
  title: string // e.g. '信用积分兑换社区服务'
  what: string // what they do, 2–4 sentences
  results: string // results so far, 1–3 sentences with plausible figures
}

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
  figures?: SeedFigure[] // 3–4 profile figures (area, population, communities, credit-related counts)
  practices?: SeedPractice[] // demonstration streets only: credit-based fine management practices
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
  cover?: SeedPicture
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
  photos?: SeedPicture[] // 1–6 generated photos
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
  records?: SeedRecord[]
}

/**
 * A credit record of a seeded subject. Dates are given as days before the seeding day, so that a "current"
 * penalty stays current and an "expired" one stays expired whenever the demo is seeded.
 */
interface SeedRecordBase {
  category: RecordCategory
  authority: string // 认定/决定部门, e.g. 上海市长宁区市场监督管理局
  daysAgo: number // decision / listing / signing date, as days before seeding (>= 0)
}
export interface SeedLicence extends SeedRecordBase {
  kind: 'licence'
  documentNo: string // 许可决定书文号, e.g. 沪长市监食许〔2023〕0148号
  licenceType: LicenceType
  title: string // 许可证书名称, e.g. 食品经营许可证
  content: string // 许可内容
  validYears: number | null // null = 长期 (stored as 2099-12-31)
}
export interface SeedPenalty extends SeedRecordBase {
  kind: 'penalty'
  documentNo: string // 行政处罚决定书文号
  violationType: string // 违法行为类型
  facts: string // 违法事实
  legalBasis: string // 处罚依据
  penaltyType: string // 处罚类别: 警告 / 罚款 / 没收违法所得 / 责令停产停业 …
  content: string // 处罚内容
  fineYuan: number | null
  severity: Severity // general: public 1 year, serious: public 3 years (from the decision)
}
export interface SeedListEntry extends SeedRecordBase {
  kind: 'redList' | 'dishonestyList'
  title: string // 名单名称, e.g. 上海市守信激励对象名单 / 失信被执行人名单 / 重大税收违法失信主体
  content: string // 列入原因
  severity: Severity // for red lists always 'general'
  untilDays: number | null // listed until: days after seeding (positive = still listed; negative = ended); null = open-ended
}
export interface SeedCommitment extends SeedRecordBase {
  kind: 'commitment'
  title: string // 承诺事项, e.g. 市场主体登记告知承诺
  content: string // 承诺内容
}
export interface SeedFact extends SeedRecordBase {
  kind: 'fact'
  title: string // e.g. 纳税信用A级 / 志愿服务时长 / 民事判决 / 水电燃气按期缴费
  content: string
  documentNo: string | null
}
export type SeedRecord = SeedLicence | SeedPenalty | SeedListEntry | SeedCommitment | SeedFact

export interface SeedPerson {
  key: string
  name: string // fictional
  idNumber: string // 18 chars, valid GB 11643-1999 check character, fictional; only its keyed hash and masked form are stored
  phone: string // 11 digits, fictional (use the 1380000xxxx … style of numbers)
  street: string // street key where the person lives
  records: SeedRecord[]
}
