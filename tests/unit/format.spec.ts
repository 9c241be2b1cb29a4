import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDistance } from '~/utils/format'

describe('date formatting', () => {
  it('should show a calendar date as the same day in any language', () => {
    expect(formatDate('2026-06-30', 'zh-CN')).toBe('2026年6月30日')
    expect(formatDate('2026-06-30', 'en')).toBe('June 30, 2026')
  })

  it('should show instants in Shanghai time whatever the device zone', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(formatDate('2026-03-14T16:30:00Z', 'zh-CN')).toBe('2026年3月15日')
    expect(formatDateTime('2026-03-15T09:00:00+08:00', 'zh-CN')).toBe('2026年3月15日 09:00')
    expect(formatDateTime('2026-03-14T16:05:00Z', 'en')).toBe('March 15, 2026 at 00:05')
  })

  it('should write dates and times as Intl does for Shanghai, across years, month ends and midnight', () => {
    const make = (locale: string, withTime: boolean) => new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      ...(withTime
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
        : {}),
    })
    const formats = new Map([
      'zh-CN|false',
      'zh-CN|true',
      'en|false',
      'en|true',
    ].map((key) => {
      const [locale, withTime] = key.split('|') as [string, string]
      return [
        key,
        make(locale, withTime === 'true'),
      ]
    }))
    const intl = (locale: string, withTime: boolean) => formats.get(`${locale}|${withTime}`)!
    // Every 37 hours and 11 minutes from 1992 to 2040: each hour of the day and each day of the month come round.
    for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2040, 0, 1); t += (37 * 60 + 11) * 60_000) {
      const value = new Date(t).toISOString()
      expect(formatDate(value, 'zh-CN'), value).toBe(intl('zh-CN', false).format(t))
      expect(formatDate(value, 'en'), value).toBe(intl('en', false).format(t))
      expect(formatDateTime(value, 'zh-CN'), value).toBe(intl('zh-CN', true).format(t))
      // English joins date and time with "at" or a comma depending on the ICU version: the parts must agree.
      expect(formatDateTime(value, 'en').replace(' at ', ', '), value).toBe(intl('en', true).format(t).replace(' at ', ', '))
    }
  })

  it('should return the input unchanged when it is not a date', () => {
    expect(formatDate('not a date', 'zh-CN')).toBe('not a date')
    expect(formatDateTime('2026-13-01T00:00:00Z', 'en')).toBe('2026-13-01T00:00:00Z')
  })
})

describe('distance formatting', () => {
  it('should round short distances to 10 m and longer ones to 0.1 km', () => {
    expect(formatDistance(347, 'zh-CN')).toBe('350 米')
    expect(formatDistance(3, 'en')).toBe('10 m')
    expect(formatDistance(1234, 'zh-CN')).toBe('1.2 公里')
    expect(formatDistance(15_600, 'en')).toBe('16 km')
  })
})
