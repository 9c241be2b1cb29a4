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
    expect(formatDateTime('2026-03-15T09:00:00+08:00', 'zh-CN')).toContain('09:00')
  })

  it('should return the input unchanged when it is not a date', () => {
    expect(formatDate('not a date', 'zh-CN')).toBe('not a date')
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
