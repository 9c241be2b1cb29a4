// Server-rendered content taken over a part at a time. Hydrating a whole page is one long task on a slow phone
// (taps wait for it); what this wraps is taken over in a task of its own after the rest, in page order, one part a
// task, so input gets a turn between parts. Until then the part is the server's HTML: its links are plain links.
// When the app renders a page itself (client navigation, the shell), the slot is rendered as usual.
import type { HydrationStrategy } from 'vue'
import { defineAsyncComponent, defineComponent } from 'vue'

const waiting: (() => void)[] = []
const channel = typeof MessageChannel === 'undefined'
  ? null
  : new MessageChannel()

function runNext(): void {
  try {
    waiting.shift()?.()
  }
  finally {
    if (waiting.length > 0)
      channel!.port2.postMessage(null)
  }
}
if (channel)
  channel.port1.onmessage = runNext

/**
 * Runs `task` in a task of its own (a message to self: not clamped as nested timers are), after those queued before
 * it. Returns a function that takes it out of the queue if it has not run.
 */
export function inTurn(task: () => void): () => void {
  waiting.push(task)
  if (waiting.length === 1)
    channel!.port2.postMessage(null)
  return () => {
    const at = waiting.indexOf(task)
    if (at >= 0)
      waiting.splice(at, 1)
  }
}

/** Vue's lazy hydration, in turn. */
export const hydrateInTurn: HydrationStrategy = hydrate => inTurn(hydrate)

const Slot = defineComponent((_props, { slots }) => () => slots.default?.())

export default defineAsyncComponent({
  loader: async () => Slot,
  hydrate: hydrateInTurn,
})
