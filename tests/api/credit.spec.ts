// The public enterprise credit profile (双公示 and lists): what is published, for how long, and how it is cached.
import type { LightMyRequestResponse } from 'fastify'
import type { CreditRecords, EnterpriseProfile } from '#schemas/credit'
import type { RecordCategory } from '#schemas/domain'
import type { EnterpriseSummary } from '#schemas/resources'
import type { ErrorCode } from '../../server/errors'
import type { SeedEnterprise, SeedListEntry, SeedPenalty, SeedRecord } from '../../server/seed/data/types'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidUscc, USCC_CHARSET, usccCheckChar } from '#common/codes/uscc'
import { LICENCE_TYPES, RECORD_CATEGORIES } from '#schemas/domain'
import { addDays } from '../../server/lib/time'
import { publicUntil } from '../../server/repositories/credit'
import { loadSeedData } from '../../server/seed/data/load'
import { buildTestApp, getOk, listAllPages, shanghaiDate, steadyNow } from './helpers'

const { enterprises: seedEnterprises } = loadSeedData()

const DAY = 86_400_000

/** Asserts the `{ error: { code, message } }` envelope and returns it. */
function expectEnvelope(res: LightMyRequestResponse, status: number, code: ErrorCode): ErrorEnvelope['error'] {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json<ErrorEnvelope>()
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body.error
}

/** Every record of a profile, whatever its kind. */
function allRecords(records: CreditRecords): { id: number, category: RecordCategory }[] {
  return [
    ...records.licences,
    ...records.penalties,
    ...records.redList,
    ...records.dishonestyList,
    ...records.commitments,
    ...records.facts,
  ]
}

function penaltiesOf(e: SeedEnterprise): SeedPenalty[] {
  return (e.records ?? []).filter((r): r is SeedPenalty => r.kind === 'penalty')
}

function listEntriesOf(e: SeedEnterprise, kind: SeedListEntry['kind']): SeedListEntry[] {
  return (e.records ?? []).filter((r): r is SeedListEntry => r.kind === kind)
}

/** The last day a seeded penalty is public, for a database seeded on `seedDay`. */
function seededPublicUntil(p: SeedPenalty, seedDay: string): string {
  return publicUntil(addDays(seedDay, -p.daysAgo), p.severity)
}

/** Seeded records published on the seeding day itself: penalties in their period, list entries not ended. */
function publishedOnSeedDay(records: SeedRecord[], seedDay: string): SeedRecord[] {
  return records.filter((r) => {
    if (r.kind === 'penalty')
      return seededPublicUntil(r, seedDay) >= seedDay
    if (r.kind === 'redList' || r.kind === 'dishonestyList')
      return r.untilDays === null || r.untilDays >= 0
    return true
  })
}

