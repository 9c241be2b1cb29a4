// Shapes of the demo data that `server/seed` writes into an empty database, as TypeBox schemas: the YAML files beside
// this one (streets.yaml, benefits.yaml, …) are checked against them when loaded (load.ts), so a misspelt key or an
// unknown value is refused. Every record has a stable `key` so seeding is idempotent (insert-if-missing by key).
import type { Static, TSchema } from 'typebox'
import type { ActivityCategory, ArticleKind, Audience, BenefitCategory, EnterpriseStatus, StreetKind } from '../../schemas/domain'
import type { EligibilityRule } from '../../schemas/eligibility'
import { Type } from 'typebox'
import {
  ACTIVITY_CATEGORIES,
  ARTICLE_KINDS,
  AUDIENCES,
  BENEFIT_CATEGORIES,
  CONTENT_STATUSES,
  ENTERPRISE_STATUSES,
  LICENCE_TYPES,
  RECORD_CATEGORIES,
  SEVERITIES,
  STREET_KINDS,
} from '../../schemas/domain'
import { EligibilityRules, Venue } from '../../schemas/eligibility'
import { ActivityEnglish, ArticleEnglish, BenefitEnglish, FigureEnglish, PracticeEnglish, StreetEnglish } from '../../schemas/english'

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

/** A value or null. */
function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([
    Type.Null(),
    schema,
  ])
}
/** A stable ascii slug, e.g. 'jiangsu-road'. */
const Key = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' })
/** YYYY-MM-DD. */
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
/** A Shanghai local date-time, YYYY-MM-DDTHH:mm:ss+08:00 (the seed moves its date on, keeping the time). */
const LocalDateTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00$' })
/** Text that is not empty. */
const Text = Type.String({ minLength: 1 })

/** A picture the seed generates: a scene drawn from a seed string, with its text alternative. */
export const SeedPicture = Type.Object({
  scene: Type.Enum(SCENES),
  alt: Text, // zh-CN description for screen readers, e.g. '志愿者在社区广场向居民发放诚信宣传资料'
}, { additionalProperties: false })
export type SeedPicture = Static<typeof SeedPicture>

export const SeedFigure = Type.Object({
  label: Text, // e.g. '常住人口'
  value: Text, // e.g. '约 8.6 万人'
  en: Type.Optional(FigureEnglish), // e.g. { label: Residents, value: about 86,000 }
}, { additionalProperties: false })
export type SeedFigure = Static<typeof SeedFigure>

export const SeedPractice = Type.Object({
  key: Key,
  title: Text, // e.g. '信用积分兑换社区服务'
  what: Text, // what they do, 2–4 sentences
  results: Text, // results so far, 1–3 sentences with plausible figures
  en: Type.Optional(PracticeEnglish),
}, { additionalProperties: false })
export type SeedPractice = Static<typeof SeedPractice>

export const SeedStreet = Type.Object({
  key: Key, // ascii slug, e.g. 'jiangsu-road'
  name: Text, // 江苏路街道
  nameEn: Text, // Jiangsu Road Subdistrict
  kind: Type.Enum(STREET_KINDS),
  intro: Text, // 2–4 sentences, zh-CN
  address: Text, // office address in 长宁区
  phone: Text, // office phone, e.g. 021-xxxxxxxx (fictional)
  isDemonstration: Type.Boolean(), // 信用示范街镇
  sortOrder: Type.Integer(),
  figures: Type.Optional(Type.Array(SeedFigure)), // 3–4 profile figures (area, population, communities, credit-related counts)
  practices: Type.Optional(Type.Array(SeedPractice)), // demonstration streets only: credit-based fine management practices
  en: Type.Optional(StreetEnglish), // the intro in English
}, { additionalProperties: false })
export type SeedStreet = Static<typeof SeedStreet>

export const SeedBenefit = Type.Object({
  key: Key,
  title: Text,
  summary: Text, // one sentence
  category: Type.Enum(BENEFIT_CATEGORIES),
  audience: Type.Enum(AUDIENCES),
  provider: Text, // department or organisation
  streetKey: Nullable(Key), // null = district-wide
  offer: Text, // what you get, plain words
  eligibility: Text, // who qualifies, plain words
  rules: EligibilityRules, // the same conditions, structured (see server/schemas/eligibility.ts)
  claimSteps: Type.Array(Text), // how to claim, in order
  documents: Type.Array(Text), // what to bring (may be empty)
  venues: Type.Array(Venue), // where; may be empty for online-only measures
  contact: Text, // hotline or office, e.g. '长宁区图书馆服务台 021-xxxxxxxx'
  validFrom: Day, // YYYY-MM-DD
  validTo: Nullable(Day), // YYYY-MM-DD or null (open-ended)
  tags: Type.Array(Text),
  status: Type.Optional(Type.Enum(CONTENT_STATUSES)), // default published
  updatedAt: LocalDateTime, // ISO date-time with +08:00, when the measure was last revised
  en: Type.Optional(BenefitEnglish), // English versions of the texts above (server/schemas/english.ts)
}, { additionalProperties: false })
export type SeedBenefit = Static<typeof SeedBenefit>

export const SeedArticle = Type.Object({
  key: Key,
  kind: Type.Enum(ARTICLE_KINDS),
  title: Text,
  summary: Text,
  body: Text, // Markdown, no raw HTML
  source: Text,
  streetKey: Nullable(Key),
  publishedAt: LocalDateTime, // ISO date-time with +08:00
  disclosureUntil: Nullable(Day), // YYYY-MM-DD, exposure cases only
  tags: Type.Array(Text),
  cover: Type.Optional(SeedPicture),
  en: Type.Optional(ArticleEnglish),
}, { additionalProperties: false })
export type SeedArticle = Static<typeof SeedArticle>

