// Content management (district admins): one save for the editor, creating or updating as the item is new or not.
import type { ArticleInput, BenefitInput } from '#schemas/content'
import type { RequestOptions } from './client'
import * as endpoints from '#schemas/endpoints'
import { call } from './client'

export function saveArticle(id: number | null, body: ArticleInput, options: RequestOptions = {}) {
  return id === null
    ? call(endpoints.createArticle, { body }, options)
    : call(endpoints.updateArticle, {
        params: { id },
        body,
      }, options)
}

export function saveBenefit(id: number | null, body: BenefitInput, options: RequestOptions = {}) {
  return id === null
    ? call(endpoints.createBenefit, { body }, options)
    : call(endpoints.updateBenefit, {
        params: { id },
        body,
      }, options)
}
