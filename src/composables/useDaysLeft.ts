// A case's deadline as the office reads it: working days left, due today, or overdue by so many.
import { useI18n } from '~/modules/i18n'

export function useDaysLeft(): (days: number) => string {
  const { t } = useI18n()
  return days => days < 0
    ? t('staff.cases.overdueBy', { n: -days }, -days)
    : days === 0
      ? t('staff.cases.dueToday')
      : t('staff.cases.daysLeft', { n: days }, days)
}
