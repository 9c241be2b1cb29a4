import type { Ref } from 'vue'
import { onBeforeMount } from 'vue'

/**
 * Text typed into a field of a server-rendered page before the app took the page over is kept: taking over would
 * otherwise set the field back to the model's value. Nothing happens when the app rendered the page itself.
 */
export function useEarlyInput(id: string, model: Ref<string>, restored?: () => void): void {
  onBeforeMount(() => {
    const field = document.getElementById(id)
    if (field instanceof HTMLInputElement && field.value && field.value !== model.value) {
      model.value = field.value
      restored?.() // e.g. a search box that searches as one types: as if the text had been typed now
    }
  })
}
