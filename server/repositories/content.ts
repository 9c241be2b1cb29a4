// Articles and benefits as admins edit them: every status, every field, written back in one transaction.
import type { DB } from '../db/database'
import type { AdminArticle, AdminBenefit, ArticleInput, BenefitInput, StreetProfileInput } from '../schemas/content'
import type { ArticleKind, BenefitCategory } from '../schemas/domain'
import type { EligibilityRule } from '../schemas/eligibility'
import type { ArticleEnglish, BenefitEnglish } from '../schemas/english'
import { randomBytes } from 'node:crypto'
import { cleanEnglish, englishColumn, englishInput } from '../lib/english'
import { bodyColumns } from '../lib/markdown'
import { venueRow, venuesOf } from './benefits'
import { parseJsonArray, parseTags } from './shared'

const newKey = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`
/** The demo flag as sent: left as it is when not sent (a new record starts as real content). */
function demoColumn(isDemo: boolean | undefined) {
  return isDemo === undefined
    ? {}
    : {
        is_demo: isDemo ? 1 : 0,
      }
}
/** An item's English inside a JSON column (a street's figures): the same cleaning as an `en` column. */
function englishField(en: Record<string, string | undefined> | undefined) {
  const kept = cleanEnglish(en)
  return kept
    ? { en: kept }
    : {}
}

export function createContentRepository(db: DB) {
  const articleQuery = () => db.selectFrom('articles')
    .leftJoin('streets', 'streets.id', 'articles.street_id')
    .selectAll('articles')
    .select('streets.key as street_key')
  type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleQuery>['executeTakeFirstOrThrow']>>
  const toArticle = (r: ArticleRow): AdminArticle => ({
    id: r.id,
    kind: r.kind as ArticleKind,
    title: r.title,
    summary: r.summary,
    body: r.body,
    source: r.source,
    street: r.street_key,
    tags: parseTags(r.tags),
    disclosureUntil: r.disclosure_until,
    status: r.status,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    en: englishInput<ArticleEnglish>(r.en),
    isDemo: r.is_demo === 1,
  })

  const benefitQuery = () => db.selectFrom('benefits')
    .leftJoin('streets', 'streets.id', 'benefits.street_id')
    .selectAll('benefits')
    .select('streets.key as street_key')
  type BenefitRow = Awaited<ReturnType<ReturnType<typeof benefitQuery>['executeTakeFirstOrThrow']>>
  async function toBenefit(r: BenefitRow): Promise<AdminBenefit> {
    const venues = await venuesOf(db, r.id)
    return {
      id: r.id,
      title: r.title,
      summary: r.summary,
      category: r.category as BenefitCategory,
      audience: r.audience,
      provider: r.provider,
      street: r.street_key,
      offer: r.offer,
      eligibility: r.eligibility,
      rules: parseJsonArray<EligibilityRule>(r.rules),
      claimSteps: parseJsonArray<string>(r.claim_steps),
      documents: parseJsonArray<string>(r.documents),
      venues,
      contact: r.contact,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      tags: parseTags(r.tags),
      status: r.status,
      updatedAt: r.updated_at,
      en: englishInput<BenefitEnglish>(r.en),
      isDemo: r.is_demo === 1,
    }
  }

  return {
    async articles(): Promise<AdminArticle[]> {
      return (await articleQuery().orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').execute()).map(toArticle)
    },
    async article(id: number): Promise<AdminArticle | undefined> {
      const r = await articleQuery().where('articles.id', '=', id).executeTakeFirst()
      return r && toArticle(r)
    },
    /** Saves an article; whenever it goes (back) to published, that moment becomes its publication time. */
    async saveArticle(id: number | null, input: ArticleInput & { streetId: number | null }, at: string): Promise<number> {
      const values = {
        kind: input.kind,
        title: input.title.trim(),
        summary: input.summary.trim(),
        ...bodyColumns(input.body),
        source: input.source.trim(),
        street_id: input.streetId,
        tags: JSON.stringify(input.tags),
        disclosure_until: input.disclosureUntil,
        status: input.status,
        updated_at: at,
        en: englishColumn(input.en),
        ...demoColumn(input.isDemo),
      }
      if (id === null) {
        const row = await db.insertInto('articles').values({
          ...values,
          key: newKey('article'),
          published_at: at,
        }).returning('id').executeTakeFirstOrThrow()
        return row.id
      }
      const before = await db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      await db.updateTable('articles')
        .set({
          ...values,
          ...(before.status !== 'published' && input.status === 'published'
            ? { published_at: at }
            : {}),
        })
        .where('id', '=', id)
        .execute()
      return id
    },

    /** Replaces a street's profile and its demonstration practices in one go. */
    async saveStreetProfile(streetId: number, streetKey: string, input: StreetProfileInput) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('streets').set({
          intro: input.intro.trim(),
          address: input.address.trim(),
          phone: input.phone.trim(),
          figures: JSON.stringify(input.figures.map(({ en, ...f }) => ({
            ...f,
            ...englishField(en),
          }))),
          en: englishColumn(input.en),
          ...demoColumn(input.isDemo),
        }).where('id', '=', streetId).execute()
        await trx.deleteFrom('street_practices').where('street_id', '=', streetId).execute()
        for (const [index, p] of input.practices.entries()) {
          await trx.insertInto('street_practices').values({
            key: `${streetKey}-${index + 1}-${randomBytes(3).toString('hex')}`,
            street_id: streetId,
            sort_order: index,
            title: p.title.trim(),
            what: p.what.trim(),
            results: p.results.trim(),
            en: englishColumn(p.en),
          }).execute()
        }
      })
    },

    async benefits(): Promise<AdminBenefit[]> {
      const rows = await benefitQuery().orderBy('benefits.updated_at', 'desc').orderBy('benefits.id', 'desc').execute()
      return Promise.all(rows.map(toBenefit))
    },
    async benefit(id: number): Promise<AdminBenefit | undefined> {
      const r = await benefitQuery().where('benefits.id', '=', id).executeTakeFirst()
      return r && toBenefit(r)
    },
    async saveBenefit(id: number | null, input: BenefitInput & { streetId: number | null }, at: string): Promise<number> {
      const values = {
        title: input.title.trim(),
        summary: input.summary.trim(),
        category: input.category,
        audience: input.audience,
        provider: input.provider.trim(),
        street_id: input.streetId,
        offer: input.offer.trim(),
        eligibility: input.eligibility.trim(),
        rules: JSON.stringify(input.rules),
        claim_steps: JSON.stringify(input.claimSteps.map(s => s.trim())),
        documents: JSON.stringify(input.documents.map(s => s.trim())),
        contact: input.contact.trim(),
        valid_from: input.validFrom,
        valid_to: input.validTo,
        tags: JSON.stringify(input.tags),
        status: input.status,
        updated_at: at,
        en: englishColumn(input.en),
        ...demoColumn(input.isDemo),
      }
      return db.transaction().execute(async (trx) => {
        let benefitId = id
        if (benefitId === null) {
          const row = await trx.insertInto('benefits').values({
            ...values,
            key: newKey('benefit'),
            created_at: at,
          }).returning('id').executeTakeFirstOrThrow()
          benefitId = row.id
        }
        else {
          await trx.updateTable('benefits').set(values).where('id', '=', benefitId).execute()
          await trx.deleteFrom('benefit_venues').where('benefit_id', '=', benefitId).execute()
        }
        for (const [index, v] of input.venues.entries()) {
          await trx.insertInto('benefit_venues').values(venueRow(benefitId, index, v)).execute()
        }
        return benefitId
      })
    },
  }
}
export type ContentRepository = ReturnType<typeof createContentRepository>
