import type { Ref } from 'vue'
import type { Street } from '#schemas/resources'
import { onMounted, shallowRef } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'

/** The district's streets for a picker, loaded when the component mounts; none if they cannot be fetched. */
export function useStreets(): Readonly<Ref<readonly Street[]>> {
  const streets = shallowRef<readonly Street[]>([])
  onMounted(async () => {
    try {
      streets.value = (await call(endpoints.streets, {}, { silent: true })).items
    }
    catch {
      streets.value = [] // offline and never seen: the picker offers only its empty choice
    }
  })
  return streets
}