export const SeedActivity = Type.Object({
  key: Key,
  streetKey: Key,
  title: Text,
  category: Type.Enum(ACTIVITY_CATEGORIES),
  startsAt: LocalDateTime, // ISO date-time with +08:00
  endsAt: LocalDateTime,
  place: Text,
  summary: Text,
  body: Text, // Markdown
  photos: Type.Optional(Type.Array(SeedPicture)), // 1–6 generated photos
  en: Type.Optional(ActivityEnglish),
}, { additionalProperties: false })
export type SeedActivity = Static<typeof SeedActivity>

/**
 * A credit record of a seeded subject. Dates are given as days before the seeding day, so that a "current"
 * penalty stays current and an "expired" one stays expired whenever the demo is seeded.
 */
const seedRecordBase = {
  category: Type.Enum(RECORD_CATEGORIES),
  authority: Text, // 认定/决定部门, e.g. 上海市长宁区市场监督管理局
  daysAgo: Type.Integer({ minimum: 0 }), // decision / listing / signing date, as days before seeding (>= 0)
}
export const SeedLicence = Type.Object({
  kind: Type.Literal('licence'),
  ...seedRecordBase,
  documentNo: Text, // 许可决定书文号, e.g. 沪长市监食许〔2023〕0148号
  licenceType: Type.Enum(LICENCE_TYPES),
  title: Text, // 许可证书名称, e.g. 食品经营许可证
  content: Text, // 许可内容
  validYears: Nullable(Type.Integer({ minimum: 1 })), // null = 长期 (stored as 2099-12-31)
}, { additionalProperties: false })
export type SeedLicence = Static<typeof SeedLicence>
export const SeedPenalty = Type.Object({
  kind: Type.Literal('penalty'),
  ...seedRecordBase,
  documentNo: Text, // 行政处罚决定书文号
  violationType: Text, // 违法行为类型
  facts: Text, // 违法事实
  legalBasis: Text, // 处罚依据
  penaltyType: Text, // 处罚类别: 警告 / 罚款 / 没收违法所得 / 责令停产停业 …
  content: Text, // 处罚内容
  fineYuan: Nullable(Type.Number({ minimum: 0 })),
  severity: Type.Enum(SEVERITIES), // general: public 1 year, serious: public 3 years (from the decision)
}, { additionalProperties: false })
export type SeedPenalty = Static<typeof SeedPenalty>
export const SeedListEntry = Type.Object({
  kind: Type.Enum(['redList', 'dishonestyList'] as const),
  ...seedRecordBase,
  title: Text, // 名单名称, e.g. 上海市守信激励对象名单 / 失信被执行人名单 / 重大税收违法失信主体
  content: Text, // 列入原因
  severity: Type.Enum(SEVERITIES), // for red lists always 'general'
  untilDays: Nullable(Type.Integer()), // listed until: days after seeding (positive = still listed; negative = ended); null = open-ended
}, { additionalProperties: false })
export type SeedListEntry = Static<typeof SeedListEntry>
export const SeedCommitment = Type.Object({
  kind: Type.Literal('commitment'),
  ...seedRecordBase,
  title: Text, // 承诺事项, e.g. 市场主体登记告知承诺
  content: Text, // 承诺内容
}, { additionalProperties: false })
export type SeedCommitment = Static<typeof SeedCommitment>
export const SeedFact = Type.Object({
  kind: Type.Literal('fact'),
  ...seedRecordBase,
  title: Text, // e.g. 纳税信用A级 / 志愿服务时长 / 民事判决 / 水电燃气按期缴费
  content: Text,
  documentNo: Nullable(Text),
}, { additionalProperties: false })
export type SeedFact = Static<typeof SeedFact>
export const SeedRecord = Type.Union([
  SeedLicence,
  SeedPenalty,
  SeedListEntry,
  SeedCommitment,
  SeedFact,
])
export type SeedRecord = Static<typeof SeedRecord>

export const SeedEnterprise = Type.Object({
  key: Key,
  uscc: Type.String({ pattern: '^[0-9A-Z]{18}$' }), // 18 chars, valid GB 32100-2015 check character, region 310105 (长宁区)
  name: Text,
  type: Text, // e.g. 有限责任公司(自然人投资或控股)
  legalRepresentative: Text, // fictional
  registeredCapital: Text, // e.g. '500万元人民币'
  establishedOn: Day, // YYYY-MM-DD
  address: Text,
  businessScope: Text,
  status: Type.Enum(ENTERPRISE_STATUSES),
  // the firm's contact phone for one-time codes (its own credit certificate); 11 digits, fictional (1370000xxxx)
  contactPhone: Type.Optional(Type.String({ pattern: '^1\\d{10}$' })),
  records: Type.Optional(Type.Array(SeedRecord)),
}, { additionalProperties: false })
export type SeedEnterprise = Static<typeof SeedEnterprise>

export const SeedPerson = Type.Object({
  key: Key,
  name: Text, // fictional
  idNumber: Type.String({ pattern: '^\\d{17}[\\dX]$' }), // 18 chars, valid GB 11643-1999 check character, fictional; only its keyed hash and masked form are stored
  phone: Type.String({ pattern: '^1\\d{10}$' }), // 11 digits, fictional (use the 1380000xxxx … style of numbers)
  street: Key, // street key where the person lives
  records: Type.Array(SeedRecord),
}, { additionalProperties: false })
export type SeedPerson = Static<typeof SeedPerson>
