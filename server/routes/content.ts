// Content management for district admins: articles and benefits, in every status. Changes go public when the item
// is published; every save is in the admin audit log. Street staff publish their own street's page here too.
import type { FastifyPluginAsync } from 'fastify'
import type { Account } from '../domain/account'
import type { ArticleInput, BenefitInput } from '../schemas/content'
import { AppError, found } from '../errors'
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

const routes: FastifyPluginAsync = async (app) => {
  const { content, streets, accounts } = app.repos
  const now = () => app.config.clock().toISOString()

  /**
   * Creates (id null) or updates an article or benefit: the item must exist to be updated, the input passes its
   * checks, the street key becomes its id; the save is audited and the item answered as stored.
   */
  async function saveItem<I extends { street: string | null, status: string }, T>(kind: 'article' | 'benefit', id: number | null, account: Account, input: I, item: {
    check: (input: I) => void
    save: (id: number | null, input: I & { streetId: number | null }, at: string) => Promise<number>
    read: (id: number) => Promise<T | undefined>
  }): Promise<T> {
    if (id !== null)
      found(await item.read(id))
    item.check(input)
    const at = now()
    const savedId = await item.save(id, { ...input, streetId: await streetIdOf(streets, input.street) }, at)
    await accounts.audit(account.id, `${kind}.${id === null
      ? 'create'
      : 'update'}`, at, `${kind}:${savedId}`, input.status)
    return found(await item.read(savedId))
  }
  const article = { check: checkArticle, save: content.saveArticle, read: content.article }
  const benefit = { check: checkBenefit, save: content.saveBenefit, read: content.benefit }

  serve(app, endpoints.adminArticles, async () => ({ items: await content.articles() }))
  serve(app, endpoints.adminArticle, async request => found(await content.article(request.params.id)))
  serve(app, endpoints.createArticle, async request => saveItem('article', null, request.account, request.body, article))
  serve(app, endpoints.updateArticle, async request => saveItem('article', request.params.id, request.account, request.body, article))

  serve(app, endpoints.adminBenefits, async () => ({ items: await content.benefits() }))
  serve(app, endpoints.adminBenefit, async request => found(await content.benefit(request.params.id)))
  serve(app, endpoints.createBenefit, async request => saveItem('benefit', null, request.account, request.body, benefit))
  serve(app, endpoints.updateBenefit, async request => saveItem('benefit', request.params.id, request.account, request.body, benefit))

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
