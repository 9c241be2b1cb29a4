// <input type="datetime-local"> speaks local wall time; activities happen in Shanghai whatever the device's zone.
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant → 'YYYY-MM-DDTHH:mm' in Shanghai time ('' for an invalid value). */
export function toShanghaiInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime()))
    return ''
  const p = Object.fromEntries(parts.formatToParts(date).map(x => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}

/** 'YYYY-MM-DDTHH:mm' (Shanghai time) → an ISO instant with the +08:00 offset. */
export function fromShanghaiInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)
    ? `${value}:00+08:00`
    : ''
}
