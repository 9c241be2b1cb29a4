import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { Article, ArticleQuery, ArticleSummary } from '../schemas/resources'
import { todayInShanghai } from '../lib/time'
import { offset, parseTags, streetRef } from './shared'

export function createArticleRepository(db: DB) {
  // Exposure cases vanish from every public answer once their disclosure period ends.
  const visible = (today: string) => db.selectFrom('articles')
    .leftJoin('streets', 'streets.id', 'articles.street_id')
    .where('articles.status', '=', 'published')
    .where(eb => eb.or([
      eb('articles.disclosure_until', 'is', null),
      eb('articles.disclosure_until', '>=', today),
    ]))

  const columns = [
    'articles.id',
    'articles.kind',
    'articles.title',
    'articles.summary',
    'articles.source',
    'articles.published_at',
    'articles.disclosure_until',
    'articles.tags',
    'streets.key as street_key',
    'streets.name as street_name',
    'streets.name_en as street_name_en',
  ] as const

  interface SummaryRow { id: number, kind: string, title: string, summary: string, source: string, published_at: string, disclosure_until: string | null, tags: string, street_key: string | null, street_name: string | null, street_name_en: string | null }
  const toSummary = (r: SummaryRow): ArticleSummary => ({
    id: r.id,
    kind: r.kind as ArticleSummary['kind'],
    title: r.title,
    summary: r.summary,
    source: r.source,
    street: streetRef(r.street_key, r.street_name, r.street_name_en),
    publishedAt: r.published_at,
    disclosureUntil: r.disclosure_until,
    tags: parseTags(r.tags),
  })

  return {
    async list(query: ArticleQuery, now = new Date()): Promise<PageOf<ArticleSummary>> {
      let q = visible(todayInShanghai(now))
      if (query.kind)
        q = q.where('articles.kind', '=', query.kind)
      const { total } = await q.select(eb => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
      const rows = await q.select(columns)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      return {
        items: rows.map(toSummary),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(total),
      }
    },

    async byId(id: number, now = new Date()): Promise<Article | undefined> {
      const r = await visible(todayInShanghai(now)).where('articles.id', '=', id).select([...columns, 'articles.body']).executeTakeFirst()
      return r
        ? {
            ...toSummary(r),
            body: r.body,
          }
        : undefined
    },
  }
}
export type ArticleRepository = ReturnType<typeof createArticleRepository>
