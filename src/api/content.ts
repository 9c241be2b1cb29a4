// Content management (district admins): articles and benefits in every status.
import type { AdminArticle, AdminArticleList, AdminBenefit, AdminBenefitList, ArticleInput, BenefitInput } from '../../server/schemas/content'
import type { RequestOptions } from './client'
import { get, post, request } from './client'

export const listAdminArticles = (options: RequestOptions = {}) => get<AdminArticleList>('/admin/articles', options)
export const getAdminArticle = (id: number, options: RequestOptions = {}) => get<AdminArticle>(`/admin/articles/${id}`, options)
export function saveArticle(id: number | null, body: ArticleInput, options: RequestOptions = {}) {
  return id === null
    ? post<AdminArticle>('/admin/articles', body, options)
    : request<AdminArticle>({ method: 'PUT', url: `/admin/articles/${id}`, data: body }, options)
}

export const listAdminBenefits = (options: RequestOptions = {}) => get<AdminBenefitList>('/admin/benefits', options)
export const getAdminBenefit = (id: number, options: RequestOptions = {}) => get<AdminBenefit>(`/admin/benefits/${id}`, options)
export function saveBenefit(id: number | null, body: BenefitInput, options: RequestOptions = {}) {
  return id === null
    ? post<AdminBenefit>('/admin/benefits', body, options)
    : request<AdminBenefit>({ method: 'PUT', url: `/admin/benefits/${id}`, data: body }, options)
}
