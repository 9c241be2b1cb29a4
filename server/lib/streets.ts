// Street keys in request bodies: resolved to the row id, or a 400 that names the field.
import type { StreetRepository } from '../repositories/streets'
import { AppError } from '../errors'

/** The id of the street with this key; null for no street (null or undefined key); 400 for an unknown key. */
export async function streetIdOf(streets: StreetRepository, key: string | null | undefined, field = 'body.street'): Promise<number | null> {
  if (key === null || key === undefined)
    return null
  const id = await streets.idOf(key)
  if (id === undefined) {
    throw new AppError(400, 'VALIDATION_FAILED', [
      { field, reason: 'unknown street' },
    ])
  }
  return id
}
