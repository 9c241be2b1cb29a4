// Markdown → HTML that is safe by construction: raw HTML is escaped (html: false) and links may only use
// http, https, mailto or tel. Everything else (javascript:, data:, vbscript:, relative-protocol tricks) stays text.
import MarkdownIt from 'markdown-it'

const ALLOWED_SCHEMES = /^(?:https?:|mailto:|tel:)/i

const md = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  breaks: false,
})
md.validateLink = (url: string) => ALLOWED_SCHEMES.test(url.trim())
// Images in bodies would load from anywhere; covers and photos are separate, vetted media.
md.disable(['image'])

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  const href = token.attrGet('href') ?? ''
  if (/^https?:/i.test(href)) {
    token.attrSet('target', '_blank')
    token.attrSet('rel', 'noopener noreferrer')
  }
  return defaultLinkOpen(tokens, idx, options, env, self)
}

export function renderMarkdown(source: string): string {
  return md.render(source)
}

/** The two columns a Markdown body is stored in: the source (for editing) and its HTML (for reading). */
export function bodyColumns(body: string): { body: string, body_html: string } {
  return {
    body,
    body_html: renderMarkdown(body),
  }
}
