// Kept free of runtime imports from axios, so the first screen can paint before the HTTP client loads.
import type { ErrorBody } from '#schemas/common'
import type { ErrorCode } from '#schemas/errors'

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'canceled'
/** The server's stable codes, and the client's own for failures that never reached it. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'CANCELED' | 'UNKNOWN' | `HTTP_${number}`

/** What every failed API call becomes: components and stores never look at Axios errors or envelopes. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | null,
    readonly code: ApiErrorCode,
    message: string,
    /** Numbers the server gives with some errors: tries left for a code, seconds to wait. */
    readonly meta: { attemptsLeft?: number, retryAfterSeconds?: number } = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type ErrorEnvelope = ErrorBody & { error: { code: ErrorCode } }

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined
}

/** The parts of an AxiosError we read (structural, so no runtime dependency on axios). */
interface AxiosLikeError {
  isAxiosError: true
  code?: string
  response?: { status: number, data: unknown }
}

function isEnvelope(data: unknown): data is ErrorEnvelope {
  if (typeof data !== 'object' || data === null || !('error' in data))
    return false
  const error = (data as { error: unknown }).error
  return typeof error === 'object' && error !== null
    && typeof (error as { code?: unknown }).code === 'string'
    && typeof (error as { message?: unknown }).message === 'string'
}

function isAxiosLike(error: unknown): error is AxiosLikeError {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true
}

/** Maps anything thrown by the HTTP client to an ApiError; `fallback` gives localised texts for transport errors. */
export function toApiError(error: unknown, fallback: { network: string, timeout: string, unknown: string }): ApiError {
  if (error instanceof ApiError)
    return error
  if (isAxiosLike(error) || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_CANCELED')) {
    const e = error as AxiosLikeError
    if (e.code === 'ERR_CANCELED')
      return new ApiError('canceled', null, 'CANCELED', 'canceled')
    if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT')
      return new ApiError('timeout', null, 'TIMEOUT', fallback.timeout)
    if (!e.response)
      return new ApiError('network', null, 'NETWORK', fallback.network)
    const { status, data } = e.response
    if (isEnvelope(data)) {
      const attemptsLeft = numberOrUndefined(data.error.attemptsLeft)
      const retryAfterSeconds = numberOrUndefined(data.error.retryAfterSeconds)
      return new ApiError('http', status, data.error.code, data.error.message, {
        ...(attemptsLeft === undefined
          ? {}
          : { attemptsLeft }),
        ...(retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds }),
      })
    }
    return new ApiError('http', status, `HTTP_${status}`, fallback.unknown)
  }
  return new ApiError('http', null, 'UNKNOWN', fallback.unknown)
}

/** True when the request never got an answer (no network, server unreachable, too slow): worth keeping and retrying. */
export function isOffline(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout')
}

/** What to tell the user about a failure: the server's (localised) message, or the error's own text. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError
    ? error.message
    : String(error)
}
