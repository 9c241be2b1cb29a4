// Requests go through here: cancellation on navigation, error mapping, and listeners for failures.
import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import type { ApiError } from './errors'
import { i18n } from '~/modules/i18n'
import { toApiError } from './errors'

// axios (~22 KB gzip) loads in parallel with the first paint instead of blocking it.
let httpInstance: Promise<AxiosInstance> | undefined
function loadHttp(): Promise<AxiosInstance> {
  httpInstance ??= import('./http').then(m => m.http)
  return httpInstance
}

// GETs started for one page are aborted when the user navigates away (see router guard).
let navigation = new AbortController()
export function abortPendingNavigationRequests(): void {
  navigation.abort()
  navigation = new AbortController()
}

type Listener = (error: ApiError, silent: boolean) => void
const listeners = new Set<Listener>()
/** Subscribes to failed requests (the notifier and the connectivity store use this). */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const succeeded = new Set<() => void>()
export function onApiSuccess(listener: () => void): () => void {
  succeeded.add(listener)
  return () => succeeded.delete(listener)
}

export interface RequestOptions {
  params?: object
  /** The caller shows the error itself (e.g. a list with a retry button): don't pop a notification. */
  silent?: boolean
  /** Keep the request alive across navigation. */
  keepOnNavigate?: boolean
  signal?: AbortSignal
  /** Extra request headers (e.g. a kiosk token being checked at set-up). */
  headers?: Record<string, string>
}

export async function request<T>(config: AxiosRequestConfig, options: RequestOptions): Promise<T> {
  try {
    const http = await loadHttp()
    const response = await http.request<T>(config)
    succeeded.forEach(fn => fn())
    return response.data
  }
  catch (error) {
    const t = i18n.global.t
    const apiError = toApiError(error, {
      network: t('errors.network'),
      timeout: t('errors.timeout'),
      unknown: t('errors.unknown'),
    })
    if (apiError.kind !== 'canceled')
      listeners.forEach(fn => fn(apiError, options.silent ?? false))
    throw apiError
  }
}

export function get<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const signal = options.signal ?? (options.keepOnNavigate ? undefined : navigation.signal)
  return request<T>({
    method: 'GET',
    url,
    params: options.params,
    headers: options.headers,
    signal,
  }, options)
}

/** A POST is never aborted by navigation: what was sent should get its answer (the caller may pass a signal). */
export function post<T>(url: string, body: object, options: RequestOptions = {}): Promise<T> {
  return request<T>({
    method: 'POST',
    url,
    data: body,
    headers: options.headers,
    signal: options.signal,
  }, options)
}
