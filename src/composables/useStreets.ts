import type { Ref } from 'vue'
import type { Street } from '#schemas/resources'
import { shallowRef } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { settledValue } from '~/api/prefetched'
import { prefetchOnServer } from '~/composables/prefetchOnServer'

/**
 * The district's streets for a picker; none if they cannot be fetched. On a page the server renders, they come
 * with the page: the picker works as part of its HTML form before the app runs, and the app takes it over without
 * asking the API again (or loading its HTTP client for that).
 */
export function useStreets(): Readonly<Ref<readonly Street[]>> {
  const streets = shallowRef<readonly Street[]>([])
  const pending = call(endpoints.streets, {}, { silent: true })
  const ready = settledValue(pending)
  if (ready) {
    streets.value = ready.value.items
    return streets
  }
  const loaded = pending.then((answer) => {
    streets.value = answer.items
  }, () => {
    streets.value = [] // offline and never seen: the picker offers only its empty choice
  })
  prefetchOnServer(() => loaded)
  return streets
}
