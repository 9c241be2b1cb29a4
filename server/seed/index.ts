import type { Insertable } from 'kysely'
import type { Config } from '../config'
// Demo data for an empty database. Insert-if-missing by key, in one transaction: running it twice changes nothing.
import type { DB } from '../db/database'
import type { CreditRecordTable } from '../db/schema'
import type { SeedPicture, SeedRecord } from './data/types'
import { createHash } from 'node:crypto'
import { isValidIdNumber, maskIdNumber, normalizeIdNumber } from '#common/codes/idcard'
import { isValidUscc } from '#common/codes/uscc'
import { hashPassword } from '../auth/password'
import { keyedHash, sha256 } from '../lib/crypto'
import { englishColumn } from '../lib/english'
import { bodyColumns } from '../lib/markdown'
import { addDays, addMonths, monthsBetween, nowIso, todayInShanghai } from '../lib/time'
import { venueRow } from '../repositories/benefits'
import { LONG_TERM, publicUntil } from '../repositories/credit'
import { exitCodeHash } from '../repositories/kiosks'
import { seedDemoCases } from './cases'
import { DEMO_ADMIN, DEMO_PASSWORD, demoStaffUsername } from './data/accounts'
import { DEMO_KIOSKS } from './data/kiosks'
import { loadSeedData } from './data/load'

/** Size of generated demo pictures (3:2). */
export const DEMO_PICTURE = { width: 960, height: 640 }

export interface SeedCounts {
  streets: number
  benefits: number
  articles: number
  activities: number
  enterprises: number
  persons: number
  records: number
  kiosks: number
  accounts: number
  cases: number
}

export interface SeedOptions {
  /** The app secret: persons' ID numbers are stored only as keyed hashes under it. */
  secret: string
  /** Cost of the demo accounts' password hash ('fast' in tests). */
  passwordHashCost?: Config['passwordHashCost']
  /** The seeding moment: record dates are given relative to it. */
  now?: Date
}

/**
 * The day the demo content (benefits, articles, activities) was written for. Seeded later, all its dates move on
 * by the whole months since, so that the demo never goes stale: upcoming activities stay upcoming, current
 * measures stay current and the statistics keep a year of history.
 */
export const DEMO_CONTENT_AS_OF = '2026-11-29'

/** Moves the demo content's dates (YYYY-MM-DD, or a local time YYYY-MM-DDTHH:mm:ss+08:00) on to the seeding day. */
export function demoDateShift(today: string): <T extends string | null>(date: T) => T {
  const months = monthsBetween(DEMO_CONTENT_AS_OF, today)
  return <T extends string | null>(date: T): T => (date === null || months === 0
    ? date
    : `${addMonths(date.slice(0, 10), months)}${date.slice(10)}`) as T
}

/** A seeded record as a row: dates counted back from `today`, penalties public for their severity's period. */
export function recordRow(r: SeedRecord, subject: { enterprise_id: number } | { person_id: number }, today: string, at: string): Insertable<CreditRecordTable> {
  const decided = addDays(today, -r.daysAgo)
  const base = {
    enterprise_id: 'enterprise_id' in subject
      ? subject.enterprise_id
      : null,
    person_id: 'person_id' in subject
      ? subject.person_id
      : null,
    category: r.category,
    kind: r.kind,
    authority: r.authority,
    decided_on: decided,
    created_at: at,
  }
  switch (r.kind) {
    case 'licence':
      return {
        ...base,
        title: r.title,
        content: r.content,
        document_no: r.documentNo,
        licence_type: r.licenceType,
        valid_from: decided,
        valid_to: r.validYears === null
          ? LONG_TERM
          : addDays(addMonths(decided, r.validYears * 12), -1),
      }
    case 'penalty':
      return {
        ...base,
        title: r.violationType,
        content: r.content,
        document_no: r.documentNo,
        violation_type: r.violationType,
        facts: r.facts,
        legal_basis: r.legalBasis,
        penalty_type: r.penaltyType,
        fine_yuan: r.fineYuan,
        severity: r.severity,
        public_until: publicUntil(decided, r.severity),
      }
    case 'redList':
    case 'dishonestyList':
      return {
        ...base,
        title: r.title,
        content: r.content,
        severity: r.severity,
        valid_to: r.untilDays === null
          ? null
          : addDays(today, r.untilDays),
      }
    case 'commitment':
      return { ...base, title: r.title, content: r.content }
    case 'fact':
      return {
        ...base,
        title: r.title,
        content: r.content,
        document_no: r.documentNo,
      }
  }
}

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom('districts').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

