// Taps on a server-rendered page's buttons before the app took the page over: the page's code loader
// (server/lib/page-code.ts) holds them in window.__earlyClicks and starts the code. Once the page is taken over,
// holding stops and each held tap is given again to its button, after the parts taken over in turn
// (components/common/HydrateInTurn.ts), so an early tap on a switch still switches.
import { inTurn } from '~/components/common/HydrateInTurn'

declare global {
  interface Window {
    __earlyClicks?: HTMLElement[]
  }
}

export function replayEarlyClicks(): void {
  const held = window.__earlyClicks ?? []
  window.__earlyClicks = undefined
  if (held.length > 0) {
    inTurn(() => {
      for (const button of held) {
        if (button.isConnected)
          button.click()
      }
    })
  }
}
