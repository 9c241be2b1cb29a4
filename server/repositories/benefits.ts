import type { Insertable } from 'kysely'
import type { DB } from '../db/database'
import type { BenefitVenueTable } from '../db/schema'
import type { PageOf } from '../schemas/common'
import type { BENEFIT_CATEGORIES } from '../schemas/domain'
import type { EligibilityRule, Venue } from '../schemas/eligibility'
import type { BenefitEnglish, BenefitSummaryEnglish, VenueEnglish } from '../schemas/english'
import type { Benefit, BenefitCategoryCounts, BenefitCategoryQuery, BenefitQuery, BenefitSummary } from '../schemas/resources'
import type { ListOptions } from './shared'
import { sql } from 'kysely'
import { englishColumn } from '../lib/english'
import { todayInShanghai } from '../lib/time'
import { filterByText } from './search'
import { countUpTo, offset, parseEnglish, parseJsonArray, parseTags, streetRef } from './shared'

type Category = typeof BENEFIT_CATEGORIES[number]
const SUMMARY_ENGLISH = ['title', 'summary', 'provider'] as const
type Filters = Pick<BenefitQuery, 'audience' | 'street' | 'q' | 'category'>

/** A benefit's venues in their set order, each with its English name and hours when staff wrote them. */
export async function venuesOf(db: DB, benefitId: number): Promise<Venue[]> {
  const rows = await db.selectFrom('benefit_venues')
    .select([
      'name',
      'address',
      'hours',
      'phone',
      'lat',
      'lng',
      'en',
    ])
    .where('benefit_id', '=', benefitId)
    .orderBy('sort_order')
    .execute()
  return rows.map(({ en, ...venue }) => ({
    ...venue,
    en: parseEnglish<VenueEnglish>(en),
  }))
}

/** A venue as a row of benefit_venues. */
export function venueRow(benefitId: number, index: number, v: Venue): Insertable<BenefitVenueTable> {
  return {
    benefit_id: benefitId,
    sort_order: index,
    name: v.name,
    address: v.address,
    hours: v.hours,
    phone: v.phone,
    lat: v.lat,
    lng: v.lng,
    en: englishColumn(v.en),
  }
}

/** Near me looks within these distances of the resident in turn before measuring every benefit. */
const NEAR_RADII_M = [300, 1200, 4800] as const
/** Up to this many benefits, near me measures them all without looking in circles first. */
export const NEAR_MEASURE_ALL = 200
/** Metres in a degree of latitude (and, times the cosine of the latitude, of longitude). */
const METRES_PER_DEGREE = 111_320

