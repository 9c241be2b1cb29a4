// What an endpoint declaration is, and the types both sides derive from one. The declarations themselves are in
// endpoints.ts; the server registers its routes from them (server/lib/serve.ts) and the app calls them through
// src/api/client.ts#call, so a path, its parameters and its answer cannot drift apart.
import type { Static, TSchema } from 'typebox'

/** Every change must carry this header with this value (CSRF: see server/lib/serve.ts). */
export const CSRF_HEADER = 'x-requested-with'
export const CSRF_VALUE = 'credit-changning'
/** An attachment to a case is uploaded under this header: the challenge token that proved who the applicant is. */
export const CASE_GRANT_HEADER = 'x-case-grant'
/** …and its file name, percent-encoded, in this one (a name may say whose it is: it stays out of the URL). */
export const CASE_FILE_NAME_HEADER = 'x-file-name'
/** A kiosk names itself on every request with its device token. */
export const KIOSK_HEADER = 'x-kiosk-token'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call an endpoint, and how its answers may be cached. One hook per level enforces it (server/lib/serve.ts).
 * - `public`: anyone; answers may be cached but are revalidated (`public, no-cache`) unless the route says otherwise.
 * - `personal`: anyone; personal or security-relevant, never stored (`no-store`); the handler gets `request.origin`.
 * - `kiosk`: a registered kiosk only (401 KIOSK_UNKNOWN), `no-store`; the handler gets `request.origin`.
 * - `account`: anyone, `no-store`, CSRF header on changes (signing in and out).
 * - `session`: signed in, even while a reset password still has to be changed; `no-store`, CSRF.
 * - `staff`: signed-in street staff or admin with a changed password; `no-store`, CSRF.
 * - `street`: signed-in street staff bound to a street (admins get 403); `no-store`, CSRF.
 * - `admin`: signed-in district admin; `no-store`, CSRF.
 * - `source`: a department system delivering 双公示 records, by its token (`Authorization: Bearer …`); `no-store`; the
 *   handler gets `request.source`. Not for browsers: no cookie is read, so no CSRF check is needed.
 */
export type Access = 'public' | 'personal' | 'kiosk' | 'account' | 'session' | 'staff' | 'street' | 'admin' | 'source'

/** The levels that need a signed-in account: their handlers get a typed `request.account`. */
export type SignedIn = 'session' | 'staff' | 'street' | 'admin'

export interface EndpointSpec {
  method: Method
  /** Path under /api, with `:name` parameters (Fastify's syntax). */
  path: string
  access: Access
  params?: TSchema
  query?: TSchema
  /** A JSON body. */
  body?: TSchema
  /** Instead of a JSON body, the raw bytes of one of these content types (photo uploads). */
  upload?: readonly string[]
  /** With `upload`: the handler gets the body as a stream, never held in memory whole (large data files). */
  stream?: true
  /** The success answer; absent for an empty one (204). */
  response?: TSchema
  /** The success status: 200 by default, 204 when there is neither a response nor a file. */
  status?: 200 | 201 | 204
  /** Other answers with their own body (4xx answers are the error envelope everywhere). */
  also?: Readonly<Record<number, TSchema>>
  /** The answer is a file of this type rather than JSON (CSV exports): linked to, not called. */
  produces?: string
  /**
   * A change that never alters what the public sees (a draft, a preview, an unattached upload): the server's cache
   * of public answers is kept (server/plugins/answer-cache.ts). Every other signed-in change empties it.
   */
  keepsPublic?: true
}

/** Keeps the literal types of a declaration (its schemas, method and access) for both sides to derive from. */
export function endpoint<const E extends EndpointSpec>(spec: E): E {
  return spec
}

/** The part of a declaration the app reads at run time (the rest is types only; see vite.config.ts). */
export type EndpointRoute = Pick<EndpointSpec, 'method' | 'path' | 'upload'>

type StaticOf<S> = S extends TSchema ? Static<S> : undefined

export type ParamsOf<E extends EndpointSpec> = StaticOf<E['params']>
export type QueryOf<E extends EndpointSpec> = StaticOf<E['query']>
export type BodyOf<E extends EndpointSpec> = E['upload'] extends readonly string[] ? Blob : StaticOf<E['body']>
/** What a successful call answers: the response schema's type, or null for an empty answer. */
export type ResultOf<E extends EndpointSpec> = E['response'] extends TSchema ? Static<E['response']> : null

/**
 * The arguments a caller passes: path parameters and body when the endpoint has them (required), the query when it
 * has one (optional, and every field optional: the server fills in defaults).
 */
export type ArgsOf<E extends EndpointSpec>
  = (E['params'] extends TSchema ? { params: ParamsOf<E> } : { params?: undefined })
    & (E['query'] extends TSchema ? { query?: Partial<QueryOf<E>> } : { query?: undefined })
    & (E['body'] extends TSchema ? { body: BodyOf<E> } : E['upload'] extends readonly string[] ? { body: Blob } : { body?: undefined })

/** True when a call needs no arguments at all. */
export type ArgsOptional<E extends EndpointSpec> = object extends ArgsOf<E> ? true : false

function isEndpoint(value: unknown): value is EndpointSpec {
  return typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'access' in value
}

/**
 * What the app's bundle gets instead of endpoints.ts: each endpoint reduced to what call() reads (method, path,
 * upload), plain constants kept as they are; no schema ships to the browser. `modules` holds one tiny module per
 * name and `index` re-exports them, so each chunk carries only the routes it calls.
 */
export function routeTable(declarations: Record<string, unknown>, idOf: (name: string) => string): { index: string, modules: Map<string, string> } {
  const modules = new Map<string, string>()
  for (const [name, value] of Object.entries(declarations)) {
    if (isEndpoint(value)) {
      const route: EndpointRoute = {
        method: value.method,
        path: value.path,
        ...(value.upload
          ? { upload: value.upload }
          : {}),
      }
      modules.set(name, `export const ${name} = ${JSON.stringify(route)}\n`)
    }
    else if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) {
      modules.set(name, `export const ${name} = ${JSON.stringify(value)}\n`)
    }
  }
  const index = [
    ...modules.keys(),
  ].map(name => `export { ${name} } from ${JSON.stringify(idOf(name))}`).join('\n')
  return { index: `// Generated from server/schemas/endpoints.ts at build time (vite.config.ts#contractRoutes).\n${index}\n`, modules }
}
