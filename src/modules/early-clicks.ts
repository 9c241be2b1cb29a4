// Taps on a server-rendered page's buttons before the app took the page over: the page's code loader
// (server/lib/page-code.ts) holds them in window.__earlyClicks and starts the code. Once the page is taken over and
// the parts taken over in turn (components/common/HydrateInTurn.ts) are live, holding stops and each held tap is
// given again to its button, so an early tap on a switch still switches.
import { inTurn } from '~/components/common/HydrateInTurn'

declare global {
  interface Window {
    __earlyClicks?: HTMLElement[]
  }
}

/**
 * Stops holding taps and gives the held ones to their buttons, in a task after the parts queued to be taken over in
 * turn: until then a tap on a part not yet live (the home page's switch) is held too, not lost. The parts met while
 * taking the page over queue themselves once their (async) wrapper has resolved, after this call: so the replay is
 * queued from a task of its own, by when they all have.
 */
export function replayEarlyClicks(): void {
  inTurn(() => inTurn(() => {
    const held = window.__earlyClicks ?? []
    window.__earlyClicks = undefined
    for (const button of held) {
      if (button.isConnected)
        button.click()
    }
  }))
}
