// Evaluates a benefit's structured rules (schemas/eligibility.ts) against what is published about a subject.
import type { CreditRecords } from '../schemas/credit'
import type { EligibilityRule } from '../schemas/eligibility'
import { addMonths, yearsBetween } from './time'

export interface SubjectFacts {
  subject: 'person' | 'enterprise'
  /** Persons only: for age rules. */
  birthDate: string | null
  /** Where the subject lives or is registered; null if outside the district's streets. */
  streetId: number | null
  /** Lives or is registered in the district. */
  inDistrict: boolean
  records: CreditRecords
}

export interface BenefitScope {
  /** null: district-wide. */
  streetId: number | null
}

/** One rule; `today` is a Shanghai date (YYYY-MM-DD). */
export function meetsRule(rule: EligibilityRule, facts: SubjectFacts, benefit: BenefitScope, today: string): boolean {
  const { records } = facts
  switch (rule.kind) {
    case 'subject':
      return facts.subject === rule.subject
    case 'noSeriousDishonesty':
      return !records.dishonestyList.some(e => e.severity === 'serious')
    case 'noDishonestyList':
      return records.dishonestyList.length === 0
    case 'noPenaltyWithin': {
      const since = addMonths(today, -rule.months)
      return !records.penalties.some(p => p.decidedOn > since)
    }
    case 'onRedList':
      return records.redList.length > 0
    case 'noEnforcement':
      return !records.dishonestyList.some(e => e.category === 'enforcement')
    case 'creditCommitment':
      return records.commitments.length > 0
    case 'registeredIn':
      return rule.scope === 'district' || benefit.streetId === null
        ? facts.inDistrict
        : facts.streetId === benefit.streetId
    case 'minAge':
      return facts.birthDate !== null && yearsBetween(facts.birthDate, today) >= rule.years
  }
}

/** All rules hold (a benefit without rules is open to everyone it is addressed to). */
export function qualifies(rules: readonly EligibilityRule[], facts: SubjectFacts, benefit: BenefitScope, today: string): boolean {
  return rules.every(rule => meetsRule(rule, facts, benefit, today))
}
