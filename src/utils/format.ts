// Dates are shown in Shanghai time whatever the device's zone: they are the district's dates. Shanghai has kept
// UTC+8 all year since 1991, so its calendar date and clock time are the instant moved on 8 hours and read as UTC.
// Written out here rather than through Intl.DateTimeFormat, whose first use with a time zone costs a phone some
// 30 ms of loading zone and calendar data while the page starts; the server renders the same text.
const SHANGHAI_OFFSET_MS = 8 * 3600_000
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

function shanghai(date: Date): { year: number, month: number, day: number, time: string } {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
  }
}

function dateText(date: Date, locale: string): string {
  const { year, month, day } = shanghai(date)
  return locale.startsWith('zh')
    ? `${year}年${month}月${day}日`
    : `${EN_MONTHS[month - 1]} ${day}, ${year}`
}

/** '2026-06-30' → 2026年6月30日 / June 30, 2026. A date-only value is a calendar date, not an instant. */
export function formatDate(value: string, locale: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = new Date(dateOnly
    ? `${value}T12:00:00+08:00`
    : value)
  if (Number.isNaN(date.getTime()))
    return value
  return dateText(date, locale)
}

/** An instant → 2026年3月15日 09:00 / March 15, 2026 at 09:00 (Shanghai time). */
export function formatDateTime(value: string, locale: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime()))
    return value
  const { time } = shanghai(date)
  return locale.startsWith('zh')
    ? `${dateText(date, locale)} ${time}`
    : `${dateText(date, locale)} at ${time}`
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
