import type { Ref } from 'vue'
import { computed } from 'vue'
import { checkIdNumber, normalizeIdNumber } from '#common/codes/idcard'
import { useI18n } from '~/modules/i18n'

/**
 * Live help while an ID number is typed: progress while it is short, what is wrong (format, birth date, check
 * character), or that it is well formed. `touched` turns "too short" into an error once the person has moved on.
 */
export function useIdNumberHint(idNumber: Ref<string>, touched: Ref<boolean>) {
  const { t } = useI18n()
  const problem = computed(() => checkIdNumber(idNumber.value))
  const hint = computed<{ kind: 'error' | 'valid' | 'progress', text: string } | null>(() => {
    const id = normalizeIdNumber(idNumber.value)
    if (!id) {
      return touched.value
        ? {
            kind: 'error',
            text: t('credit.personal.idEmpty'),
          }
        : null
    }
    const p = problem.value
    if (p === null) {
      return {
        kind: 'valid',
        text: t('credit.personal.idValid'),
      }
    }
    if (p === 'length') {
      if (!/^\d{0,17}[\dX]?$/.test(id)) {
        return {
          kind: 'error',
          text: t('credit.personal.idFormat'),
        }
      }
      return {
        kind: id.length > 18 || touched.value
          ? 'error'
          : 'progress',
        text: t('credit.personal.idLength', { n: id.length }),
      }
    }
    return {
      kind: 'error',
      text: t(`credit.personal.id${p[0]!.toUpperCase()}${p.slice(1)}`),
    }
  })
  return { problem, hint }
}
