// What a record in a report, a certificate or a public profile offers besides its facts: objecting to it and, for a
// published penalty past its minimum publication period, credit repair. The page that can take a case (it holds a
// fresh verification) provides `object`/`repair`; the public profile provides the `…Href` ways to verify first;
// elsewhere (print, kiosk) nothing is offered but the 异议处理中 mark.
import type { InjectionKey } from 'vue'
import type { Severity } from '#schemas/domain'

export interface ObjectTarget {
  id: number
  title: string
  decidedOn: string
  documentNo: string | null
}

/** A published penalty: when repair may be asked for, and whether training proof is needed (serious). */
export interface RepairTarget extends ObjectTarget {
  severity: Severity
  repairFrom: string
}

/** What a record's actions need to know of a published penalty. */
export interface PenaltyState extends Pick<RepairTarget, 'severity' | 'repairFrom'> {
  /** A repair application for it is open. */
  underRepair: boolean
}

export interface RecordActions {
  object?: (target: ObjectTarget) => void
  repair?: (target: RepairTarget) => void
  objectHref?: (id: number) => string
  repairHref?: (id: number) => string
  /** Records objected to since the report was issued: marked 异议处理中 at once. */
  filed?: ReadonlySet<number>
  /** Penalties whose repair was applied for since: marked 信用修复办理中 at once. */
  repairFiled?: ReadonlySet<number>
}

export const RECORD_ACTIONS: InjectionKey<RecordActions> = Symbol('record-actions')
