// Every API call goes through call(): the endpoint's declaration (server/schemas/endpoints.ts) gives the method,
// the path and the argument and result types; here are cancellation on navigation, error mapping, and listeners.
import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import type { ArgsOf, ArgsOptional, EndpointRoute, EndpointSpec, ResultOf } from '#schemas/endpoint'
import type { ApiError } from './errors'
import { API_BASE_URL } from '~/constants'
import { i18n } from '~/modules/i18n'
import { toApiError } from './errors'
import { requestKey, resolvedNow, takePrefetchedAnswer } from './prefetched'

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
  /** The caller shows the error itself (e.g. a list with a retry button): don't pop a notification. */
  silent?: boolean
  /** Keep a GET alive across navigation. */
  keepOnNavigate?: boolean
  signal?: AbortSignal
  /** Extra request headers (e.g. a kiosk token being checked at set-up). */
  headers?: Record<string, string>
}

/** How a request is sent: by axios in the browser; server-side rendering passes its own (setTransport). */
export type Transport = (config: AxiosRequestConfig) => Promise<unknown>
let transport: Transport | null = null
/** Sends every request through `send` instead of axios (the server's renderer asks the API in-process); null: axios. */
export function setTransport(send: Transport | null): void {
  transport = send
}

async function request<T>(config: AxiosRequestConfig, options: RequestOptions): Promise<T> {
  try {
    if (transport)
      return await transport(config) as T
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

/** What call() reads of its arguments at run time (their types come from the declaration). */
interface LooseArgs {
  params?: Record<string, string | number>
  query?: object
  body?: unknown
}

/** The endpoint's path with its parameters filled in (encoded), relative to the API base. */
export function pathOf(endpoint: EndpointRoute, params: Record<string, string | number> = {}): string {
  return endpoint.path.replace(/:([a-z]\w*)/gi, (_, name: string) => {
    const value = params[name]
    if (value === undefined)
      throw new TypeError(`${endpoint.path}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
}

/** The full address of an endpoint that is linked to rather than called (a CSV download). */
export function hrefOf<E extends EndpointSpec>(endpoint: E, args: Pick<ArgsOf<E>, 'params'>): string {
  return `${API_BASE_URL}${pathOf(endpoint, (args as LooseArgs).params)}`
}

type CallArgs<E extends EndpointSpec> = ArgsOptional<E> extends true
  ? [args?: ArgsOf<E>, options?: RequestOptions]
  : [args: ArgsOf<E>, options?: RequestOptions]

/**
 * Calls a declared endpoint: `call(endpoints.benefit, { params: { id } })`. GETs started for a page are aborted when
 * the user navigates away (unless `keepOnNavigate`); anything else is never aborted by navigation: what was sent
 * should get its answer (the caller may pass a signal).
 */
export function call<E extends EndpointSpec>(endpoint: E, ...[args, options = {}]: CallArgs<E>): Promise<ResultOf<E>> {
  const { params, query, body } = (args ?? {}) as LooseArgs
  const isGet = endpoint.method === 'GET'
  const url = pathOf(endpoint, params)
  // The page came rendered by the server with this answer in it: the same data, at once (api/prefetched.ts).
  const prefetched = isGet
    ? takePrefetchedAnswer(requestKey(url, query))
    : undefined
  if (prefetched)
    return resolvedNow(prefetched.value as ResultOf<E>)
  const headers = endpoint.upload && body instanceof Blob
    ? { 'Content-Type': body.type || endpoint.upload[0]!, ...options.headers }
    : options.headers
  return request<ResultOf<E>>({
    method: endpoint.method,
    url,
    params: query,
    data: isGet
      ? undefined
      : body ?? {},
    headers,
    signal: options.signal ?? (isGet && !options.keepOnNavigate
      ? navigation.signal
      : undefined),
  }, options)
}
