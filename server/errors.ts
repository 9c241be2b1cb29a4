// The server's errors: AppError carries a status and a stable code (schemas/errors.ts); the errors plugin answers it
// in the envelope with the message in the caller's language.
import type { ErrorCode } from './schemas/errors'
import { ERROR_MESSAGES } from './schemas/errors'

export type { ErrorCode }

export type Lang = 'zh' | 'en'

/** Numbers a client can act on: how many tries remain, when to try again. */
export interface ErrorMeta {
  attemptsLeft?: number
  retryAfterSeconds?: number
}

/** An expected failure with an HTTP status and a stable code; thrown by handlers and repositories. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly details?: { field?: string, reason?: string }[],
    readonly meta?: ErrorMeta,
  ) {
    super(code)
    this.name = 'AppError'
  }
}

/** Picks the message language from Accept-Language: English only when preferred over Chinese. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage)
    return 'zh'
  const ranked = acceptLanguage.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.find(p => p.trim().startsWith('q='))
    return {
      tag,
      q: q
        ? Number(q.trim().slice(2)) || 0
        : 1,
      index,
    }
  }).filter(l => l.q > 0).sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh'))
      return 'zh'
    if (tag.startsWith('en'))
      return 'en'
  }
  return 'zh'
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_MESSAGES[code][lang]
}

/** The value, or a 404 NOT_FOUND when there is none. */
export function found<T>(value: T | undefined): T {
  if (value === undefined)
    throw new AppError(404, 'NOT_FOUND')
  return value
}
