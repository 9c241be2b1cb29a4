import { describe, expect, it } from 'vitest'
import * as endpoints from '#schemas/endpoints'
import { hrefOf, pathOf } from '~/api/client'

describe('the app\'s view of the endpoint contract', () => {
  it('should ship only method and path of an endpoint, never its schemas', () => {
    expect(endpoints.benefit).toEqual({ method: 'GET', path: '/benefits/:id' })
    expect(endpoints.uploadPhoto).toEqual({
      method: 'POST',
      path: '/staff/media',
      upload: ['image/jpeg', 'image/webp', 'image/png'],
    })
  })

  it('should fill in path parameters, encoded, when a call names them', () => {
    expect(pathOf(endpoints.benefit, { id: 12 })).toBe('/benefits/12')
    expect(pathOf(endpoints.street, { key: 'a/b c' })).toBe('/streets/a%2Fb%20c')
    expect(pathOf(endpoints.statsCsv, { kind: 'reports' })).toBe('/admin/stats/reports.csv')
  })

  it('should refuse a call that leaves a path parameter out', () => {
    expect(() => pathOf(endpoints.benefit, {})).toThrow(/:id/)
  })

  it('should give links the full API address', () => {
    expect(hrefOf(endpoints.statsCsv, {
      params: { kind: 'activities' },
    })).toBe('/api/admin/stats/activities.csv')
  })
})
