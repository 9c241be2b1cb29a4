import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preValidationHookHandler, RouteHandlerMethod } from 'fastify'
// Registers a route from its declaration in schemas/endpoints.ts: the schemas validate the input and serialise the
// answer (unknown fields stripped), and the declared access level is enforced by hooks, so handlers never check
// who is calling. Handlers get typed params, query, body and, where the level implies one, `request.account`
// (signed-in levels) or `request.origin` (personal and kiosk levels).
import type { Buffer } from 'node:buffer'
import type { Readable } from 'node:stream'
import type { Static, TSchema } from 'typebox'
import type { Account } from '../domain/account'
import type { KioskOrigin, RequestOrigin } from '../domain/origin'
import type { Access, EndpointSpec, ResultOf, SignedIn } from '../schemas/endpoint'
import { AppError } from '../errors'
import { ErrorBody } from '../schemas/common'
import { CSRF_HEADER, CSRF_VALUE } from '../schemas/endpoint'
import { sha256 } from './crypto'
import { isKiosk, requestOrigin } from './origin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The declaration a route was registered from (schemas/endpoints.ts). */
    endpoint?: EndpointSpec
  }
  interface FastifyRequest {
    /** The signed-in account, set by the access hook of signed-in levels (null elsewhere). */
    account: Account | null
    /** Who asks (app or kiosk), set by the access hook of the personal and kiosk levels (null elsewhere). */
    origin: RequestOrigin | null
    /** The department system delivering records, set by the access hook of the source level (null elsewhere). */
    source: { id: number, name: string } | null
    /** What a cached public handler answered, kept with its answer for the route's onCacheHit. */
    handlerResult: unknown
  }
}

type StaticOr<S, Fallback> = S extends TSchema ? Static<S> : Fallback

/** What a handler of this level is guaranteed to have on its request. */
type AccessContext<A extends Access> = A extends 'street'
  ? { account: Account & { streetId: number } }
  : A extends SignedIn
    ? { account: Account }
    : A extends 'kiosk'
      ? { origin: KioskOrigin }
      : A extends 'personal'
        ? { origin: RequestOrigin }
        : A extends 'source'
          ? { source: { id: number, name: string } }
          : object

export type EndpointRequest<E extends EndpointSpec> = FastifyRequest<{
  Params: StaticOr<E['params'], unknown>
  Querystring: StaticOr<E['query'], unknown>
  Body: E['upload'] extends readonly string[] ? (E['stream'] extends true ? Readable : Buffer) : StaticOr<E['body'], unknown>
}> & AccessContext<E['access']>

/** A handler answers with the declared result (sent with the declared status) or sends its own reply. */
export type EndpointHandler<E extends EndpointSpec> = (request: EndpointRequest<E>, reply: FastifyReply) => Promise<ResultOf<E> | FastifyReply>

const SIGNED_IN: readonly Access[] = ['session', 'staff', 'street', 'admin']
const CSRF_CHECKED: readonly Access[] = ['account', ...SIGNED_IN]

/** Changes need the X-Requested-With header: browsers send a custom header cross-site only after a CORS preflight, which this server never approves. */
const checkCsrf: onRequestHookHandler = async (request) => {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers[CSRF_HEADER] !== CSRF_VALUE)
    throw new AppError(403, 'CSRF_REJECTED')
}

/** Ajv's type coercion reads '0x10' as 16 and '1e1' as 10: ids and page numbers must be plain digits. */
const checkPlainIds: preValidationHookHandler = async (request) => {
  const sources = { params: request.params, querystring: request.query } as Record<string, Record<string, unknown> | undefined>
  for (const [part, values] of Object.entries(sources)) {
    for (const name of ['id', 'page', 'pageSize']) {
      const value = values?.[name]
      if (typeof value === 'string' && !/^\d{1,10}$/.test(value)) {
        throw new AppError(400, 'VALIDATION_FAILED', [
          { field: `${part}.${name}`, reason: 'must be a whole number' },
        ])
      }
    }
  }
}

/**
 * The hook that establishes who calls, for levels that need to know. It runs before the body is read and validated:
 * a stranger gets 401 from every signed-in endpoint, whatever they send, and learns nothing of its schema.
 */
function accessHook(app: FastifyInstance, access: Access): onRequestHookHandler | null {
  if (SIGNED_IN.includes(access)) {
    return async (request) => {
      const account = await app.sessions.current(request)
      if (!account)
        throw new AppError(401, 'UNAUTHENTICATED')
      // One whose password was reset may only see who they are and change it.
      if (account.mustChangePassword && access !== 'session')
        throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED')
      if (access === 'admin' && account.role !== 'admin')
        throw new AppError(403, 'FORBIDDEN')
      if (access === 'street' && (account.role !== 'staff' || account.streetId === null))
        throw new AppError(403, 'FORBIDDEN')
      request.account = account
    }
  }
  if (access === 'source') {
    return async (request) => {
      const token = /^Bearer ([\w-]{20,100})$/.exec(request.headers.authorization ?? '')?.[1]
      const source = token
        ? await app.repos.intake.sourceByTokenHash(sha256(token))
        : undefined
      if (!source)
        throw new AppError(401, 'SOURCE_UNKNOWN')
      request.source = { id: source.id, name: source.name }
    }
  }
  if (access === 'personal' || access === 'kiosk') {
    return async (request) => {
      const origin = await requestOrigin(app, request)
      if (access === 'kiosk' && !isKiosk(origin))
        throw new AppError(401, 'KIOSK_UNKNOWN')
      request.origin = origin
    }
  }
  return null
}

