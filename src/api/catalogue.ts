// Typed access to the public catalogue endpoints. Types come from the server's TypeBox schemas.
import type {
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
  SearchResults,
  StreetDetail,
  StreetList,
} from '../../server/schemas/resources'
import type { RequestOptions } from './client'
import { get } from './client'

type Params<Q> = Partial<Q>

export function listBenefits(params: Params<BenefitQuery> = {}, options: RequestOptions = {}) {
  return get<BenefitList>('/benefits', { ...options, params })
}

export function getBenefit(id: number, options: RequestOptions = {}) {
  return get<Benefit>(`/benefits/${id}`, options)
}

export function countBenefitCategories(params: Params<BenefitCategoryQuery> = {}, options: RequestOptions = {}) {
  return get<BenefitCategoryCounts>('/benefits/categories', { ...options, params })
}

export function listArticles(params: Params<ArticleQuery> = {}, options: RequestOptions = {}) {
  return get<ArticleList>('/articles', { ...options, params })
}

export function listActivities(params: Params<ActivityQuery> = {}, options: RequestOptions = {}) {
  return get<ActivityList>('/activities', { ...options, params })
}

export function listStreets(options: RequestOptions = {}) {
  return get<StreetList>('/streets', options)
}

export function searchEnterprises(params: Params<EnterpriseQuery> = {}, options: RequestOptions = {}) {
  return get<EnterpriseList>('/enterprises', { ...options, params })
}

export function getArticle(id: number, options: RequestOptions = {}) {
  return get<Article>(`/articles/${id}`, options)
}

export function getActivity(id: number, options: RequestOptions = {}) {
  return get<Activity>(`/activities/${id}`, options)
}

export function getStreet(key: string, options: RequestOptions = {}) {
  return get<StreetDetail>(`/streets/${encodeURIComponent(key)}`, options)
}

/** Benefits, articles and activities matching one query, a few of each. */
export function searchAll(q: string, options: RequestOptions = {}) {
  return get<SearchResults>('/search', {
    ...options,
    params: { q },
  })
}
