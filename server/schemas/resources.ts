// Request and response schemas of the public API. The app imports the `Static` types from here.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { Page, PageQuery, SearchText } from './common'
import { ACTIVITY_CATEGORIES, ARTICLE_KINDS, AUDIENCES, BENEFIT_CATEGORIES, BENEFIT_SORTS, ENTERPRISE_STATUSES, STREET_KINDS } from './domain'
import { EligibilityRules, Venue } from './eligibility'
import {
  ActivityDetailEnglish,
  ActivitySummaryEnglish,
  ArticleDetailEnglish,
  ArticleSummaryEnglish,
  BenefitEnglish,
  BenefitSummaryEnglish,
  FigureEnglish,
  PracticeEnglish,
  StreetEnglish,
} from './english'

// Street keys are ascii slugs; bounded so junk is rejected early.
const StreetKey = Type.String({ pattern: '^[a-z0-9-]{1,40}$' })

export const Health = Type.Object({
  status: Type.Union([
    Type.Literal('ok'),
    Type.Literal('degraded'),
  ]),
  version: Type.String(),
  database: Type.Boolean(),
  time: Type.String(),
})
export type Health = Static<typeof Health>

export const StreetRef = Type.Object({
  key: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
})
export type StreetRef = Static<typeof StreetRef>

export const MediaRef = Type.Object({
  url: Type.String(),
  alt: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  /** The widths it is also served at, as `<url>/<width>.webp|jpg` (common/media.ts). */
  widths: Type.Array(Type.Integer()),
})
export type MediaRef = Static<typeof MediaRef>

/** Fictional demo content written by the seed: the app marks it as sample data (示例数据). */
const IsDemo = Type.Boolean()

export const Figure = Type.Object({
  label: Type.String(),
  value: Type.String(),
  en: Type.Optional(FigureEnglish),
})
export type Figure = Static<typeof Figure>
export const Practice = Type.Object({
  title: Type.String(),
  what: Type.String(),
  results: Type.String(),
  en: Type.Optional(PracticeEnglish),
})
export type Practice = Static<typeof Practice>

export const Street = Type.Object({
  key: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  kind: Type.Enum(STREET_KINDS),
  intro: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  isDemonstration: Type.Boolean(),
  activityCount: Type.Integer(),
  figures: Type.Array(Figure),
  isDemo: IsDemo,
  en: Type.Optional(StreetEnglish),
})
export type Street = Static<typeof Street>
export const StreetDetail = Type.Object({
  ...Street.properties,
  practices: Type.Array(Practice),
})
export type StreetDetail = Static<typeof StreetDetail>
export const StreetList = Page(Street)
export type StreetList = Static<typeof StreetList>
export const StreetParams = Type.Object({ key: StreetKey })

export const BenefitSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  category: Type.Enum(BENEFIT_CATEGORIES),
  audience: Type.Enum(AUDIENCES),
  provider: Type.String(),
  street: Type.Union([
    StreetRef,
    Type.Null(),
  ]),
  validTo: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  tags: Type.Array(Type.String()),
  updatedAt: Type.String(),
  /** Metres from the given point to the nearest venue; null without a point or without venues. */
  distanceM: Type.Union([
    Type.Integer(),
    Type.Null(),
  ]),
  isDemo: IsDemo,
  en: Type.Optional(BenefitSummaryEnglish),
})
export type BenefitSummary = Static<typeof BenefitSummary>
export const Benefit = Type.Object({
  ...BenefitSummary.properties,
  offer: Type.String(),
  eligibility: Type.String(),
  rules: EligibilityRules,
  claimSteps: Type.Array(Type.String()),
  documents: Type.Array(Type.String()),
  venues: Type.Array(Venue),
  contact: Type.String(),
  validFrom: Type.String(),
  en: Type.Optional(BenefitEnglish),
})
export type Benefit = Static<typeof Benefit>
export const BenefitList = Page(BenefitSummary)
export type BenefitList = Static<typeof BenefitList>

const BenefitFilters = {
  audience: Type.Optional(Type.Enum(AUDIENCES)),
  street: Type.Optional(StreetKey),
  q: Type.Optional(SearchText),
}
export const BenefitQuery = Type.Object({
  ...PageQuery,
  ...BenefitFilters,
  category: Type.Optional(Type.Enum(BENEFIT_CATEGORIES)),
  sort: Type.Enum(BENEFIT_SORTS, { default: 'newest' }),
  // Coordinates: the app rounds them to ~100 m before sending (a position is personal data).
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
}, { additionalProperties: false })
export type BenefitQuery = Static<typeof BenefitQuery>

