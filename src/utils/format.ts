// Dates are shown in Shanghai time whatever the device's zone: they are the district's dates.
const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      ...(withTime
        ? { hour: '2-digit', minute: '2-digit', hour12: false }
        : {}),
    })
    cache.set(key, f)
  }
  return f
}

/** '2026-06-30' → 2026年6月30日 / June 30, 2026. A date-only value is a calendar date, not an instant. */
export function formatDate(value: string, locale: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = new Date(dateOnly
    ? `${value}T12:00:00+08:00`
    : value)
  if (Number.isNaN(date.getTime()))
    return value
  return formatter(locale, false).format(date)
}

export function formatDateTime(value: string, locale: string): string {
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? value
    : formatter(locale, true).format(date)
}

/** 350 → "350 米" / "350 m"; 1234 → "1.2 公里" / "1.2 km". */
export function formatDistance(metres: number, locale: string): string {
  const zh = locale.startsWith('zh')
  if (metres < 1000) {
    return zh
      ? `${Math.max(10, Math.round(metres / 10) * 10)} 米`
      : `${Math.max(10, Math.round(metres / 10) * 10)} m`
  }
  const km = metres < 10_000
    ? (Math.round(metres / 100) / 10).toFixed(1)
    : String(Math.round(metres / 1000))
  return zh
    ? `${km} 公里`
    : `${km} km`
}
