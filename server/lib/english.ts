// The `en` column a record's English texts are stored in (schemas/english.ts): trimmed, a Markdown body stored with
// its rendered HTML (as the Chinese body is), and null when nothing is translated — the app then shows the Chinese
// original with a "中文" mark.
import { renderMarkdown } from './markdown'

type English = Record<string, string | readonly string[] | undefined>

/** The English texts to keep: trimmed, the empty ones left out, a body beside its HTML; null when none is left. */
export function cleanEnglish(en: English | undefined): Record<string, string | string[]> | null {
  if (!en)
    return null
  const kept: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(en)) {
    if (typeof value === 'string' && value.trim() !== '')
      kept[key] = value.trim()
    else if (Array.isArray(value) && value.length > 0)
      kept[key] = value.map((line: string) => line.trim())
  }
  if (typeof kept.body === 'string')
    kept.bodyHtml = renderMarkdown(kept.body)
  return Object.keys(kept).length > 0
    ? kept
    : null
}

export function englishColumn(en: English | undefined): string | null {
  const kept = cleanEnglish(en)
  return kept && JSON.stringify(kept)
}

/** The English texts as an editor reads them back: without the rendered HTML. */
export function englishInput<T extends object>(json: string | null): T | undefined {
  if (!json)
    return undefined
  const { bodyHtml: _html, ...rest } = JSON.parse(json) as T & { bodyHtml?: string }
  return rest as T
}