export const BenefitCategoryQuery = Type.Object(BenefitFilters, { additionalProperties: false })
export type BenefitCategoryQuery = Static<typeof BenefitCategoryQuery>
export const BenefitCategoryCounts = Type.Object({
  items: Type.Array(Type.Object({
    category: Type.Enum(BENEFIT_CATEGORIES),
    count: Type.Integer(),
  })),
  total: Type.Integer(),
})
export type BenefitCategoryCounts = Static<typeof BenefitCategoryCounts>

export const ArticleSummary = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(ARTICLE_KINDS),
  title: Type.String(),
  summary: Type.String(),
  source: Type.String(),
  street: Type.Union([
    StreetRef,
    Type.Null(),
  ]),
  publishedAt: Type.String(),
  disclosureUntil: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  tags: Type.Array(Type.String()),
  cover: Type.Union([
    MediaRef,
    Type.Null(),
  ]),
  isDemo: IsDemo,
  en: Type.Optional(ArticleSummaryEnglish),
})
export type ArticleSummary = Static<typeof ArticleSummary>
export const Article = Type.Object({
  ...ArticleSummary.properties,
  body: Type.String(),
  /** The Markdown body rendered on the server: raw HTML escaped, links limited to http, https, mailto and tel. */
  bodyHtml: Type.String(),
  en: Type.Optional(ArticleDetailEnglish),
})
export type Article = Static<typeof Article>
export const ArticleList = Page(ArticleSummary)
export type ArticleList = Static<typeof ArticleList>
export const ArticleQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(Type.Enum(ARTICLE_KINDS)),
}, { additionalProperties: false })
export type ArticleQuery = Static<typeof ArticleQuery>

export const ActivitySummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  category: Type.Enum(ACTIVITY_CATEGORIES),
  street: StreetRef,
  startsAt: Type.String(),
  endsAt: Type.String(),
  place: Type.String(),
  summary: Type.String(),
  cover: Type.Union([
    MediaRef,
    Type.Null(),
  ]),
  isDemo: IsDemo,
  en: Type.Optional(ActivitySummaryEnglish),
})
export type ActivitySummary = Static<typeof ActivitySummary>
export const Activity = Type.Object({
  ...ActivitySummary.properties,
  body: Type.String(),
  bodyHtml: Type.String(),
  photos: Type.Array(MediaRef),
  publishedAt: Type.String(),
  en: Type.Optional(ActivityDetailEnglish),
})
export type Activity = Static<typeof Activity>
export const ActivityList = Page(ActivitySummary)
export type ActivityList = Static<typeof ActivityList>
export const ActivityQuery = Type.Object({
  ...PageQuery,
  street: Type.Optional(StreetKey),
  category: Type.Optional(Type.Enum(ACTIVITY_CATEGORIES)),
}, { additionalProperties: false })
export type ActivityQuery = Static<typeof ActivityQuery>

export const Enterprise = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  type: Type.String(),
  legalRepresentative: Type.String(),
  registeredCapital: Type.String(),
  establishedOn: Type.String(),
  address: Type.String(),
  businessScope: Type.String(),
  status: Type.Enum(ENTERPRISE_STATUSES),
  isDemo: IsDemo,
})
export type Enterprise = Static<typeof Enterprise>
export const EnterpriseSummary = Type.Pick(Enterprise, [
  'id',
  'uscc',
  'name',
  'type',
  'establishedOn',
  'status',
  'isDemo',
])
export type EnterpriseSummary = Static<typeof EnterpriseSummary>
export const EnterpriseList = Page(EnterpriseSummary)
export type EnterpriseList = Static<typeof EnterpriseList>
export const EnterpriseQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(SearchText),
}, { additionalProperties: false })
export type EnterpriseQuery = Static<typeof EnterpriseQuery>

export const SearchQuery = Type.Object({ q: SearchText }, { additionalProperties: false })
export type SearchQuery = Static<typeof SearchQuery>
function Group<T extends Parameters<typeof Type.Array>[0]>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    totalCapped: Type.Optional(Type.Literal(true)),
  })
}
export const SearchResults = Type.Object({
  q: Type.String(),
  benefits: Group(BenefitSummary),
  articles: Group(ArticleSummary),
  activities: Group(ActivitySummary),
})
export type SearchResults = Static<typeof SearchResults>
