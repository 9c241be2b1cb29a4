// Failed requests become one Vant notification, from this one place. Vant's Notify is loaded on first use
// so it stays off the first route.
import { onApiError } from '~/api/client'

/** Shows a message at the top of the screen for a few seconds. */
export async function notifyProblem(message: string): Promise<void> {
  const [{ showNotify }] = await Promise.all([import('vant/es/notify'), import('vant/es/notify/style')])
  showNotify({ type: 'danger', message, duration: 4000 })
}

export function installErrorNotifications(): void {
  onApiError(async (error, silent) => {
    if (silent || error.kind === 'network')
      return // lists show their own error state; the offline banner covers network loss
    await notifyProblem(error.message)
  })
}