export async function seedDemoData(db: DB, { secret, now = new Date(), passwordHashCost = 'asvs' }: SeedOptions): Promise<SeedCounts> {
  // Read and checked against the schemas in data/types.ts: a bad file throws before anything is written.
  const { streets, benefits, articles, activities, enterprises, persons } = loadSeedData()
  const at = nowIso(now)
  // One hash for the one demo password (hashing is deliberately slow).
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD, passwordHashCost)
  const today = todayInShanghai(now)
  const shift = demoDateShift(today)
  return db.transaction().execute(async (trx) => {
    const inserted = async (q: { executeTakeFirst: () => Promise<{ numInsertedOrUpdatedRows?: bigint }> }) =>
      Number((await q.executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n)

    await trx.insertInto('districts')
      .values({ key: 'changning', name: '长宁区', name_en: 'Changning District' })
      .onConflict(oc => oc.column('key').doNothing())
      .execute()
    const district = await trx.selectFrom('districts').select('id').where('key', '=', 'changning').executeTakeFirstOrThrow()

    const counts: SeedCounts = {
      streets: 0,
      benefits: 0,
      articles: 0,
      activities: 0,
      enterprises: 0,
      persons: 0,
      records: 0,
      kiosks: 0,
      accounts: 0,
      cases: 0,
    }
    for (const s of streets) {
      counts.streets += await inserted(trx.insertInto('streets').values({
        district_id: district.id,
        key: s.key,
        name: s.name,
        name_en: s.nameEn,
        kind: s.kind,
        intro: s.intro,
        address: s.address,
        phone: s.phone,
        is_demonstration: s.isDemonstration ? 1 : 0,
        sort_order: s.sortOrder,
        figures: JSON.stringify(s.figures ?? []),
        en: englishColumn(s.en),
        is_demo: 1,
      }).onConflict(oc => oc.column('key').doNothing()))
    }
    const streetIds = new Map((await trx.selectFrom('streets').select(['id', 'key']).execute()).map(r => [r.key, r.id]))
    const streetId = (key: string | null): number | null => {
      if (key === null)
        return null
      const id = streetIds.get(key)
      if (id === undefined)
        throw new Error(`seed refers to unknown street ${key}`)
      return id
    }

    for (const st of streets) {
      for (const [index, pr] of (st.practices ?? []).entries()) {
        await trx.insertInto('street_practices')
          .values({
            key: pr.key,
            street_id: streetId(st.key)!,
            sort_order: index,
            title: pr.title,
            what: pr.what,
            results: pr.results,
            en: englishColumn(pr.en),
          })
          .onConflict(oc => oc.column('key').doNothing())
          .execute()
      }
    }

    // Demo pictures: a row per picture now; the file is drawn on its first request (routes/media.ts).
    const picture = async (owner: string, index: number, p: SeedPicture): Promise<number> => {
      const name = `${createHash('sha256').update(`${owner}#${index}`).digest('hex').slice(0, 32)}.jpg`
      await trx.insertInto('media')
        .values({
          name,
          content_type: 'image/jpeg',
          width: DEMO_PICTURE.width,
          height: DEMO_PICTURE.height,
          bytes: null,
          alt: p.alt,
          scene: p.scene,
          seed: `${owner}#${index}`,
          created_at: at,
        })
        .onConflict(oc => oc.column('name').doNothing())
        .execute()
      return (await trx.selectFrom('media').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    }

    for (const b of benefits) {
      const added = await inserted(trx.insertInto('benefits').values({
        key: b.key,
        title: b.title,
        summary: b.summary,
        category: b.category,
        audience: b.audience,
        provider: b.provider,
        street_id: streetId(b.streetKey),
        offer: b.offer,
        eligibility: b.eligibility,
        rules: JSON.stringify(b.rules),
        claim_steps: JSON.stringify(b.claimSteps),
        documents: JSON.stringify(b.documents),
        contact: b.contact,
        valid_from: shift(b.validFrom),
        valid_to: shift(b.validTo),
        tags: JSON.stringify(b.tags),
        status: b.status ?? 'published',
        created_at: at,
        updated_at: new Date(shift(b.updatedAt)).toISOString(),
        en: englishColumn(b.en),
        is_demo: 1,
      }).onConflict(oc => oc.column('key').doNothing()))
      counts.benefits += added
      if (added === 0)
        continue
      const { id } = await trx.selectFrom('benefits').select('id').where('key', '=', b.key).executeTakeFirstOrThrow()
      for (const [index, v] of b.venues.entries())
        await trx.insertInto('benefit_venues').values(venueRow(id, index, v)).execute()
    }

    for (const a of articles) {
      counts.articles += await inserted(trx.insertInto('articles').values({
        key: a.key,
        kind: a.kind,
        title: a.title,
        summary: a.summary,
        ...bodyColumns(a.body),
        source: a.source,
        street_id: streetId(a.streetKey),
        published_at: shift(a.publishedAt),
        disclosure_until: shift(a.disclosureUntil),
        tags: JSON.stringify(a.tags),
        status: 'published',
        updated_at: at,
        cover_media_id: a.cover
          ? await picture(`article:${a.key}`, 0, a.cover)
          : null,
        en: englishColumn(a.en),
        is_demo: 1,
      }).onConflict(oc => oc.column('key').doNothing()))
    }

    for (const a of activities) {
      const added = await inserted(trx.insertInto('activities').values({
        key: a.key,
        street_id: streetId(a.streetKey)!,
        title: a.title,
        category: a.category,
        starts_at: shift(a.startsAt),
        ends_at: shift(a.endsAt),
        place: a.place,
        summary: a.summary,
        ...bodyColumns(a.body),
        status: 'published',
        // Announced ten days ahead of the day it happens.
        published_at: new Date(Date.parse(shift(a.startsAt)) - 10 * 86_400_000).toISOString(),
        created_at: at,
        updated_at: at,
        en: englishColumn(a.en),
        is_demo: 1,
      }).onConflict(oc => oc.column('key').doNothing()))
      counts.activities += added
      if (added === 0)
        continue
      const { id } = await trx.selectFrom('activities').select('id').where('key', '=', a.key).executeTakeFirstOrThrow()
      for (const [index, p] of (a.photos ?? []).entries()) {
        await trx.insertInto('activity_photos')
          .values({ activity_id: id, media_id: await picture(`activity:${a.key}`, index, p), sort_order: index })
          .execute()
      }
    }

    for (const e of enterprises) {
      if (!isValidUscc(e.uscc))
        throw new Error(`seed enterprise ${e.key}: invalid USCC ${e.uscc}`)
      const added = await inserted(trx.insertInto('enterprises').values({
        uscc: e.uscc,
        name: e.name,
        type: e.type,
        legal_representative: e.legalRepresentative,
        registered_capital: e.registeredCapital,
        established_on: e.establishedOn,
        address: e.address,
        business_scope: e.businessScope,
        status: e.status,
        contact_phone: e.contactPhone ?? null,
        updated_at: at,
        is_demo: 1,
      }).onConflict(oc => oc.column('uscc').doNothing()))
      counts.enterprises += added
      // A demo database from before firms had phones on file gets them too (its firms are still demo firms).
      if (!added && e.contactPhone) {
        await trx.updateTable('enterprises')
          .set({ contact_phone: e.contactPhone })
          .where('uscc', '=', e.uscc)
          .where('is_demo', '=', 1)
          .where('contact_phone', 'is', null)
          .execute()
      }
      if (added && e.records?.length) {
        const { id } = await trx.selectFrom('enterprises').select('id').where('uscc', '=', e.uscc).executeTakeFirstOrThrow()
        await trx.insertInto('credit_records').values(e.records.map(r => recordRow(r, { enterprise_id: id }, today, at))).execute()
        counts.records += e.records.length
      }
    }

    for (const p of persons) {
      const idNumber = normalizeIdNumber(p.idNumber)
      if (!isValidIdNumber(idNumber, now))
        throw new Error(`seed person ${p.key}: invalid ID number`)
      const streetId = streetIds.get(p.street)
      if (streetId === undefined)
        throw new Error(`seed person ${p.key}: unknown street ${p.street}`)
      const added = await inserted(trx.insertInto('persons').values({
        key: p.key,
        name: p.name,
        is_demo: 1,
        id_hash: keyedHash(secret, 'id', idNumber),
        id_masked: maskIdNumber(idNumber),
        birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        phone: p.phone,
        street_id: streetId,
        created_at: at,
      }).onConflict(oc => oc.column('key').doNothing()))
      counts.persons += added
      if (added && p.records.length) {
        const { id } = await trx.selectFrom('persons').select('id').where('key', '=', p.key).executeTakeFirstOrThrow()
        await trx.insertInto('credit_records').values(p.records.map(r => recordRow(r, { person_id: id }, today, at))).execute()
        counts.records += p.records.length
      }
    }

    for (const k of DEMO_KIOSKS) {
      const tokenHash = sha256(k.token)
      if (await trx.selectFrom('kiosks').select('id').where('token_hash', '=', tokenHash).executeTakeFirst())
        continue
      const { id } = await trx.insertInto('kiosks')
        .values({
          label: k.label,
          token_hash: tokenHash,
          exit_code_hash: '',
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.updateTable('kiosks').set({
        exit_code_hash: exitCodeHash(secret, id, k.exitCode),
      }).where('id', '=', id).execute()
      counts.kiosks++
    }

    const demoAccounts = [
      {
        username: DEMO_ADMIN.username,
        display_name: DEMO_ADMIN.displayName,
        role: 'admin' as const,
        street_id: null,
      },
      ...(await trx.selectFrom('streets').select(['id', 'key', 'name']).orderBy('sort_order').execute()).map(street => ({
        username: demoStaffUsername(street.key),
        display_name: `${street.name}工作人员（演示）`,
        role: 'staff' as const,
        street_id: street.id,
      })),
    ]
    for (const account of demoAccounts) {
      counts.accounts += await inserted(trx.insertInto('users')
        .values({
          ...account,
          password_hash: demoPasswordHash,
          created_at: at,
          updated_at: at,
        })
        .onConflict(oc => oc.column('username').doNothing()))
    }
    counts.cases = await seedDemoCases(trx, today, now)
    return counts
  })
}
