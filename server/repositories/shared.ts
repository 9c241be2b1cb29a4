import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { PageOf } from '../schemas/common'
import type { StreetRef } from '../schemas/resources'
import { sql } from 'kysely'

export function parseTags(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((t): t is string => typeof t === 'string')
    : []
}

/** A JSON array column; only this server writes them (rules are checked against their schema on write). */
export function parseJsonArray<T>(json: string): T[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value as T[]
    : []
}

/**
 * An `en` column: the English versions of a record's texts (written only by this server, checked against their
 * schema on the way in), or undefined when it has none. `keys` keeps only the fields a summary shows.
 */
export function parseEnglish<T extends object>(json: string | null, keys?: readonly (keyof T)[]): T | undefined {
  if (!json)
    return undefined
  const value = JSON.parse(json) as T
  if (!keys)
    return value
  const picked = Object.fromEntries(keys.filter(k => value[k] !== undefined).map(k => [k, value[k]])) as T
  return Object.keys(picked).length > 0
    ? picked
    : undefined
}

export function streetRef(key: string | null, name: string | null, nameEn: string | null): StreetRef | null {
  return key && name && nameEn
    ? { key, name, nameEn }
    : null
}

export function offset(page: number, pageSize: number): number {
  return (page - 1) * pageSize
}

/**
 * Public lists stop counting here: past it, a list says "more than 1,000" (`totalCapped`). A search of a district's
 * register may match all 200,000 firms, and counting them costs far more than reading the page; nobody pages
 * through a thousand results, they type more.
 */
export const COUNT_CAP = 1000

/**
 * A preview of a few matches (the unified search's groups) stops counting sooner: "more than 100" beside five
 * results tells as much as "more than 1,000", and the group's own list, one tap away, counts on to COUNT_CAP. A
 * common word's count was most of a unified search's cost (three groups, each finding up to 1,001 matches).
 */
export const PREVIEW_COUNT_CAP = 100

/** What a list may be asked beyond its filters: where to stop counting (COUNT_CAP unless said). */
export interface ListOptions {
  countCap?: number
}

/** A list's count as its answer says it: `n` rows counted up to `cap` + 1 are "more than `cap`" beyond it. */
export function cappedCount(n: number, cap = COUNT_CAP): Pick<PageOf<never>, 'total' | 'totalCapped'> {
  return n > cap
    ? { total: cap, totalCapped: true }
    : { total: n }
}

/** How many rows `query` (a select without columns) finds, counted up to `cap` and no further. */
export async function countUpTo<DB, TB extends keyof DB, O>(db: Kysely<DB>, query: SelectQueryBuilder<DB, TB, O>, cap = COUNT_CAP): Promise<Pick<PageOf<never>, 'total' | 'totalCapped'>> {
  const matches = query.select(sql<number>`1`.as('one')).limit(cap + 1)
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${matches}) AS matches`.execute(db)
  return cappedCount(Number(rows[0]?.n ?? 0), cap)
}
