// Typed access to the public catalogue endpoints. Types come from the server's TypeBox schemas.
import type {
  ActivityList,
  ActivityQuery,
  ArticleList,
  ArticleQuery,
  BenefitList,
  BenefitQuery,
  EnterpriseList,
  EnterpriseQuery,
  StreetList,
} from '../../server/schemas/resources'
import { get, type RequestOptions } from './client'

type Params<Q> = Partial<Q>

export const listBenefits = (params: Params<BenefitQuery> = {}, options: RequestOptions = {}) =>
  get<BenefitList>('/benefits', { ...options, params })

export const listArticles = (params: Params<ArticleQuery> = {}, options: RequestOptions = {}) =>
  get<ArticleList>('/articles', { ...options, params })

export const listActivities = (params: Params<ActivityQuery> = {}, options: RequestOptions = {}) =>
  get<ActivityList>('/activities', { ...options, params })

export const listStreets = (options: RequestOptions = {}) =>
  get<StreetList>('/streets', options)

export const searchEnterprises = (params: Params<EnterpriseQuery> = {}, options: RequestOptions = {}) =>
  get<EnterpriseList>('/enterprises', { ...options, params })
