import type { Static, TSchema } from 'typebox'
import { Type } from 'typebox'

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({
      field: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    }))),
    attemptsLeft: Type.Optional(Type.Integer()),
    retryAfterSeconds: Type.Optional(Type.Integer()),
  }),
}, { $id: 'ErrorBody' })
export type ErrorBody = Static<typeof ErrorBody>

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
}

export const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
})

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
    /** Present on public lists that matched more than they count (repositories/shared.ts COUNT_CAP): `total` is the cap. */
    totalCapped: Type.Optional(Type.Literal(true)),
  })
}

export interface PageOf<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
  /** More than `total` matched: counting stopped there. */
  totalCapped?: true
}

/** Free-text search: bounded so a 2 KB query is a 400, not a slow scan. */
export const SearchText = Type.String({ minLength: 1, maxLength: 50 })
