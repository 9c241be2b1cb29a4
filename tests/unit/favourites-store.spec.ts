import type { BenefitSummary } from '#schemas/resources'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { STORAGE_KEYS } from '~/constants'
import { useFavouritesStore } from '~/stores/favourites'

function benefit(id: number, title = `措施 ${id}`): BenefitSummary {
  return {
    id,
    title,
    summary: '摘要',
    category: 'culture',
    audience: 'personal',
    provider: '长宁区图书馆',
    street: null,
    validTo: null,
    tags: ['图书馆'],
    updatedAt: '2026-11-01T00:00:00.000Z',
    distanceM: 120,
    isDemo: false,
  }
}

describe('favourites store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('should add a benefit on the first tap and remove it on the second', () => {
    const favourites = useFavouritesStore()
    expect(favourites.toggle(benefit(1))).toBe(true)
    expect(favourites.has(1)).toBe(true)
    expect(favourites.toggle(benefit(1))).toBe(false)
    expect(favourites.has(1)).toBe(false)
    expect(favourites.items).toEqual([])
  })

  it('should keep favourites on the device across app starts, newest first', async () => {
    const first = useFavouritesStore()
    first.add(benefit(1))
    first.add(benefit(2))
    await nextTick()
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.favourites)!)).toHaveLength(2)

    setActivePinia(createPinia())
    const again = useFavouritesStore()
    expect(again.items.map(f => f.id)).toEqual([2, 1])
    expect(again.items[0]).toMatchObject({ title: '措施 2', provider: '长宁区图书馆' })
  })

  it('should store only the public summary, not request-specific fields like distance', async () => {
    useFavouritesStore().add(benefit(3))
    await nextTick()
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEYS.favourites)!) as Record<string, unknown>[]
    expect(stored[0]).not.toHaveProperty('distanceM')
    expect(stored[0]).toHaveProperty('savedAt')
  })

  it('should not add the same benefit twice', () => {
    const favourites = useFavouritesStore()
    favourites.add(benefit(4))
    favourites.add(benefit(4))
    expect(favourites.items).toHaveLength(1)
  })

  it('should start empty when storage holds something unreadable', () => {
    localStorage.setItem(STORAGE_KEYS.favourites, '{not json')
    expect(useFavouritesStore().items).toEqual([])
    localStorage.setItem(STORAGE_KEYS.favourites, JSON.stringify([
      { id: 'x' },
      benefit(5),
    ]))
    setActivePinia(createPinia())
    expect(useFavouritesStore().items.map(f => f.id)).toEqual([5])
  })
})

describe('favourites saved from the detail page', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('should keep the whole public detail so it can be read offline', async () => {
    const favourites = useFavouritesStore()
    const detail = {
      ...benefit(7),
      offer: '免押金借阅',
      eligibility: '守信读者',
      rules: [
        { kind: 'noSeriousDishonesty' as const },
      ],
      claimSteps: ['到服务台办理'],
      documents: ['身份证'],
      venues: [],
      contact: '021-00000000',
      validFrom: '2025-01-01',
    }
    favourites.add(detail)
    await nextTick()
    setActivePinia(createPinia())
    const saved = useFavouritesStore().savedDetail(7)
    expect(saved).toMatchObject({
      id: 7,
      offer: '免押金借阅',
      claimSteps: ['到服务台办理'],
      distanceM: null,
    })
    expect(useFavouritesStore().savedDetail(8)).toBeUndefined()
  })
})
