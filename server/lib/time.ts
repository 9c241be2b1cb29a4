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
