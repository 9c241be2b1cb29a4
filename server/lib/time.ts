// Dates that matter to residents are Shanghai calendar dates, whatever the server's own time zone.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today's date in Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now)
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString()
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A calendar date moved by whole months; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

/** Whole months from one date to another (0 when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return Math.max(0, (ty - fy) * 12 + tm - fm - (td < fd
    ? 1
    : 0))
}

/** Whole years from one date to another (an age). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return ty - fy - (tm < fm || (tm === fm && td < fd)
    ? 1
    : 0)
}

/**
 * Working days (Monday to Friday) after `from` up to and including `to`; 0 when `to` is not later. Public holidays
 * and their make-up working days are not known here, so around them the count is a day or two off.
 */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6)
      count++
  }
  return count
}

/** The date `days` working days (Monday to Friday) after `from`: a deadline counted the way the rules count it. */
export function addWorkingDays(from: string, days: number): string {
  let day = from
  for (let left = days; left > 0;) {
    day = addDays(day, 1)
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6)
      left--
  }
  return day
}

/** Working days from `today` until a deadline: 0 on the day itself, negative once it has passed. */
export function workingDaysLeft(today: string, due: string): number {
  return due >= today
    ? workingDaysBetween(today, due)
    : -workingDaysBetween(due, today)
}

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** An instant written the one way the activity times are stored: YYYY-MM-DDTHH:mm:ss+08:00 (sorts as text). */
export function toShanghaiIso(instant: Date): string {
  const p = Object.fromEntries(shanghaiParts.formatToParts(instant).map(x => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`
}

/** A calendar date that exists (2026-02-30 does not). */
export function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}
