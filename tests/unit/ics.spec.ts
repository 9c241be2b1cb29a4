import { describe, expect, it } from 'vitest'
import { toIcs } from '~/utils/ics'

const event = {
  uid: 'activity-7@credit-changning',
  title: '诚信宣传, 进社区; 第一场',
  startsAt: '2026-12-07T09:00:00+08:00',
  endsAt: '2026-12-07T11:30:00+08:00',
  location: '江苏路街道社区文化活动中心',
  description: '第一行\n第二行',
  url: 'https://app.example/activities/7',
}

describe('calendar file', () => {
  it('should describe the event in UTC with escaped text and CRLF lines', () => {
    const ics = toIcs(event, new Date('2026-11-29T00:00:00Z'))
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics).toContain('DTSTART:20261207T010000Z\r\n')
    expect(ics).toContain('DTEND:20261207T033000Z\r\n')
    expect(ics).toContain('SUMMARY:诚信宣传\\, 进社区\\; 第一场\r\n')
    expect(ics).toContain('DESCRIPTION:第一行\\n第二行')
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
  })

  it('should fold lines longer than 75 octets', () => {
    const ics = toIcs({
      ...event,
      description: '很长的说明'.repeat(20),
    })
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(ics).toMatch(/\r\n [^\r\n]/)
  })
})
