// Public, read-only catalogue endpoints. Anyone may read them; the service worker caches them (NetworkFirst).
import type { FastifyPluginAsync } from 'fastify'
import type { PageOf } from '../schemas/common'
import { checkUscc, isValidUscc, normalizeUscc } from '#common/codes/uscc'
import { looksLikeUscc } from '#common/codes/uscc-decode'
import { AppError, found } from '../errors'
import { serve } from '../lib/serve'
import { todayInShanghai } from '../lib/time'
import { PREVIEW_COUNT_CAP } from '../repositories/shared'
import * as endpoints from '../schemas/endpoints'

const routes: FastifyPluginAsync = async (app) => {
  const { repos } = app
  const now = () => app.config.clock()

  async function assertStreet(key: string | undefined) {
    if (key !== undefined && !await repos.streets.exists(key)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.street', reason: 'unknown street' },
      ])
    }
  }

  serve(app, endpoints.streets, async () => repos.streets.list())
  serve(app, endpoints.street, async request => found(await repos.streets.byKey(request.params.key)))

  serve(app, endpoints.benefits, async (request, reply) => {
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
    return repos.benefits.list(request.query, now())
  })
  serve(app, endpoints.benefitCategories, async (request) => {
    await assertStreet(request.query.street)
    return repos.benefits.categoryCounts(request.query, now())
  })
  // Each opening of a benefit page counts, whether its answer was kept in memory or read afresh.
  const countView = (id: number) => repos.stats.countBenefitView(id, todayInShanghai(now()))
  serve(app, endpoints.benefit, async (request) => {
    const benefit = found(await repos.benefits.byId(request.params.id, now()))
    await countView(benefit.id)
    return benefit
  }, {
    onCacheHit: benefit => countView(benefit.id),
  })

  serve(app, endpoints.articles, async request => repos.articles.list(request.query, now()))
  serve(app, endpoints.article, async request => found(await repos.articles.byId(request.params.id, now())))

  serve(app, endpoints.activities, async (request) => {
    await assertStreet(request.query.street)
    return repos.activities.list(request.query)
  })
  serve(app, endpoints.activity, async request => found(await repos.activities.byId(request.params.id)))

  // One search box on the home screen: benefits, articles and activities together, a few of each.
  serve(app, endpoints.search, async (request) => {
    const q = request.query.q.trim()
    if (!q) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.q', reason: 'empty' },
      ])
    }
    // A few of each, counted up to PREVIEW_COUNT_CAP: each group's own list counts further.
    const page = { page: 1, pageSize: 5 }
    const preview = { countCap: PREVIEW_COUNT_CAP }
    const [benefits, articles, activities] = await Promise.all([
      repos.benefits.list({ ...page, q, sort: 'newest' }, now(), preview),
      repos.articles.list({ ...page, q }, now(), preview),
      repos.activities.list({ ...page, q }, preview),
    ])
    const group = <T>({ items, total, totalCapped }: PageOf<T>) => ({
      items,
      total,
      ...(totalCapped && { totalCapped }),
    })
    return {
      q,
      benefits: group(benefits),
      articles: group(articles),
      activities: group(activities),
    }
  })

  // A code typed in full is checked (GB 32100-2015) before searching: a typo gets a clear answer, not "no results".
  serve(app, endpoints.enterprises, async (request) => {
    const q = request.query.q?.trim() ?? ''
    if (looksLikeUscc(q) && normalizeUscc(q).length >= 18 && !isValidUscc(q)) {
      throw new AppError(400, 'INVALID_USCC', [
        { field: 'querystring.q', reason: checkUscc(q) ?? 'invalid' },
      ])
    }
    return repos.enterprises.search(request.query)
  })
  serve(app, endpoints.enterprise, async (request) => {
    const problem = checkUscc(request.params.uscc)
    if (problem) {
      throw new AppError(400, 'INVALID_USCC', [
        { field: 'params.uscc', reason: problem },
      ])
    }
    const enterprise = found(await repos.enterprises.byUscc(normalizeUscc(request.params.uscc)))
    const asOf = todayInShanghai(now())
    return {
      enterprise,
      records: await repos.credit.recordsOf({ enterpriseId: enterprise.id }, asOf),
      asOf,
      updates: await repos.intake.updatesOf(enterprise.id),
    }
  })
}
export default routes
