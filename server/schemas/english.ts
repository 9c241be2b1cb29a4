// English versions of staff-authored content. Every field is optional: the app shows the English text in English mode
// when there is one, and the Chinese original with a small "中文" mark when there is not. A list (claim steps,
// documents) is translated as a whole; a street's figures and practices carry their own `en`, so a translation moves
// and goes with its item.
import type { Static } from 'typebox'
import { Type } from 'typebox'

const EnText = (max: number) => Type.Optional(Type.String({ minLength: 1, maxLength: max, pattern: '\\S' }))
function EnLines(max: number, items: number) {
  return Type.Optional(Type.Array(
    Type.String({ minLength: 1, maxLength: max, pattern: '\\S' }),
    { minItems: 1, maxItems: items },
  ))
}
/** Markdown, as the Chinese body (raw HTML escaped when rendered). */
const EnMarkdown = Type.Optional(Type.String({ minLength: 1, maxLength: 100_000, pattern: '\\S' }))
/** The English body rendered on the server, beside the Markdown it came from. */
const EnHtml = Type.Optional(Type.String())

export const BenefitEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  provider: EnText(160),
  offer: EnText(4000),
  eligibility: EnText(4000),
  claimSteps: EnLines(600, 20),
  documents: EnLines(400, 20),
  contact: EnText(400),
}, { additionalProperties: false })
export type BenefitEnglish = Static<typeof BenefitEnglish>
export const BenefitSummaryEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  provider: EnText(160),
})
export type BenefitSummaryEnglish = Static<typeof BenefitSummaryEnglish>

export const ArticleEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  source: EnText(160),
  body: EnMarkdown,
}, { additionalProperties: false })
export type ArticleEnglish = Static<typeof ArticleEnglish>
export const ArticleSummaryEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  source: EnText(160),
})
export const ArticleDetailEnglish = Type.Object({
  ...ArticleEnglish.properties,
  bodyHtml: EnHtml,
})
export type ArticleDetailEnglish = Static<typeof ArticleDetailEnglish>

export const ActivityEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  place: EnText(200),
  body: EnMarkdown,
}, { additionalProperties: false })
export type ActivityEnglish = Static<typeof ActivityEnglish>
export const ActivitySummaryEnglish = Type.Object({
  title: EnText(200),
  summary: EnText(600),
  place: EnText(200),
})
export const ActivityDetailEnglish = Type.Object({
  ...ActivityEnglish.properties,
  bodyHtml: EnHtml,
})
export type ActivityDetailEnglish = Static<typeof ActivityDetailEnglish>

/** A place to claim a benefit: its name and opening hours (the address stays as written, for maps and taxis). */
export const VenueEnglish = Type.Object({
  name: EnText(160),
  hours: EnText(160),
}, { additionalProperties: false })
export type VenueEnglish = Static<typeof VenueEnglish>

export const StreetEnglish = Type.Object({
  intro: EnText(4000),
}, { additionalProperties: false })
export type StreetEnglish = Static<typeof StreetEnglish>
export const FigureEnglish = Type.Object({
  label: EnText(40),
  value: EnText(40),
}, { additionalProperties: false })
export type FigureEnglish = Static<typeof FigureEnglish>
export const PracticeEnglish = Type.Object({
  title: EnText(120),
  what: EnText(2000),
  results: EnText(2000),
}, { additionalProperties: false })
export type PracticeEnglish = Static<typeof PracticeEnglish>
