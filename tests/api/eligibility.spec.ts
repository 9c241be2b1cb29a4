import type { CreditRecords, ListEntry, Penalty } from '#schemas/credit'
// The structured benefit rules, evaluated against what is published about a subject.
import type { SubjectFacts } from '../../server/lib/eligibility'
import { describe, expect, it } from 'vitest'
import { meetsRule, qualifies } from '../../server/lib/eligibility'
import { addDays, addMonths, monthsBetween, yearsBetween } from '../../server/lib/time'
import { publicUntil, repairFrom } from '../../server/repositories/credit'

const TODAY = '2026-11-29'

function records(parts: Partial<CreditRecords> = {}): CreditRecords {
  return {
    counts: [],
    licences: [],
    penalties: [],
    redList: [],
    dishonestyList: [],
    commitments: [],
    facts: [],
    ...parts,
  }
}

function penalty(decidedOn: string): Penalty {
  return {
    id: 1,
    category: 'supervision',
    documentNo: '沪长市监罚〔2026〕1号',
    violationType: '违规',
    facts: '事实',
    legalBasis: '依据',
    penaltyType: '罚款',
    content: '罚款',
    fineYuan: 200,
    severity: 'general',
    decidedOn,
    publicUntil: publicUntil(decidedOn, 'general'),
    repairFrom: repairFrom(decidedOn, 'general'),
    underRepair: false,
    authority: '机关',
    underObjection: false,
  }
}

function entry(list: ListEntry['list'], severity: ListEntry['severity'], category: ListEntry['category'] = 'management'): ListEntry {
  return {
    id: 2,
    category,
    list,
    name: '名单',
    reason: '原因',
    severity,
    listedOn: '2026-01-01',
    until: null,
    authority: '机关',
    underObjection: false,
  }
}

function person(parts: Partial<SubjectFacts> = {}): SubjectFacts {
  return {
    subject: 'person',
    birthDate: '1980-05-20',
    streetId: 2,
    inDistrict: true,
    records: records(),
    ...parts,
  }
}

describe('dates', () => {
  it('should move calendar dates by days and months, clamping to the end of a shorter month', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2026-11-29', -12)).toBe('2025-11-29')
    expect(addMonths('2026-11-29', 3)).toBe('2027-02-28')
  })

  it('should count whole months between dates, not before the day of the month comes round, and never below 0', () => {
    expect(monthsBetween('2026-11-29', '2026-11-29')).toBe(0)
    expect(monthsBetween('2026-11-29', '2026-12-28')).toBe(0)
    expect(monthsBetween('2026-11-29', '2026-12-29')).toBe(1)
    expect(monthsBetween('2026-11-29', '2028-01-31')).toBe(14)
    expect(monthsBetween('2026-11-29', '2026-10-01')).toBe(0)
  })

  it('should count whole years of age, not rounding up before the birthday', () => {
    expect(yearsBetween('1961-11-30', TODAY)).toBe(64)
    expect(yearsBetween('1961-11-29', TODAY)).toBe(65)
  })

  it('should publish a general penalty for 1 year with repair after 3 months, a serious one for 3 years with repair after 1', () => {
    expect(publicUntil('2026-03-10', 'general')).toBe('2027-03-10')
    expect(repairFrom('2026-03-10', 'general')).toBe('2026-06-10')
    expect(publicUntil('2026-03-10', 'serious')).toBe('2029-03-10')
    expect(repairFrom('2026-03-10', 'serious')).toBe('2027-03-10')
  })
})

describe('eligibility rules', () => {
  const district = { streetId: null }

  it('should match the subject kind', () => {
    expect(meetsRule({ kind: 'subject', subject: 'person' }, person(), district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'subject', subject: 'enterprise' }, person(), district, TODAY)).toBe(false)
  })

  it('should tell serious dishonesty from any listing', () => {
    const general = person({
      records: records({
        dishonestyList: [
          entry('dishonesty', 'general'),
        ],
      }),
    })
    const serious = person({
      records: records({
        dishonestyList: [
          entry('dishonesty', 'serious'),
        ],
      }),
    })
    expect(meetsRule({ kind: 'noSeriousDishonesty' }, general, district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'noDishonestyList' }, general, district, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'noSeriousDishonesty' }, serious, district, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'noDishonestyList' }, person(), district, TODAY)).toBe(true)
  })

  it('should count only penalties decided within the window', () => {
    const recent = person({
      records: records({
        penalties: [
          penalty('2026-06-01'),
        ],
      }),
    })
    const older = person({
      records: records({
        penalties: [
          penalty('2025-10-01'),
        ],
      }),
    })
    expect(meetsRule({ kind: 'noPenaltyWithin', months: 12 }, recent, district, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'noPenaltyWithin', months: 12 }, older, district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'noPenaltyWithin', months: 24 }, older, district, TODAY)).toBe(false)
  })

  it('should need a red-list entry, a commitment, and no enforcement listing when the rules say so', () => {
    const red = person({
      records: records({
        redList: [
          entry('red', 'general', 'welfare'),
        ],
      }),
    })
    expect(meetsRule({ kind: 'onRedList' }, red, district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'onRedList' }, person(), district, TODAY)).toBe(false)
    const committed = person({
      records: records({
        commitments: [
          {
            id: 3,
            category: 'qualification',
            title: '承诺',
            content: '内容',
            signedOn: '2026-01-01',
            authority: '机关',
            underObjection: false,
          },
        ],
      }),
    })
    expect(meetsRule({ kind: 'creditCommitment' }, committed, district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'creditCommitment' }, person(), district, TODAY)).toBe(false)
    const defaulter = person({
      records: records({
        dishonestyList: [
          entry('dishonesty', 'serious', 'enforcement'),
        ],
      }),
    })
    expect(meetsRule({ kind: 'noEnforcement' }, defaulter, district, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'noEnforcement' }, person({
      records: records({
        dishonestyList: [
          entry('dishonesty', 'general', 'registration'),
        ],
      }),
    }), district, TODAY)).toBe(true)
  })

  it('should apply a street rule to the benefit’s own street and a district rule anywhere in the district', () => {
    expect(meetsRule({ kind: 'registeredIn', scope: 'street' }, person({ streetId: 2 }), { streetId: 2 }, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'registeredIn', scope: 'street' }, person({ streetId: 3 }), { streetId: 2 }, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'registeredIn', scope: 'district' }, person({ streetId: 3 }), { streetId: 2 }, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'registeredIn', scope: 'district' }, person({ inDistrict: false, streetId: null }), district, TODAY)).toBe(false)
  })

  it('should check age from the birth date, and never pass an age rule without one', () => {
    expect(meetsRule({ kind: 'minAge', years: 65 }, person({ birthDate: '1961-11-29' }), district, TODAY)).toBe(true)
    expect(meetsRule({ kind: 'minAge', years: 65 }, person({ birthDate: '1961-11-30' }), district, TODAY)).toBe(false)
    expect(meetsRule({ kind: 'minAge', years: 18 }, {
      ...person(),
      subject: 'enterprise',
      birthDate: null,
    }, district, TODAY)).toBe(false)
  })

  it('should qualify only when every rule holds', () => {
    const rules = [
      { kind: 'subject', subject: 'person' },
      { kind: 'noSeriousDishonesty' },
      { kind: 'minAge', years: 60 },
    ] as const
    expect(qualifies(rules, person({ birthDate: '1950-01-01' }), district, TODAY)).toBe(true)
    expect(qualifies(rules, person({ birthDate: '1990-01-01' }), district, TODAY)).toBe(false)
    expect(qualifies([], person(), district, TODAY)).toBe(true)
  })
})
