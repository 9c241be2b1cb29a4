// Public, read-only catalogue endpoints. Anyone may read them; the service worker caches them (NetworkFirst).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { checkUscc, isValidUscc, normalizeUscc } from '../../common/codes/uscc'
import { looksLikeUscc } from '../../common/codes/uscc-decode'
import { AppError } from '../errors'
import { requirePlainIds } from '../lib/guards'
import { todayInShanghai } from '../lib/time'
import { ErrorBody, IdParams } from '../schemas/common'
import { EnterpriseProfile } from '../schemas/credit'
import {
  Activity,
  ActivityList,
  ActivityQuery,
  Article,
  ArticleList,
  ArticleQuery,
  Benefit,
  BenefitCategoryCounts,
  BenefitCategoryQuery,
  BenefitList,
  BenefitQuery,
  EnterpriseList,
  EnterpriseQuery,
  SearchQuery,
  SearchResults,
  StreetDetail,
  StreetList,
  StreetParams,
} from '../schemas/resources'

const errors = { 400: ErrorBody, 404: ErrorBody }

function found<T>(value: T | undefined): T {
  if (value === undefined)
    throw new AppError(404, 'NOT_FOUND')
  return value
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  async function assertStreet(key: string | undefined) {
    if (key !== undefined && !await app.repos.streets.exists(key)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.street', reason: 'unknown street' },
      ])
    }
  }

  requirePlainIds(app)

  // Public data may be stored, but must be revalidated so residents never see stale rules for long.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control'))
      reply.header('cache-control', 'public, no-cache')
  })

  app.get('/streets', {
    schema: {
      response: { 200: StreetList },
    },
  }, async () => app.repos.streets.list())
  app.get('/streets/:key', {
    schema: {
      params: StreetParams,
      response: { 200: StreetDetail, ...errors },
    },
  }, async request =>
    found(await app.repos.streets.byKey(request.params.key)))

  app.get('/benefits', {
    schema: {
      querystring: BenefitQuery,
      response: { 200: BenefitList, ...errors },
    },
  }, async (request, reply) => {
    const { lat, lng, sort, street } = request.query
    // A position is personal data: an answer computed from one is never stored by any cache.
    if (lat !== undefined || lng !== undefined)
      reply.header('cache-control', 'no-store')
    if ((lat === undefined) !== (lng === undefined)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        {
          field: lat === undefined
            ? 'querystring.lat'
            : 'querystring.lng',
          reason: 'lat and lng go together',
        },
      ])
    }
    if (sort === 'nearest' && lat === undefined) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.lat', reason: 'sort=nearest needs lat and lng' },
      ])
    }
    await assertStreet(street)
    return app.repos.benefits.list(request.query, app.config.clock())
  })
  app.get('/benefits/categories', {
    schema: {
      querystring: BenefitCategoryQuery,
      response: { 200: BenefitCategoryCounts, ...errors },
    },
  }, async (request) => {
    await assertStreet(request.query.street)
    return app.repos.benefits.categoryCounts(request.query, app.config.clock())
  })
  app.get('/benefits/:id', {
    schema: {
      params: IdParams,
      response: { 200: Benefit, ...errors },
    },
  }, async (request) => {
    const benefit = found(await app.repos.benefits.byId(request.params.id, app.config.clock()))
    await app.repos.stats.countBenefitView(benefit.id, todayInShanghai(app.config.clock()))
    return benefit
  })

  app.get('/articles', {
    schema: {
      querystring: ArticleQuery,
      response: { 200: ArticleList, ...errors },
    },
  }, async request =>
    app.repos.articles.list(request.query, app.config.clock()))
  app.get('/articles/:id', {
    schema: {
      params: IdParams,
      response: { 200: Article, ...errors },
    },
  }, async request =>
    found(await app.repos.articles.byId(request.params.id, app.config.clock())))

  app.get('/activities', {
    schema: {
      querystring: ActivityQuery,
      response: { 200: ActivityList, ...errors },
    },
  }, async (request) => {
    await assertStreet(request.query.street)
    return app.repos.activities.list(request.query)
  })
  app.get('/activities/:id', {
    schema: {
      params: IdParams,
      response: { 200: Activity, ...errors },
    },
  }, async request =>
    found(await app.repos.activities.byId(request.params.id)))

  // One search box on the home screen: benefits, articles and activities together, a few of each.
  app.get('/search', {
    schema: {
      querystring: SearchQuery,
      response: { 200: SearchResults, ...errors },
    },
  }, async (request) => {
    const q = request.query.q.trim()
    if (!q) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.q', reason: 'empty' },
      ])
    }
    const page = { page: 1, pageSize: 5 }
    const [benefits, articles, activities] = await Promise.all([
      app.repos.benefits.list({ ...page, q, sort: 'newest' }, app.config.clock()),
      app.repos.articles.list({ ...page, q }, app.config.clock()),
      app.repos.activities.list({ ...page, q }),
    ])
    const group = <T>(p: { items: T[], total: number }) => ({ items: p.items, total: p.total })
    return {
      q,
      benefits: group(benefits),
      articles: group(articles),
      activities: group(activities),
    }
  })

  // A code typed in full is checked (GB 32100-2015) before searching: a typo gets a clear answer, not "no results".
  app.get('/enterprises', {
    schema: {
      querystring: EnterpriseQuery,
      response: { 200: EnterpriseList, ...errors },
    },
  }, async (request) => {
    const q = request.query.q?.trim() ?? ''
    if (looksLikeUscc(q) && normalizeUscc(q).length >= 18 && !isValidUscc(q)) {
      throw new AppError(400, 'INVALID_USCC', [
        { field: 'querystring.q', reason: checkUscc(q) ?? 'invalid' },
      ])
    }
    return app.repos.enterprises.search(request.query)
  })
  app.get('/enterprises/:uscc', {
    schema: {
      params: Type.Object({
        uscc: Type.String({ minLength: 1, maxLength: 40 }),
      }),
      response: { 200: EnterpriseProfile, ...errors },
    },
  }, async (request) => {
    const problem = checkUscc(request.params.uscc)
    if (problem) {
      throw new AppError(400, 'INVALID_USCC', [
        { field: 'params.uscc', reason: problem },
      ])
    }
    const enterprise = found(await app.repos.enterprises.byUscc(normalizeUscc(request.params.uscc)))
    const asOf = todayInShanghai(app.config.clock())
    return {
      enterprise,
      records: await app.repos.credit.recordsOf({ enterpriseId: enterprise.id }, asOf),
      asOf,
    }
  })
}
export default routes
