// Content management for district admins: articles and benefits, in every status. Changes go public when the item
// is published; every save is in the admin audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { isRealDay, noStore, requireAdmin, requireCsrfHeader, requirePlainIds, requireUser } from '../lib/guards'
import { ErrorBody, IdParams } from '../schemas/common'
import { AdminArticle, AdminArticleList, AdminBenefit, AdminBenefitList, ArticleInput, BenefitInput, StreetProfileInput } from '../schemas/content'
import { StreetDetail, StreetParams } from '../schemas/resources'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  requireCsrfHeader(app)
  requirePlainIds(app)
  noStore(app)
  const content = app.repos.content

  async function streetIdOf(key: string | null): Promise<number | null> {
    const id = await content.streetId(key)
    if (id === undefined) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.street', reason: 'unknown street' },
      ])
    }
    return id
  }

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

  app.get('/admin/articles', {
    schema: {
      response: { 200: AdminArticleList, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    return { items: await content.articles() }
  })
  app.get('/admin/articles/:id', {
    schema: {
      params: IdParams,
      response: { 200: AdminArticle, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    const article = await content.article(request.params.id)
    if (!article)
      throw new AppError(404, 'NOT_FOUND')
    return article
  })
  app.post('/admin/articles', {
    schema: {
      body: ArticleInput,
      response: { 201: AdminArticle, ...errors },
    },
  }, async (request, reply) => {
    const admin = await requireAdmin(app, request)
    checkArticle(request.body)
    const at = app.config.clock().toISOString()
    const id = await content.saveArticle(null, { ...request.body, streetId: await streetIdOf(request.body.street) }, at)
    await app.repos.accounts.audit(admin.id, 'article.create', at, `article:${id}`, request.body.status)
    return reply.status(201).send((await content.article(id))!)
  })
  app.put('/admin/articles/:id', {
    schema: {
      params: IdParams,
      body: ArticleInput,
      response: { 200: AdminArticle, ...errors },
    },
  }, async (request) => {
    const admin = await requireAdmin(app, request)
    if (!await content.article(request.params.id))
      throw new AppError(404, 'NOT_FOUND')
    checkArticle(request.body)
    const at = app.config.clock().toISOString()
    await content.saveArticle(request.params.id, { ...request.body, streetId: await streetIdOf(request.body.street) }, at)
    await app.repos.accounts.audit(admin.id, 'article.update', at, `article:${request.params.id}`, request.body.status)
    return (await content.article(request.params.id))!
  })

  // A street's profile and practices: its own staff publish them directly (they answer for their street's page;
  // every change is in the audit log and an admin can correct it); admins may edit any street.
  app.put('/staff/streets/:key', {
    schema: {
      params: StreetParams,
      body: StreetProfileInput,
      response: { 200: StreetDetail, ...errors },
    },
  }, async (request) => {
    const user = await requireUser(app, request)
    const streetId = await content.streetId(request.params.key)
    if (streetId === undefined || streetId === null)
      throw new AppError(404, 'NOT_FOUND')
    if (user.role !== 'admin' && user.streetId !== streetId)
      throw new AppError(403, 'FORBIDDEN')
    const at = app.config.clock().toISOString()
    await content.saveStreetProfile(streetId, request.params.key, request.body)
    await app.repos.accounts.audit(user.id, 'street.update', at, `street:${request.params.key}`)
    return (await app.repos.streets.byKey(request.params.key))!
  })

  app.get('/admin/benefits', {
    schema: {
      response: { 200: AdminBenefitList, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    return { items: await content.benefits() }
  })
  app.get('/admin/benefits/:id', {
    schema: {
      params: IdParams,
      response: { 200: AdminBenefit, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    const benefit = await content.benefit(request.params.id)
    if (!benefit)
      throw new AppError(404, 'NOT_FOUND')
    return benefit
  })
  app.post('/admin/benefits', {
    schema: {
      body: BenefitInput,
      response: { 201: AdminBenefit, ...errors },
    },
  }, async (request, reply) => {
    const admin = await requireAdmin(app, request)
    checkBenefit(request.body)
    const at = app.config.clock().toISOString()
    const id = await content.saveBenefit(null, { ...request.body, streetId: await streetIdOf(request.body.street) }, at)
    await app.repos.accounts.audit(admin.id, 'benefit.create', at, `benefit:${id}`, request.body.status)
    return reply.status(201).send((await content.benefit(id))!)
  })
  app.put('/admin/benefits/:id', {
    schema: {
      params: IdParams,
      body: BenefitInput,
      response: { 200: AdminBenefit, ...errors },
    },
  }, async (request) => {
    const admin = await requireAdmin(app, request)
    if (!await content.benefit(request.params.id))
      throw new AppError(404, 'NOT_FOUND')
    checkBenefit(request.body)
    const at = app.config.clock().toISOString()
    await content.saveBenefit(request.params.id, { ...request.body, streetId: await streetIdOf(request.body.street) }, at)
    await app.repos.accounts.audit(admin.id, 'benefit.update', at, `benefit:${request.params.id}`, request.body.status)
    return (await content.benefit(request.params.id))!
  })
}
export default routes