/** Registers the request decorations the access hooks fill in; once per app, before any route. */
export function decorateAccess(app: FastifyInstance): void {
  app.decorateRequest('account', null)
  app.decorateRequest('origin', null)
  app.decorateRequest('source', null)
  app.decorateRequest('handlerResult', null)
}

/** Refuses, at start-up, any route of this instance that was not registered from a declaration. */
export function requireDeclaredRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.config?.endpoint)
      throw new Error(`${String(route.method)} ${route.url}: every API route is declared in server/schemas/endpoints.ts and registered with serve()`)
  })
}

export interface ServeOptions<E extends EndpointSpec = EndpointSpec> {
  /** Largest request body in bytes, where it differs from the server's (photo uploads). */
  bodyLimit?: number
  /**
   * For a public read whose answer is kept in memory (server/plugins/answer-cache.ts): what to do each time the kept
   * answer is sent instead of running the handler (the benefit detail counts a view).
   */
  onCacheHit?: (result: ResultOf<E>) => Promise<void>
}

/** The OpenAPI security scheme of each level that needs one (app.ts declares the schemes). */
const SECURITY: Partial<Record<Access, string>> = {
  source: 'sourceToken',
  session: 'session',
  staff: 'session',
  street: 'session',
  admin: 'session',
}

/** Registers one declared endpoint on this (prefixed) instance. */
export function serve<E extends EndpointSpec>(app: FastifyInstance, spec: E, handler: EndpointHandler<E>, options: ServeOptions<E> = {}): void {
  const success = spec.status ?? (spec.response || spec.produces
    ? 200
    : 204)
  const response: Record<string, TSchema> = { '4xx': ErrorBody, ...spec.also }
  if (spec.response)
    response[success] = spec.response
  const access = accessHook(app, spec.access)
  const contentTypes = spec.upload
  if (contentTypes) {
    // Raw bodies are parsed where they are declared only (the plugin's own encapsulation context keeps it local).
    for (const type of contentTypes) {
      if (app.hasContentTypeParser(type))
        continue
      if (spec.stream) {
        // The raw request stream: the handler reads it (and enforces its own size limit) as it arrives.
        app.addContentTypeParser(type, (_request, payload, done) => {
          done(null, payload)
        })
      }
      else {
        app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => {
          done(null, body)
        })
      }
    }
  }
  // Public GET answers in JSON may be kept in memory and sent again (server/plugins/answer-cache.ts).
  const cached = spec.access === 'public' && spec.method === 'GET' && !spec.produces && app.hasDecorator('answers') && app.answers.enabled
  /** A kept answer, sent before anything else is done; otherwise the request is marked so its answer can be kept. */
  const fromCache: onRequestHookHandler = async (request, reply) => {
    const entry = app.answers.lookup(request)
    if (!entry)
      return app.answers.begin(request)
    await options.onCacheHit?.(entry.result as ResultOf<E>)
    return app.answers.send(reply, entry)
  }
  app.route({
    method: spec.method,
    url: spec.path,
    config: { endpoint: spec },
    ...(options.bodyLimit
      ? { bodyLimit: options.bodyLimit }
      : {}),
    schema: {
      // For the OpenAPI description: grouped by who may call, and how a caller proves it.
      tags: [spec.access],
      ...(SECURITY[spec.access]
        ? {
            security: [
              { [SECURITY[spec.access]!]: [] },
            ],
          }
        : {}),
      ...(spec.params
        ? { params: spec.params }
        : {}),
      ...(spec.query
        ? { querystring: spec.query }
        : {}),
      ...(spec.body
        ? { body: spec.body }
        : {}),
      ...(spec.produces
        ? {}
        : { response }),
    },
    // CSRF, then who calls, then validation: nothing about the input is answered to someone who may not call.
    onRequest: [
      ...(CSRF_CHECKED.includes(spec.access)
        ? [checkCsrf]
        : []),
      ...(access
        ? [access]
        : []),
      ...(cached
        ? [fromCache]
        : []),
    ],
    preValidation: [checkPlainIds],
    // Public data may be stored but must be revalidated; everything else is never stored by any cache.
    onSend: async (request, reply, payload) => {
      if (spec.access !== 'public') {
        reply.header('cache-control', 'no-store')
      }
      else if (!reply.hasHeader('cache-control')) {
        // Kept only when the route set no policy of its own (an answer computed from a position is no-store).
        if (cached && request.cacheGeneration >= 0)
          app.answers.keep(request, reply, payload, request.handlerResult)
        reply.header('cache-control', 'public, no-cache')
      }
      return payload
    },
    handler: (async (request: FastifyRequest, reply: FastifyReply) => {
      reply.code(success)
      // A reply is a thenable: a handler that sent its own (`return reply.send(…)`) resolves to undefined here,
      // once that answer is on its way. Declared results are never undefined (an empty answer is null).
      const result: unknown = await handler(request as EndpointRequest<E>, reply)
      if (cached && options.onCacheHit)
        request.handlerResult = result
      return result === undefined
        ? reply
        : reply.send(result)
    }) as RouteHandlerMethod,
  })
}
