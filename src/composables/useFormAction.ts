import { ref } from 'vue'
import { messageOf } from '~/api/errors'

/**
 * A form's action, one at a time: `busy` while it runs, its failure as `error` (the message a person can act on),
 * and the notice it returns on success as `message`. Both are cleared when the next run starts.
 */
export function useFormAction() {
  const busy = ref(false)
  const error = ref('')
  const message = ref('')

  /** Runs `action` unless one is already running; a string it returns becomes the success notice. */
  async function run(action: () => Promise<string | void>): Promise<boolean> {
    if (busy.value)
      return false
    busy.value = true
    error.value = ''
    message.value = ''
    try {
      const notice = await action()
      if (typeof notice === 'string')
        message.value = notice
      return true
    }
    catch (e) {
      error.value = messageOf(e)
      return false
    }
    finally {
      busy.value = false
    }
  }

  return { busy, error, message, run }
}
