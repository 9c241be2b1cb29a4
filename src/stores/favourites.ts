import type { Benefit, BenefitSummary } from '#schemas/resources'
import { useLocalStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { STORAGE_KEYS } from '~/constants'

/**
 * What we keep of a favourite: the public summary, so the list shows offline, and — when saved from the
 * detail page — the whole public detail, so it opens offline even after the service worker's cache expired.
 */
export type FavouriteBenefit = Omit<BenefitSummary, 'distanceM'> & { savedAt: string, detail?: Omit<Benefit, 'distanceM'> }

const MAX_FAVOURITES = 200

function isFavourite(value: unknown): value is FavouriteBenefit {
  if (typeof value !== 'object' || value === null)
    return false
  const v = value as Record<string, unknown>
  return typeof v.id === 'number' && typeof v.title === 'string' && typeof v.summary === 'string' && typeof v.category === 'string'
}

/**
 * Favourite benefits (收藏), kept on this device only. Benefits are public catalogue data, so storing them
 * is allowed; nothing personal is stored here. Newest first.
 */
export const useFavouritesStore = defineStore('favourites', () => {
  const items = useLocalStorage<FavouriteBenefit[]>(STORAGE_KEYS.favourites, [], {
    serializer: {
      read: (raw) => {
        try {
          const parsed: unknown = JSON.parse(raw)
          return Array.isArray(parsed)
            ? parsed.filter(isFavourite)
            : []
        }
        catch {
          return []
        }
      },
      write: value => JSON.stringify(value),
    },
  })
  const ids = computed(() => new Set(items.value.map(f => f.id)))

  function has(id: number): boolean {
    return ids.value.has(id)
  }

  function add(benefit: BenefitSummary | Benefit) {
    if (has(benefit.id))
      return
    const { distanceM: _distance, ...rest } = benefit
    const { id, title, summary, category, audience, provider, street, validTo, tags, updatedAt, isDemo, en } = rest
    const favourite: FavouriteBenefit = {
      id,
      title,
      summary,
      category,
      audience,
      provider,
      street,
      validTo,
      tags,
      updatedAt,
      isDemo,
      ...(en
        ? { en }
        : {}),
      savedAt: new Date().toISOString(),
    }
    if ('offer' in rest)
      favourite.detail = rest
    items.value = [favourite, ...items.value].slice(0, MAX_FAVOURITES)
  }

  function remove(id: number) {
    items.value = items.value.filter(f => f.id !== id)
  }

  /** Adds or removes; returns whether it is a favourite afterwards. */
  function toggle(benefit: BenefitSummary | Benefit): boolean {
    if (has(benefit.id)) {
      remove(benefit.id)
      return false
    }
    add(benefit)
    return true
  }

  /** The saved detail of a favourite, for reading it without the network. */
  function savedDetail(id: number): Benefit | undefined {
    const detail = items.value.find(f => f.id === id)?.detail
    return detail
      ? { ...detail, distanceM: null }
      : undefined
  }

  return {
    items,
    has,
    add,
    remove,
    toggle,
    savedDetail,
  }
})
