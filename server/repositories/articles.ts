import type { DB } from '../db/database'
import type { PageOf } from '../schemas/common'
import type { ArticleDetailEnglish } from '../schemas/english'
import type { Article, ArticleQuery, ArticleSummary } from '../schemas/resources'
import type { ListOptions } from './shared'
import { todayInShanghai } from '../lib/time'
import { mediaRef } from './media'
import { filterByText } from './search'
import { countUpTo, offset, parseEnglish, parseTags, streetRef } from './shared'

const SUMMARY_ENGLISH = ['title', 'summary', 'source'] as const

export function createArticleRepository(db: DB) {
  // Exposure cases vanish from every public answer once their disclosure period ends.
  const visible = (today: string) => db.selectFrom('articles')
    .leftJoin('streets', 'streets.id', 'articles.street_id')
    .leftJoin('media', 'media.id', 'articles.cover_media_id')
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
    'articles.is_demo',
    'articles.en',
    'streets.key as street_key',
    'streets.name as street_name',
    'streets.name_en as street_name_en',
    'media.name as cover_name',
    'media.alt as cover_alt',
    'media.width as cover_width',
    'media.height as cover_height',
  ] as const

  interface SummaryRow {
    id: number
    kind: string
    title: string
    summary: string
    source: string
    published_at: string
    disclosure_until: string | null
    tags: string
    is_demo: number
    en: string | null
    street_key: string | null
    street_name: string | null
    street_name_en: string | null
    cover_name: string | null
    cover_alt: string | null
    cover_width: number | null
    cover_height: number | null
  }
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
    cover: r.cover_name
      ? mediaRef({
          name: r.cover_name,
          alt: r.cover_alt ?? '',
          width: r.cover_width ?? 0,
          height: r.cover_height ?? 0,
        })
      : null,
    isDemo: r.is_demo === 1,
    en: parseEnglish<ArticleDetailEnglish>(r.en, SUMMARY_ENGLISH),
  })

  return {
    async list(query: ArticleQuery & { q?: string }, now = new Date(), options: ListOptions = {}): Promise<PageOf<ArticleSummary>> {
      let q = visible(todayInShanghai(now))
      if (query.kind)
        q = q.where('articles.kind', '=', query.kind)
      // A text filter counts its rows one way and may read its page another (search.ts textFilter).
      const { counted, paged } = await filterByText(db, 'articles', q, query.q?.trim(), query.page * query.pageSize)
      const counts = await countUpTo(db, counted, options.countCap)
      const rows = await paged.select(columns)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(query.pageSize)
        .offset(offset(query.page, query.pageSize))
        .execute()
      return {
        items: rows.map(toSummary),
        page: query.page,
        pageSize: query.pageSize,
        ...counts,
      }
    },

    async byId(id: number, now = new Date()): Promise<Article | undefined> {
      const r = await visible(todayInShanghai(now)).where('articles.id', '=', id).select([...columns, 'articles.body', 'articles.body_html']).executeTakeFirst()
      return r
        ? {
            ...toSummary(r),
            body: r.body,
            bodyHtml: r.body_html,
            en: parseEnglish<ArticleDetailEnglish>(r.en),
          }
        : undefined
    },
  }
}
export type ArticleRepository = ReturnType<typeof createArticleRepository>