describe('enterprise credit profile', () => {
  let t: TestApp
  let today: string
  let summaries: EnterpriseSummary[]
  const profiles = new Map<string, EnterpriseProfile>()

  function profileOf(uscc: string): EnterpriseProfile {
    const profile = profiles.get(uscc)
    if (!profile)
      throw new Error(`no profile fetched for ${uscc}`)
    return profile
  }

  async function dbPenaltyCount(uscc: string): Promise<number> {
    const row = await t.app.db.selectFrom('credit_records')
      .innerJoin('enterprises', 'enterprises.id', 'credit_records.enterprise_id')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('enterprises.uscc', '=', uscc)
      .where('credit_records.kind', '=', 'penalty')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  beforeAll(async () => {
    t = await buildTestApp()
    today = shanghaiDate()
    summaries = await listAllPages<EnterpriseSummary>(t.app, '/api/enterprises')
    for (const s of summaries)
      profiles.set(s.uscc, await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${s.uscc}`))
  })
  afterAll(async () => {
    await t.close()
  })

  describe('directory and profiles', () => {
    it('should list at least 40 enterprises whose codes all pass the check character when the directory is read in full', () => {
      expect(summaries.length).toBeGreaterThanOrEqual(40)
      expect(new Set(summaries.map(s => s.uscc)).size).toBe(summaries.length)
      for (const s of summaries)
        expect(isValidUscc(s.uscc), s.uscc).toBe(true)
    })

    it('should return the enterprise that was asked for when each listed code is opened', () => {
      for (const s of summaries) {
        const profile = profileOf(s.uscc)
        expect(profile.enterprise).toMatchObject({
          id: s.id,
          uscc: s.uscc,
          name: s.name,
          status: s.status,
        })
      }
    })

    it('should count all eight categories in order, matching the records returned, when any profile is opened', () => {
      for (const s of summaries) {
        const { records } = profileOf(s.uscc)
        expect(records.counts.map(c => c.category), s.uscc).toEqual([...RECORD_CATEGORIES])
        const returned = allRecords(records)
        for (const { category, count } of records.counts)
          expect(count, `${s.uscc} ${category}`).toBe(returned.filter(r => r.category === category).length)
        expect(new Set(returned.map(r => r.id)).size, s.uscc).toBe(returned.length)
      }
    })

    it('should describe today in Shanghai when any profile is opened', () => {
      for (const s of summaries)
        expect(profileOf(s.uscc).asOf, s.uscc).toBe(today)
    })

    it('should publish each penalty only within its period, with credit repair possible inside that period, when profiles are opened', () => {
      let seen = 0
      for (const s of summaries) {
        const { records, asOf } = profileOf(s.uscc)
        for (const p of records.penalties) {
          seen++
          expect(p.publicUntil >= asOf, `${s.uscc} ${p.documentNo}`).toBe(true)
          expect(p.decidedOn <= asOf, `${s.uscc} ${p.documentNo}`).toBe(true)
          expect(p.repairFrom > p.decidedOn, `${s.uscc} ${p.documentNo}`).toBe(true)
          expect(p.repairFrom <= p.publicUntil, `${s.uscc} ${p.documentNo}`).toBe(true)
          // General penalties are public for one year, serious ones for three (from the decision).
          expect(p.publicUntil, `${s.uscc} ${p.documentNo}`).toBe(publicUntil(p.decidedOn, p.severity))
        }
      }
      expect(seen).toBeGreaterThan(0)
    })

    it('should return only list entries still in force, each on the right list, when profiles are opened', () => {
      let seen = 0
      for (const s of summaries) {
        const { records, asOf } = profileOf(s.uscc)
        for (const [list, entries] of [
          ['red', records.redList],
          ['dishonesty', records.dishonestyList],
        ] as const) {
          for (const e of entries) {
            seen++
            expect(e.list, s.uscc).toBe(list)
            expect(e.until === null || e.until >= asOf, `${s.uscc} ${e.name} until ${e.until}`).toBe(true)
            expect(e.listedOn <= asOf, s.uscc).toBe(true)
          }
        }
      }
      expect(seen).toBeGreaterThan(0)
    })

    it('should give every licence a document number, a known licence type and an authority when profiles are opened', () => {
      let seen = 0
      for (const s of summaries) {
        for (const l of profileOf(s.uscc).records.licences) {
          seen++
          expect(l.documentNo.length, s.uscc).toBeGreaterThan(0)
          expect(LICENCE_TYPES, s.uscc).toContain(l.licenceType)
          expect(l.authority.length, s.uscc).toBeGreaterThan(0)
          expect(l.validFrom <= (l.validTo ?? '9999-12-31'), s.uscc).toBe(true)
          expect(l.current, `${s.uscc} ${l.documentNo}`).toBe(l.validTo === null || l.validTo >= today)
        }
      }
      expect(seen).toBeGreaterThan(0)
    })

    it('should publish exactly the seeded records that are public today when every seeded enterprise is opened', async () => {
      // The demo data's approved credit repair ended one penalty's publication (server/seed/cases.ts).
      const repaired = new Set((await t.app.db.selectFrom('credit_records').select('document_no').where('repaired_on', 'is not', null).execute()).map(r => r.document_no))
      expect(repaired.size).toBeGreaterThan(0)
      for (const e of seedEnterprises) {
        const { records } = profileOf(e.uscc)
        const published = publishedOnSeedDay(e.records ?? [], today).filter(r => r.kind !== 'penalty' || !repaired.has(r.documentNo))
        const count = (kind: SeedRecord['kind']) => published.filter(r => r.kind === kind).length
        expect(records.licences.length, `${e.key} licences`).toBe(count('licence'))
        expect(records.penalties.length, `${e.key} penalties`).toBe(count('penalty'))
        expect(records.redList.length, `${e.key} red list`).toBe(count('redList'))
        expect(records.dishonestyList.length, `${e.key} dishonesty list`).toBe(count('dishonestyList'))
        expect(records.commitments.length, `${e.key} commitments`).toBe(count('commitment'))
        expect(records.facts.length, `${e.key} facts`).toBe(count('fact'))
        expect(records.penalties.map(p => p.documentNo).sort(), e.key)
          .toEqual(published.flatMap(r => r.kind === 'penalty'
            ? [r.documentNo]
            : []).sort())
      }
    })
  })

  describe('publication periods', () => {
    it('should hide penalties past their public-until date that the database still holds when an enterprise has only expired penalties', async () => {
      const onlyExpired = seedEnterprises.filter((e) => {
        const penalties = penaltiesOf(e)
        return penalties.length > 0 && penalties.every(p => seededPublicUntil(p, today) < today)
      })
      expect(onlyExpired.length).toBeGreaterThan(0)
      // Both severities are covered: general penalties end after a year, serious ones after three.
      expect(new Set(onlyExpired.flatMap(e => penaltiesOf(e).map(p => p.severity)))).toEqual(new Set(['general', 'serious']))
      for (const e of onlyExpired) {
        const profile = profileOf(e.uscc)
        expect(profile.records.penalties, e.key).toEqual([])
        expect(await dbPenaltyCount(e.uscc), e.key).toBe(penaltiesOf(e).length)
        const penaltyCategories = new Set(penaltiesOf(e).map(p => p.category))
        const otherRecords = allRecords(profile.records)
        for (const category of penaltyCategories) {
          expect(profile.records.counts.find(c => c.category === category)?.count, `${e.key} ${category}`)
            .toBe(otherRecords.filter(r => r.category === category).length)
        }
      }
    })

    it('should keep a current penalty and drop an expired one when an enterprise has both', async () => {
      const mixed = seedEnterprises.filter((e) => {
        const ends = penaltiesOf(e).map(p => seededPublicUntil(p, today))
        return ends.some(d => d >= today) && ends.some(d => d < today)
      })
      expect(mixed.length).toBeGreaterThan(0)
      for (const e of mixed) {
        const shown = profileOf(e.uscc).records.penalties.map(p => p.documentNo)
        for (const p of penaltiesOf(e))
          expect(shown.includes(p.documentNo), `${e.key} ${p.documentNo}`).toBe(seededPublicUntil(p, today) >= today)
        expect(await dbPenaltyCount(e.uscc), e.key).toBe(penaltiesOf(e).length)
      }
    })

    it('should hide a red-list entry that has ended when the seed ended it', async () => {
      const ended = seedEnterprises.filter(e => listEntriesOf(e, 'redList').some(r => r.untilDays !== null && r.untilDays < 0))
      expect(ended.length).toBeGreaterThan(0)
      for (const e of ended) {
        const shown = profileOf(e.uscc).records.redList.map(r => r.name)
        for (const entry of listEntriesOf(e, 'redList').filter(r => r.untilDays !== null && r.untilDays < 0))
          expect(shown, e.key).not.toContain(entry.title)
        const stored = await t.app.db.selectFrom('credit_records')
          .innerJoin('enterprises', 'enterprises.id', 'credit_records.enterprise_id')
          .select(['credit_records.valid_to'])
          .where('enterprises.uscc', '=', e.uscc)
          .where('credit_records.kind', '=', 'redList')
          .execute()
        expect(stored.some(r => r.valid_to !== null && r.valid_to < today), e.key).toBe(true)
      }
    })

    it('should show a current dishonesty-list entry with its end date when the enterprise is still listed', () => {
      const listed = seedEnterprises.filter(e => listEntriesOf(e, 'dishonestyList').some(r => r.untilDays === null || r.untilDays >= 0))
      expect(listed.length).toBeGreaterThan(0)
      for (const e of listed) {
        const shown = profileOf(e.uscc).records.dishonestyList
        for (const entry of listEntriesOf(e, 'dishonestyList')) {
          const found = shown.find(s => s.name === entry.title)
          expect(found, e.key).toBeDefined()
          expect(found, e.key).toMatchObject({
            list: 'dishonesty',
            category: entry.category,
            severity: entry.severity,
            reason: entry.content,
            authority: entry.authority,
            listedOn: addDays(today, -entry.daysAgo),
            until: entry.untilDays === null
              ? null
              : addDays(today, entry.untilDays),
          })
        }
      }
    })

    it('should return a long-term licence with no end date and as current when the seed grants it without limit', () => {
      const longTerm = seedEnterprises.flatMap(e => (e.records ?? [])
        .flatMap(r => r.kind === 'licence' && r.validYears === null
          ? [
              { e, r },
            ]
          : []))
      expect(longTerm.length).toBeGreaterThan(0)
      for (const { e, r } of longTerm) {
        const licence = profileOf(e.uscc).records.licences.find(l => l.documentNo === r.documentNo)
        expect(licence, `${e.key} ${r.documentNo}`).toMatchObject({
          title: r.title,
          licenceType: r.licenceType,
          authority: r.authority,
          validTo: null,
          current: true,
        })
      }
    })

    it('should end a fixed-term licence on a real date after it began when the seed limits it', () => {
      const fixed = seedEnterprises.flatMap(e => (e.records ?? [])
        .flatMap(r => r.kind === 'licence' && r.validYears !== null
          ? [
              { e, r },
            ]
          : []))
      expect(fixed.length).toBeGreaterThan(0)
      for (const { e, r } of fixed) {
        const licence = profileOf(e.uscc).records.licences.find(l => l.documentNo === r.documentNo)
        expect(licence?.validTo, `${e.key} ${r.documentNo}`).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect((licence?.validTo ?? '') > (licence?.validFrom ?? ''), `${e.key} ${r.documentNo}`).toBe(true)
      }
    })
  })

  describe('looking an enterprise up by its code', () => {
    it('should accept a code typed in lower case with spaces when it is otherwise valid', async () => {
      const uscc = summaries.find(s => /[A-Z]/.test(s.uscc))?.uscc ?? ''
      expect(uscc).not.toBe('')
      const typed = ` ${uscc.slice(0, 6)} ${uscc.slice(6, 12)} ${uscc.slice(12)} `.toLowerCase()
      const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${encodeURIComponent(typed)}` })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<EnterpriseProfile>()).toEqual(profileOf(uscc))
    })

    it('should answer 400 INVALID_USCC in the envelope when the check character is wrong', async () => {
      for (const s of summaries.slice(0, 5)) {
        const wrong = [...USCC_CHARSET].find(c => c !== s.uscc[17]) ?? ''
        const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${s.uscc.slice(0, 17)}${wrong}` })
        const error = expectEnvelope(res, 400, 'INVALID_USCC')
        expect(error.details?.map(d => d.field)).toContain('params.uscc')
        expect(res.headers['cache-control']).toBe('no-store')
      }
    })

    it('should answer 404 NOT_FOUND when a valid code is not on file', async () => {
      const known = new Set(summaries.map(s => s.uscc))
      const first17 = '91310105MA9YYYYYY'
      const uscc = `${first17}${usccCheckChar(first17)}`
      expect(isValidUscc(uscc)).toBe(true)
      expect(known.has(uscc)).toBe(false)
      const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${uscc}` })
      expectEnvelope(res, 404, 'NOT_FOUND')
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it('should let caches keep the profile but revalidate it, with an ETag, when it is public', async () => {
      const uscc = summaries[0]?.uscc ?? ''
      const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${uscc}` })
      expect(res.statusCode).toBe(200)
      const cacheControl = String(res.headers['cache-control'])
      expect(cacheControl).toContain('no-cache')
      expect(cacheControl).not.toContain('no-store')
      expect(cacheControl).not.toContain('private')
      const etag = res.headers.etag
      expect(typeof etag).toBe('string')
      const again = await t.app.inject({
        method: 'GET',
        url: `/api/enterprises/${uscc}`,
        headers: {
          'if-none-match': String(etag),
        },
      })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
    })
  })
})

describe('enterprise credit profile as time passes', () => {
  let t: TestApp
  let now = steadyNow()
  let seedDay: string

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
    })
    seedDay = shanghaiDate(0, now)
  })
  afterAll(async () => {
    await t.close()
  })

  it('should stop publishing a general penalty, but keep a serious one, once the clock passes the general one\'s public-until date', async () => {
    const later = shanghaiDate(400, now)
    const current = seedEnterprises.flatMap(e => penaltiesOf(e).map(p => ({
      e,
      p,
      until: seededPublicUntil(p, seedDay),
    })))
      .filter(x => x.until >= seedDay)
    const ending = current.filter(x => x.p.severity === 'general' && x.until < later)
    const staying = current.filter(x => x.until >= later)
    expect(ending.length).toBeGreaterThan(0)
    expect(staying.length).toBeGreaterThan(0)

    const before = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ending[0]?.e.uscc}`)
    expect(before.records.penalties.map(p => p.documentNo)).toContain(ending[0]?.p.documentNo)

    now = new Date(now.getTime() + 400 * DAY)
    for (const { e, p } of ending) {
      const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${e.uscc}`)
      expect(profile.asOf).toBe(later)
      expect(profile.records.penalties.map(x => x.documentNo), e.key).not.toContain(p.documentNo)
      expect(profile.records.counts.find(c => c.category === p.category)?.count, e.key)
        .toBe(allRecords(profile.records).filter(r => r.category === p.category).length)
    }
    for (const { e, p } of staying) {
      const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${e.uscc}`)
      expect(profile.records.penalties.map(x => x.documentNo), e.key).toContain(p.documentNo)
    }
  })
})
