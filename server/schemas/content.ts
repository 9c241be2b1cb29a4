// Content management by district admins: articles (incl. the disclosure end of exposure cases) and benefits (incl.
// structured eligibility rules and venues). The public sees an item once it is published (and, for benefits,
// current; for exposure cases, before their disclosure end).
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { ARTICLE_KINDS, AUDIENCES, BENEFIT_CATEGORIES, CONTENT_STATUSES } from './domain'
import { EligibilityRules, Venue } from './eligibility'
import { ArticleEnglish, BenefitEnglish, FigureEnglish, PracticeEnglish, StreetEnglish } from './english'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })
const StreetKeyOrNull = Type.Union([
  Type.String({ minLength: 1, maxLength: 40 }),
  Type.Null(),
])
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 })
/**
 * Fictional demo content (the seed's): the public pages mark it 示例数据. Omitted on a save, a record keeps its
 * flag (a new one is real content); the editors show it only on a record that has it, to take it off.
 */
const IsDemoInput = Type.Optional(Type.Boolean())

export const ArticleInput = Type.Object({
  kind: Type.Enum(ARTICLE_KINDS),
  title: Text(100),
  summary: Text(300),
  body: Type.String({ maxLength: 50000 }),
  source: Text(80),
  street: StreetKeyOrNull,
  tags: Tags,
  /** Exposure cases (失信案例) must have one: after it the article is no longer shown anywhere. */
  disclosureUntil: Type.Union([
    Day,
    Type.Null(),
  ]),
  status: Type.Enum(CONTENT_STATUSES),
  en: Type.Optional(ArticleEnglish),
  isDemo: IsDemoInput,
}, { additionalProperties: false })
export type ArticleInput = Static<typeof ArticleInput>

export const AdminArticle = Type.Object({
  id: Type.Integer(),
  ...ArticleInput.properties,
  publishedAt: Type.String(),
  updatedAt: Type.String(),
})
export type AdminArticle = Static<typeof AdminArticle>
export const AdminArticleList = Type.Object({
  items: Type.Array(AdminArticle),
})
export type AdminArticleList = Static<typeof AdminArticleList>

export const BenefitInput = Type.Object({
  title: Text(100),
  summary: Text(300),
  category: Type.Enum(BENEFIT_CATEGORIES),
  audience: Type.Enum(AUDIENCES),
  provider: Text(80),
  street: StreetKeyOrNull,
  offer: Text(2000),
  eligibility: Text(2000),
  rules: EligibilityRules,
  claimSteps: Type.Array(Text(300), { maxItems: 20 }),
  documents: Type.Array(Text(200), { maxItems: 20 }),
  venues: Type.Array(Venue, { maxItems: 20 }),
  contact: Type.String({ maxLength: 200 }),
  validFrom: Day,
  validTo: Type.Union([
    Day,
    Type.Null(),
  ]),
  tags: Tags,
  status: Type.Enum(CONTENT_STATUSES),
  en: Type.Optional(BenefitEnglish),
  isDemo: IsDemoInput,
}, { additionalProperties: false })
export type BenefitInput = Static<typeof BenefitInput>

export const AdminBenefit = Type.Object({
  id: Type.Integer(),
  ...BenefitInput.properties,
  updatedAt: Type.String(),
})
export type AdminBenefit = Static<typeof AdminBenefit>
export const AdminBenefitList = Type.Object({
  items: Type.Array(AdminBenefit),
})
export type AdminBenefitList = Static<typeof AdminBenefitList>

/** A street's public profile, edited by its own staff (or an admin) and published directly. */
export const StreetProfileInput = Type.Object({
  intro: Text(2000),
  address: Text(120),
  phone: Text(40),
  figures: Type.Array(Type.Object({
    label: Text(20),
    value: Text(20),
    en: Type.Optional(FigureEnglish),
  }, { additionalProperties: false }), { maxItems: 8 }),
  practices: Type.Array(Type.Object({
    title: Text(60),
    what: Text(1000),
    results: Text(1000),
    en: Type.Optional(PracticeEnglish),
  }, { additionalProperties: false }), { maxItems: 12 }),
  en: Type.Optional(StreetEnglish),
  isDemo: IsDemoInput,
}, { additionalProperties: false })
export type StreetProfileInput = Static<typeof StreetProfileInput>
