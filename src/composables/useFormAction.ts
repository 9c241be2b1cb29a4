import { readonly, ref } from 'vue'
import { messageOf } from '~/api/errors'

/**
 * A form's action, one at a time: `busy` while it runs, its failure as `error` (the message a person can act on),
 * and the notice it returns on success as `message`. Both are cleared when the next run starts. The state is
 * read-only outside: it changes through `run`, `fail` and `reset`.
 */
export function useFormAction() {
  const busy = ref(false)
  const error = ref('')
  const message = ref('')

  function reset() {
    error.value = ''
    message.value = ''
  }

  /** Shows a failure without running anything: a check before sending (a string), or a failed load (an error). */
  function fail(reason: unknown) {
    message.value = ''
    error.value = typeof reason === 'string'
      ? reason
      : messageOf(reason)
  }

  /** Runs `action` unless one is already running; a string it returns becomes the success notice. */
  async function run(action: () => Promise<string | void>): Promise<boolean> {
    if (busy.value)
      return false
    busy.value = true
    reset()
    try {
      const notice = await action()
      if (typeof notice === 'string')
        message.value = notice
      return true
    }
    catch (e) {
      fail(e)
      return false
    }
    finally {
      busy.value = false
    }
  }

  return {
    busy: readonly(busy),
    error: readonly(error),
    message: readonly(message),
    run,
    fail,
    reset,
  }
}
