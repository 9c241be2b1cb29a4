import { mount } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import KeyPad from '~/components/kiosk/KeyPad.vue'
import { useKioskIdle } from '~/composables/useKioskIdle'
import { STORAGE_KEYS } from '~/constants'
import { i18n, loadMessageSections } from '~/modules/i18n'
import { kioskPathFor } from '~/modules/kiosk-mode'
import { takeKioskUpdateNote } from '~/modules/kiosk-wipe'

beforeAll(async () => {
  await loadMessageSections(['kiosk'])
})

function mountPad(maxLength: number, keys: readonly string[] = ['1', '2', '3', 'X']) {
  const value = ref('')
  const wrapper = mount(defineComponent({
    setup: () => () => h(KeyPad, {
      'keys': keys,
      'label': '身份证号码键盘',
      maxLength,
      'modelValue': value.value,
      'onUpdate:modelValue': (v: string) => {
        value.value = v
      },
    }),
  }), {
    global: {
      plugins: [i18n],
    },
  })
  const press = async (key: string) => {
    await wrapper.get(`[data-test="key-${key}"]`).trigger('click')
  }
  return { value, wrapper, press }
}

describe('keyPad', () => {
  it('should type the pressed keys, delete the last one and clear all when those keys are pressed', async () => {
    const { value, press } = mountPad(18)
    for (const key of ['1', 'X', '2', '3'])
      await press(key)
    expect(value.value).toBe('1X23')
    await press('delete')
    expect(value.value).toBe('1X2')
    await press('clear')
    expect(value.value).toBe('')
  })

  it('should stop at the maximum length when more keys are pressed', async () => {
    const { value, press } = mountPad(3)
    for (const key of ['1', '2', '3', '1', '2'])
      await press(key)
    expect(value.value).toBe('123')
  })

  it('should offer only the given keys, as labelled buttons in a named group', () => {
    const { wrapper } = mountPad(6)
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('身份证号码键盘')
    expect(wrapper.findAll('[data-test^="key-"]').map(b => b.attributes('data-test'))).toEqual([
      'key-1',
      'key-2',
      'key-3',
      'key-X',
      'key-delete',
      'key-clear',
    ])
    expect(wrapper.get('[data-test="key-delete"]').text()).toBe('删除')
  })
})

describe('useKioskIdle', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function mountIdle(timeoutSeconds: number, countdownSeconds = 20) {
    const onTimeout = vi.fn()
    let idle!: ReturnType<typeof useKioskIdle>
    const wrapper = mount(defineComponent({
      setup() {
        idle = useKioskIdle({ timeoutSeconds, countdownSeconds, onTimeout })
        return () => h('div')
      },
    }))
    return { idle, onTimeout, wrapper }
  }

  it('should warn after the timeout, count down, and time out when nobody touches the screen', async () => {
    const { idle, onTimeout } = mountIdle(60)
    await vi.advanceTimersByTimeAsync(59_000)
    expect(idle.warning.value).toBe(false)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(idle.warning.value).toBe(true)
    expect(idle.remaining.value).toBeGreaterThanOrEqual(19)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(idle.remaining.value).toBeLessThanOrEqual(10)
    expect(onTimeout).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(11_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
    expect(idle.warning.value).toBe(false)
  })

  it('should start the time again when the screen is touched before the warning', async () => {
    const { idle } = mountIdle(60)
    await vi.advanceTimersByTimeAsync(50_000)
    document.dispatchEvent(new Event('pointerdown'))
    await vi.advanceTimersByTimeAsync(50_000)
    expect(idle.warning.value).toBe(false)
    await vi.advanceTimersByTimeAsync(11_000)
    expect(idle.warning.value).toBe(true)
  })

  it('should ignore stray touches during the warning and carry on only with keepGoing', async () => {
    const { idle, onTimeout } = mountIdle(30)
    await vi.advanceTimersByTimeAsync(31_000)
    expect(idle.warning.value).toBe(true)
    document.dispatchEvent(new Event('pointerdown'))
    await nextTick()
    expect(idle.warning.value).toBe(true)
    idle.keepGoing()
    expect(idle.warning.value).toBe(false)
    await vi.advanceTimersByTimeAsync(25_000)
    expect(onTimeout).not.toHaveBeenCalled()
  })
})

describe('kiosk addresses', () => {
  it('should map the public pages into the kiosk and refuse the rest', () => {
    expect(kioskPathFor('/benefits')).toBe('/kiosk/benefits')
    expect(kioskPathFor('/benefits/12')).toBe('/kiosk/benefits/12')
    expect(kioskPathFor('/publicity/3')).toBe('/kiosk/publicity/3')
    expect(kioskPathFor('/query')).toBe('/kiosk/enterprise')
    expect(kioskPathFor('/query/personal')).toBe('/kiosk/report')
    expect(kioskPathFor('/query/enterprise/91310105MA1FT6E91R')).toBe('/kiosk/enterprise/91310105MA1FT6E91R')
    for (const path of [
      '/settings',
      '/streets',
      '/activities/1',
      '/search',
      '/verify',
      '/staff',
      '/benefitsx',
    ])
      expect(kioskPathFor(path), path).toBeNull()
  })
})

describe('the update note a wipe leaves', () => {
  beforeEach(() => sessionStorage.clear())

  it('should say nothing to switch to when no wipe left a note', () => {
    expect(takeKioskUpdateNote().switch).toBe(false)
  })

  it('should let the fresh home try to switch twice, then give up, so a switch cut short by a reload is tried again', () => {
    sessionStorage.setItem(STORAGE_KEYS.kioskUpdate, '1')
    const first = takeKioskUpdateNote()
    expect(first.switch).toBe(true)
    // Taken: a page loaded now without trying again would not switch.
    expect(sessionStorage.getItem(STORAGE_KEYS.kioskUpdate)).toBeNull()
    first.tryAgainLater()

    const second = takeKioskUpdateNote()
    expect(second.switch).toBe(true)
    second.tryAgainLater()

    expect(takeKioskUpdateNote().switch).toBe(false)
  })
})
