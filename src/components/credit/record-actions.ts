// What a record in a report, a certificate or a public profile offers besides its facts: objecting to it. The page
// that can take an objection (it holds a fresh verification) provides `object`; the public profile provides
// `objectHref`, the way to verify first; elsewhere (print, kiosk) nothing is offered but the 异议处理中 mark.
import type { InjectionKey } from 'vue'

export interface ObjectTarget {
  id: number
  title: string
  decidedOn: string
  documentNo: string | null
}

export interface RecordActions {
  object?: (target: ObjectTarget) => void
  /** Records objected to since the report was issued: marked 异议处理中 at once. */
  filed?: ReadonlySet<number>
  objectHref?: (id: number) => string
}

export const RECORD_ACTIONS: InjectionKey<RecordActions> = Symbol('record-actions')
