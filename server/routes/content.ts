// Content management for district admins: articles and benefits, in every status. Changes go public when the item
// is published; every save is in the admin audit log. Street staff publish their own street's page here too.
import type { FastifyPluginAsync } from 'fastify'
import type { ArticleInput, BenefitInput } from '../schemas/content'
import { AppError } from '../errors'
import { serve } from '../lib/serve'
import { streetIdOf } from '../lib/streets'
import { isRealDay } from '../lib/time'
import * as endpoints from '../schemas/endpoints'

function checkDays(days: Record<string, string | null>) {
  for (const [field, day] of Object.entries(days)) {
    if (day !== null && !isRealDay(day)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: `body.${field}`, reason: 'not a real date' },
      ])
    }
  }
}

function checkArticle(input: ArticleInput) {
  checkDays({ disclosureUntil: input.disclosureUntil })
  if (input.kind === 'exposure' && input.disclosureUntil === null) {
    throw new AppError(400, 'VALIDATION_FAILED', [
      { field: 'body.disclosureUntil', reason: 'an exposure case needs a disclosure end date' },
    ])
  }
}

function checkBenefit(input: BenefitInput) {
  checkDays({ validFrom: input.validFrom, validTo: input.validTo })
  if (input.validTo !== null && input.validTo < input.validFrom) {
    throw new AppError(400, 'VALIDATION_FAILED', [
      { field: 'body.validTo', reason: 'ends before it starts' },
    ])
  }
}

function found<T>(value: T | undefined): T {
  if (value === undefined)
    throw new AppError(404, 'NOT_FOUND')
  return value
}

const routes: FastifyPluginAsync = async (app) => {
  const { content, streets, accounts } = app.repos
  const now = () => app.config.clock().toISOString()

  serve(app, endpoints.adminArticles, async () => ({ items: await content.articles() }))
  serve(app, endpoints.adminArticle, async request => found(await content.article(request.params.id)))
  serve(app, endpoints.createArticle, async (request) => {
    const { body } = request
    checkArticle(body)
    const at = now()
    const id = await content.saveArticle(null, { ...body, streetId: await streetIdOf(streets, body.street) }, at)
    await accounts.audit(request.account.id, 'article.create', at, `article:${id}`, body.status)
    return found(await content.article(id))
  })
  serve(app, endpoints.updateArticle, async (request) => {
    const { body, params } = request
    found(await content.article(params.id))
    checkArticle(body)
    const at = now()
    await content.saveArticle(params.id, { ...body, streetId: await streetIdOf(streets, body.street) }, at)
    await accounts.audit(request.account.id, 'article.update', at, `article:${params.id}`, body.status)
    return found(await content.article(params.id))
  })

  serve(app, endpoints.adminBenefits, async () => ({ items: await content.benefits() }))
  serve(app, endpoints.adminBenefit, async request => found(await content.benefit(request.params.id)))
  serve(app, endpoints.createBenefit, async (request) => {
    const { body } = request
    checkBenefit(body)
    const at = now()
    const id = await content.saveBenefit(null, { ...body, streetId: await streetIdOf(streets, body.street) }, at)
    await accounts.audit(request.account.id, 'benefit.create', at, `benefit:${id}`, body.status)
    return found(await content.benefit(id))
  })
  serve(app, endpoints.updateBenefit, async (request) => {
    const { body, params } = request
    found(await content.benefit(params.id))
    checkBenefit(body)
    const at = now()
    await content.saveBenefit(params.id, { ...body, streetId: await streetIdOf(streets, body.street) }, at)
    await accounts.audit(request.account.id, 'benefit.update', at, `benefit:${params.id}`, body.status)
    return found(await content.benefit(params.id))
  })

  // A street's profile and practices: its own staff publish them directly (they answer for their street's page;
  // every change is in the audit log and an admin can correct it); admins may edit any street.
  serve(app, endpoints.updateStreet, async (request) => {
    const { account: user, params } = request
    const streetId = found(await streets.idOf(params.key))
    if (user.role !== 'admin' && user.streetId !== streetId)
      throw new AppError(403, 'FORBIDDEN')
    await content.saveStreetProfile(streetId, params.key, request.body)
    await accounts.audit(user.id, 'street.update', now(), `street:${params.key}`)
    return found(await streets.byKey(params.key))
  })
}
export default routes
