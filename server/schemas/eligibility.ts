// Structured eligibility rules of a benefit: what code can evaluate against a subject's credit records
// (the personal report and enterprise profile use them). The app turns each rule into a plain sentence.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { VenueEnglish } from './english'

export const EligibilityRule = Type.Union([
  /** Only persons, or only enterprises, may claim. */
  Type.Object({
    kind: Type.Literal('subject'),
    subject: Type.Enum(['person', 'enterprise'] as const),
  }, { additionalProperties: false }),
  /** Not currently on a serious-dishonesty list (严重失信主体名单). */
  Type.Object({
    kind: Type.Literal('noSeriousDishonesty'),
  }, { additionalProperties: false }),
  /** Not currently on any dishonesty list (失信名单 of any kind). */
  Type.Object({
    kind: Type.Literal('noDishonestyList'),
  }, { additionalProperties: false }),
  /** No administrative penalty (行政处罚) decided within the last N months. */
  Type.Object({
    kind: Type.Literal('noPenaltyWithin'),
    months: Type.Integer({ minimum: 1, maximum: 120 }),
  }, { additionalProperties: false }),
  /** Currently on a red list (守信红名单 / 守信激励对象). */
  Type.Object({
    kind: Type.Literal('onRedList'),
  }, { additionalProperties: false }),
  /** Not a judgment defaulter (失信被执行人) and no unperformed court enforcement. */
  Type.Object({
    kind: Type.Literal('noEnforcement'),
  }, { additionalProperties: false }),
  /** Has signed a credit commitment (信用承诺) for this matter. */
  Type.Object({
    kind: Type.Literal('creditCommitment'),
  }, { additionalProperties: false }),
  /** Lives or is registered in the district, or in the benefit's own street. */
  Type.Object({
    kind: Type.Literal('registeredIn'),
    scope: Type.Enum(['district', 'street'] as const),
  }, { additionalProperties: false }),
  /** Persons of at least this age. */
  Type.Object({
    kind: Type.Literal('minAge'),
    years: Type.Integer({ minimum: 1, maximum: 120 }),
  }, { additionalProperties: false }),
])
export type EligibilityRule = Static<typeof EligibilityRule>
export const EligibilityRules = Type.Array(EligibilityRule, { maxItems: 12 })
export type EligibilityRules = Static<typeof EligibilityRules>

export const Venue = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  address: Type.String({ minLength: 1, maxLength: 120 }),
  hours: Type.String({ maxLength: 80 }),
  // Null first: with type coercion on, a null would otherwise be turned into ''.
  phone: Type.Union([
    Type.Null(),
    Type.String({ maxLength: 30 }),
  ]),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  en: Type.Optional(VenueEnglish),
}, { additionalProperties: false })
export type Venue = Static<typeof Venue>
