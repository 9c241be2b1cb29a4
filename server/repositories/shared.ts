import type { StreetRef } from '../schemas/resources'

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
