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

export function streetRef(key: string | null, name: string | null, nameEn: string | null): StreetRef | null {
  return key && name && nameEn
    ? { key, name, nameEn }
    : null
}

export function offset(page: number, pageSize: number): number {
  return (page - 1) * pageSize
}
