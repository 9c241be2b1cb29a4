import type { MaybeRefOrGetter } from 'vue'
import { useEventListener, useNow } from '@vueuse/core'
import { computed, ref, toValue, watch } from 'vue'

export interface UseKioskIdleOptions {
  /** Seconds without a touch before the warning (shorter on screens with personal data). */
  timeoutSeconds: MaybeRefOrGetter<number>
  /** How long the warning counts down before `onTimeout` (at least 20 s, WCAG 2.2.1). */
  countdownSeconds: MaybeRefOrGetter<number>
  onTimeout: () => void
}

/**
 * Watches for a kiosk left alone: after the timeout it raises a warning that counts down, and when the countdown
 * ends it calls `onTimeout` (the privacy wipe). Any touch or key before the warning starts the time again; during
 * the warning only `keepGoing` (the dialog's "continue" button) does.
 */
export function useKioskIdle({ timeoutSeconds, countdownSeconds, onTimeout }: UseKioskIdleOptions) {
  const lastActive = ref(Date.now())
  const warningSince = ref<number | null>(null)
  const now = useNow({ interval: 1000 })

  const touched = () => {
    if (warningSince.value === null)
      lastActive.value = Date.now()
  }
  for (const event of [
    'pointerdown',
    'keydown',
    'touchstart',
    'wheel',
  ] as const)
    useEventListener(document, event, touched, { passive: true, capture: true })

  watch(now, (at) => {
    const t = at.getTime()
    if (warningSince.value === null) {
      if (t - lastActive.value >= toValue(timeoutSeconds) * 1000)
        warningSince.value = t
    }
    else if (t - warningSince.value >= toValue(countdownSeconds) * 1000) {
      warningSince.value = null
      lastActive.value = t
      onTimeout()
    }
  })

  const remaining = computed(() => warningSince.value === null
    ? toValue(countdownSeconds)
    : Math.max(0, Math.ceil((warningSince.value + toValue(countdownSeconds) * 1000 - now.value.getTime()) / 1000)))

  function keepGoing() {
    warningSince.value = null
    lastActive.value = Date.now()
  }

  return {
    warning: computed(() => warningSince.value !== null),
    remaining,
    keepGoing,
  }
}