export function createBenefitRepository(db: DB) {
  /**
   * Public view (published, not expired in Shanghai dates) narrowed by the list filters: `counted` holds them all;
   * `paged`, the same rows, is the cheaper query to read a page ending at row `pageEnd` in the list's newest-first
   * order (search.ts textFilter).
   */
  async function filtered(filters: Filters, now: Date, pageEnd = 0) {
    const today = todayInShanghai(now)
    // The benefits alone, their street joined only for the columns a page shows: a count then reads the category's
    // index alone (024), which holds each benefit's status, category and dates, but not its street.
    let q = db.selectFrom('benefits')
      .where('benefits.status', '=', 'published')
      .where('benefits.valid_from', '<=', today)
      .where(eb => eb.or([
        eb('benefits.valid_to', 'is', null),
        eb('benefits.valid_to', '>=', today),
      ]))
    if (filters.category)
      q = q.where('benefits.category', '=', filters.category)
    if (filters.audience) {
      q = q.where('benefits.audience', 'in', filters.audience === 'both'
        ? ['both']
        : [filters.audience, 'both'])
    }
    if (filters.street) {
      const street = filters.street
      // A street filter keeps district-wide measures: they apply in every street.
      q = q.where(eb => eb.or([
        eb('benefits.street_id', 'in', eb.selectFrom('streets').select('streets.id').where('streets.key', '=', street)),
        eb('benefits.street_id', 'is', null),
      ]))
    }
    // Tags count by their words, not the JSON punctuation around them (016, 022).
    return filterByText(db, 'benefits', q, filters.q?.trim(), pageEnd)
  }

  return {
    async list(query: BenefitQuery, now = new Date(), options: ListOptions = {}): Promise<PageOf<BenefitSummary>> {
      const { counted: q, paged } = await filtered(query, now, query.page * query.pageSize)
      const counted = await countUpTo(db, q, options.countCap)
      const point = query.lat !== undefined && query.lng !== undefined
        ? { lat: query.lat, lng: query.lng }
        : null
      const columns = [
        'benefits.id',
        'benefits.title',
        'benefits.summary',
        'benefits.category',
        'benefits.audience',
        'benefits.provider',
        'benefits.valid_to',
        'benefits.tags',
        'benefits.updated_at',
        'benefits.is_demo',
        'benefits.en',
        'streets.key as street_key',
        'streets.name as street_name',
        'streets.name_en as street_name_en',
      ] as const
      const withStreet = (list: typeof q) => list.leftJoin('streets', 'streets.id', 'benefits.street_id')
      const rows = withStreet(q).select(columns)
      const page = (q: typeof rows) => q
        .orderBy('benefits.updated_at', 'desc')
        .orderBy('benefits.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      let items: Awaited<ReturnType<typeof page>> | undefined
      if (query.sort === 'nearest' && point) {
        // Ordered by a flat-earth nearness computed in SQL (a district is small enough for it to order like the
        // true distance), in degrees of latitude squared; the true distance is computed for the page alone.
        const k = Math.cos(point.lat * Math.PI / 180)
        const flat = (lat: string, lng: string) => sql<number>`(${sql.ref(lat)} - ${point.lat}) * (${sql.ref(lat)} - ${point.lat}) + ((${sql.ref(lng)} - ${point.lng}) * ${k}) * ((${sql.ref(lng)} - ${point.lng}) * ${k})`
        const nearness = sql<number>`(select min(${flat('v.lat', 'v.lng')}) from benefit_venues v where v.benefit_id = benefits.id)`
        // Benefits without a venue last (a nearness no venue can have).
        const byNearness = rows.orderBy(sql`coalesce(${nearness}, 1e9)`)
        // First within a circle around the resident, its box read from the venues' place index: when the circle
        // holds a whole page, nothing outside it can come before, so the page is the one measuring everything would
        // give. Otherwise a wider circle, and at last every benefit. A catalogue of a few hundred is measured whole.
        // In a circle, a benefit's nearest venue is its nearest in the box (every venue outside the box is farther
        // than the circle's edge): the box's venues, grouped by benefit, give each benefit's nearness at once.
        if (counted.total > NEAR_MEASURE_ALL) {
          for (const metres of NEAR_RADII_M) {
            const r = metres / METRES_PER_DEGREE
            const inBox = db.selectFrom('benefit_venues')
              .select([
                'benefit_venues.benefit_id',
                sql<number>`min(${flat('benefit_venues.lat', 'benefit_venues.lng')})`.as('nearness'),
              ])
              .where('benefit_venues.lat', '>=', point.lat - r)
              .where('benefit_venues.lat', '<=', point.lat + r)
              .where('benefit_venues.lng', '>=', point.lng - r / k)
              .where('benefit_venues.lng', '<=', point.lng + r / k)
              .groupBy('benefit_venues.benefit_id')
              .as('near')
            const found = await withStreet(q)
              .innerJoin(inBox, 'near.benefit_id', 'benefits.id')
              .where('near.nearness', '<=', r * r)
              .select(columns)
              .orderBy('near.nearness')
              .orderBy('benefits.updated_at', 'desc')
              .orderBy('benefits.id', 'desc')
              .limit(query.pageSize)
              .offset(offset(query.page, query.pageSize))
              .execute()
            if (found.length === query.pageSize) {
              items = found
              break
            }
          }
        }
        items ??= await page(byNearness)
      }
      // Newest first, the page may be read in that order rather than from every match (search.ts textFilter).
      items ??= await page(withStreet(paged).select(columns))
      const distances = new Map<number, number>()
      if (point && items.length > 0) {
        const nearest = await db.selectFrom('benefit_venues')
          .select([
            'benefit_id',
            sql<number>`min(distance_m(lat, lng, ${point.lat}, ${point.lng}))`.as('metres'),
          ])
          .where('benefit_id', 'in', items.map(r => r.id))
          .groupBy('benefit_id')
          .execute()
        for (const n of nearest)
          distances.set(n.benefit_id, n.metres)
      }
      return {
        items: items.map(r => ({
          id: r.id,
          title: r.title,
          summary: r.summary,
          category: r.category as Category,
          audience: r.audience,
          provider: r.provider,
          street: streetRef(r.street_key, r.street_name, r.street_name_en),
          validTo: r.valid_to,
          tags: parseTags(r.tags),
          updatedAt: r.updated_at,
          distanceM: distances.has(r.id)
            ? Math.round(distances.get(r.id)!)
            : null,
          isDemo: r.is_demo === 1,
          en: parseEnglish<BenefitSummaryEnglish>(r.en, SUMMARY_ENGLISH),
        })),
        page: query.page,
        pageSize: query.pageSize,
        ...counted,
      }
    },

    /** How many public benefits each category holds under the other filters (for the filter bar). */
    async categoryCounts(query: BenefitCategoryQuery, now = new Date()): Promise<BenefitCategoryCounts> {
      const rows = await (await filtered(query, now)).counted.select([
        'benefits.category',
        eb => eb.fn.countAll<number>().as('count'),
      ]).groupBy('benefits.category').execute()
      const items = rows.map(r => ({
        category: r.category as Category,
        count: Number(r.count),
      }))
      return {
        items,
        total: items.reduce((n, i) => n + i.count, 0),
      }
    },

    /** Every public benefit addressed to this audience, with its rules: for evaluating who qualifies. */
    async withRules(audience: 'personal' | 'enterprise', now = new Date()) {
      const rows = await (await filtered({ audience }, now)).counted.select([
        'benefits.id',
        'benefits.title',
        'benefits.category',
        'benefits.provider',
        'benefits.street_id',
        'benefits.rules',
        'benefits.en',
      ]).orderBy('benefits.category').orderBy('benefits.id').execute()
      return rows.map(r => ({
        id: r.id,
        title: r.title,
        category: r.category as Category,
        provider: r.provider,
        streetId: r.street_id,
        rules: parseJsonArray<EligibilityRule>(r.rules),
        en: parseEnglish<BenefitSummaryEnglish>(r.en, ['title', 'provider']),
      }))
    },

    async byId(id: number, now = new Date()): Promise<Benefit | undefined> {
      const { counted: visible } = await filtered({}, now)
      const r = await visible
        .leftJoin('streets', 'streets.id', 'benefits.street_id')
        .where('benefits.id', '=', id)
        .selectAll('benefits')
        .select(['streets.key as street_key', 'streets.name as street_name', 'streets.name_en as street_name_en'])
        .executeTakeFirst()
      if (!r)
        return undefined
      const venues = await venuesOf(db, id)
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        category: r.category as Category,
        audience: r.audience,
        provider: r.provider,
        street: streetRef(r.street_key, r.street_name, r.street_name_en),
        validFrom: r.valid_from,
        validTo: r.valid_to,
        offer: r.offer,
        eligibility: r.eligibility,
        rules: parseJsonArray<EligibilityRule>(r.rules),
        claimSteps: parseJsonArray<string>(r.claim_steps),
        documents: parseJsonArray<string>(r.documents),
        venues,
        contact: r.contact,
        tags: parseTags(r.tags),
        updatedAt: r.updated_at,
        distanceM: null,
        isDemo: r.is_demo === 1,
        en: parseEnglish<BenefitEnglish>(r.en),
      }
    },
  }
}
export type BenefitRepository = ReturnType<typeof createBenefitRepository>
