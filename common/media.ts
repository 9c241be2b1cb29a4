// Pictures at the sizes they are shown: besides its original, every picture is served at these widths (those not
// wider than the original), as WebP and as JPEG. The server writes them when a picture is uploaded or drawn and
// answers `<picture URL>/<width>.<format>`; the app builds `srcset` from the widths a MediaRef lists.

/** Thumbnails (96 CSS px at 2× and 3×), gallery tiles and phone-wide covers, and covers on wide screens. */
export const MEDIA_WIDTHS = [192, 288, 480, 960] as const
export type MediaWidth = typeof MEDIA_WIDTHS[number]
export const MEDIA_FORMATS = ['webp', 'jpg'] as const
export type MediaFormat = typeof MEDIA_FORMATS[number]

/** The variant part of a URL: `480.webp`. */
export const MEDIA_VARIANT = `^(?:${MEDIA_WIDTHS.join('|')})\\.(?:${MEDIA_FORMATS.join('|')})$`

/** The widths a picture of this width is served at. */
export function mediaWidths(width: number): MediaWidth[] {
  return MEDIA_WIDTHS.filter(w => w <= width)
}

export function mediaVariantUrl(url: string, width: number, format: MediaFormat): string {
  return `${url}/${width}.${format}`
}

/** `srcset` of a picture in one format: its variants, and the original when it is in that format and wider. */
export function mediaSrcset(media: { url: string, width: number, widths: readonly number[] }, format: MediaFormat): string {
  const entries = media.widths.map(w => `${mediaVariantUrl(media.url, w, format)} ${w}w`)
  const original = format === 'jpg'
    ? /\.jpg$/.test(media.url)
    : media.url.endsWith(`.${format}`)
  if (original && !media.widths.includes(media.width))
    entries.push(`${media.url} ${media.width}w`)
  return entries.join(', ')
}
