import type { LicenceType, Severity } from '../schemas/domain'
// One row of a 双公示 file or batch, checked: either a record ready to write (with its natural key and the columns of
// credit_records it fills) or the reasons it is refused, each naming the column. Nothing here touches the database.
import type { FieldSpec, IntakeField, IntakeKind } from './fields'
import { checkIdNumber, maskIdNumber, normalizeIdNumber } from '#common/codes/idcard'
import { checkUscc, normalizeUscc } from '#common/codes/uscc'
import { keyedHash, sha256 } from '../lib/crypto'
import { addMonths, isRealDay } from '../lib/time'
import { FORBIDDEN, LONE_SURROGATE } from '../lib/validation'
import { publicUntil as publicUntilOf } from '../repositories/credit'
import { INTAKE_FIELDS, LICENCE_TYPE_NAMES, SERIOUS_PENALTY_TYPES } from './fields'

/** Licences valid "for the long term" (长期) are stored with this end date. */
const LONG_TERM = '2099-12-31'

export type RejectReason
  = | 'required'
    | 'tooLong'
    | 'control'
    | 'uscc'
    | 'idNumber'
    | 'subjectType'
    | 'date'
    | 'future'
    | 'dateOrder'
    | 'licenceType'
    | 'fine'
    | 'status'
    | 'duplicate'

const MESSAGES: Record<RejectReason, (detail: string) => string> = {
  required: () => '必填项为空',
  tooLong: d => `超过 ${d} 个字`,
  control: () => '含有控制字符',
  uscc: d => `统一社会信用代码不正确（${d}）`,
  idNumber: d => `证件号码不正确（${d}）`,
  subjectType: d => `无法识别的相对人类别“${d}”`,
  date: d => `不是有效日期“${d}”`,
  future: () => '日期晚于今天',
  dateOrder: d => d,
  licenceType: d => `无法识别的许可类别“${d}”（普通、特许、认可、核准、登记、其他）`,
  fine: d => `罚款金额不是非负数字“${d}”`,
  status: d => `无法识别的状态“${d}”（有效、无效）`,
  duplicate: d => `与第 ${d} 行的决定文书号和相对人相同`,
}

/** What is wrong with a code, in the admin's words. */
const CODE_PROBLEMS: Record<string, string> = {
  length: '位数不对',
  charset: '含有不允许的字符',
  format: '格式不对',
  birthdate: '出生日期不对',
  checksum: '校验位不符',
}

export interface Rejection {
  rowNo: number
  /** The column as the file names it, or the standard's code when the column is missing. */
  column: string
  reason: RejectReason
  /** In Chinese, for the admin's screen and the CSV of rejected rows. */
  message: string
}

export type IntakeSubject
  = | { type: 'organisation', uscc: string, name: string, legalRepresentative: string, individualBusiness: boolean }
    | { type: 'person', idHash: string, idMasked: string, name: string, birthDate: string }

/** The credit_records columns an import writes (the rest are the subject, keys and times). */
export interface RecordColumns {
  category: 'qualification' | 'supervision'
  kind: IntakeKind
  title: string
  content: string
  authority: string
  document_no: string
  decided_on: string
  valid_from: string | null
  valid_to: string | null
  licence_type: LicenceType | null
  violation_type: string | null
  facts: string | null
  legal_basis: string | null
  penalty_type: string | null
  fine_yuan: number | null
  severity: Severity | null
  public_until: string | null
}

export interface CheckedRecord {
  rowNo: number
  naturalKey: string
  subject: IntakeSubject
  /** A licence marked invalid (撤销, 注销): it leaves publication. */
  withdrawn: boolean
  columns: RecordColumns
  /** Hash of subject and columns: an unchanged row has the hash already stored. */
  hash: string
}

export type CheckResult = { ok: true, record: CheckedRecord } | { ok: false, rejections: Rejection[] }

/** Reads 2024-05-01, 2024/5/1, 20240501, 2024年5月1日 and a spreadsheet's "2024-05-01 00:00:00" as YYYY-MM-DD. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (!m)
    return null
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  return isRealDay(day)
    ? day
    : null
}

const ORGANISATION_TYPES = [
  '法人及非法人组织',
  '法人',
  '非法人组织',
  '法人和非法人组织',
  '个体工商户',
]
const PERSON_TYPES = ['自然人']

/**
 * Checks one row. `cells` holds the row's values by model field (the reader mapped the headers); `columnOf` names a
 * field's column as the file does, for the messages.
 */
export function checkRow(input: {
  kind: IntakeKind
  rowNo: number
  cells: Partial<Record<IntakeField, string>>
  columnOf: (field: IntakeField) => string
  today: string
  secret: string
}): CheckResult {
  const { kind, rowNo, cells, columnOf, today } = input
  const rejections: Rejection[] = []
  const reject = (field: IntakeField, reason: RejectReason, detail = '') => {
    rejections.push({
      rowNo,
      column: columnOf(field),
      reason,
      message: MESSAGES[reason](detail),
    })
  }
  const specs = new Map<IntakeField, FieldSpec>(INTAKE_FIELDS[kind].map(s => [s.field, s]))
  const text: Partial<Record<IntakeField, string>> = {}
  for (const [field, spec] of specs) {
    const value = (cells[field] ?? '').normalize('NFC').trim()
    if (value === '') {
      if (spec.required)
        reject(field, 'required')
      continue
    }
    if (FORBIDDEN.test(value) || LONE_SURROGATE.test(value))
      reject(field, 'control')
    else if (value.length > spec.maxLength)
      reject(field, 'tooLong', String(spec.maxLength))
    else
      text[field] = value
  }
  const day = (field: IntakeField): string | null => {
    const value = text[field]
    if (value === undefined)
      return null
    const parsed = parseDay(value)
    if (!parsed)
      reject(field, 'date', value)
    return parsed
  }

  // The subject: an organisation by its USCC, or a person by ID number.
  const typeText = text.subjectType
  let subject: IntakeSubject | null = null
  const isPerson = typeText !== undefined
    ? PERSON_TYPES.includes(typeText)
    : text.uscc === undefined && text.idNumber !== undefined
  if (typeText !== undefined && !isPerson && !ORGANISATION_TYPES.includes(typeText)) {
    reject('subjectType', 'subjectType', typeText)
  }
  else if (isPerson) {
    const idNumber = normalizeIdNumber(text.idNumber ?? '')
    const problem = checkIdNumber(idNumber, new Date(`${today}T12:00:00+08:00`))
    if (problem) {
      reject('idNumber', problem === 'empty'
        ? 'required'
        : 'idNumber', CODE_PROBLEMS[problem] ?? problem)
    }
    else if (text.subjectName) {
      subject = {
        type: 'person',
        idHash: keyedHash(input.secret, 'id', idNumber),
        idMasked: maskIdNumber(idNumber),
        name: text.subjectName,
        birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      }
    }
  }
  else {
    const uscc = normalizeUscc(text.uscc ?? '')
    const problem = checkUscc(uscc)
    if (problem) {
      reject('uscc', problem === 'empty'
        ? 'required'
        : 'uscc', CODE_PROBLEMS[problem] ?? problem)
    }
    else if (text.subjectName) {
      subject = {
        type: 'organisation',
        uscc,
        name: text.subjectName,
        legalRepresentative: text.legalRepresentative ?? '',
        individualBusiness: typeText === '个体工商户',
      }
    }
  }

  const decidedOn = day('decidedOn')
  if (decidedOn && decidedOn > today)
    reject('decidedOn', 'future')

  let columns: RecordColumns | null = null
  let withdrawn = false
  if (kind === 'licence') {
    const validFrom = day('validFrom')
    const validTo = day('validTo')
    if (validFrom && validTo && validTo < validFrom)
      reject('validTo', 'dateOrder', '有效期至早于有效期自')
    const typeName = text.licenceType
    const licenceType = typeName === undefined
      ? undefined
      : LICENCE_TYPE_NAMES[typeName.replace(/许可$/, '')]
    if (typeName !== undefined && !licenceType)
      reject('licenceType', 'licenceType', typeName)
    const status = text.status
    if (status !== undefined) {
      if (['2', '无效', '撤销', '注销', '吊销'].includes(status))
        withdrawn = true
      else if (!['1', '有效', '正常'].includes(status))
        reject('status', 'status', status)
    }
    if (decidedOn && validFrom && validTo && licenceType && text.documentNo && text.authority && text.licenceTitle) {
      const certificate = [text.certificateName, text.certificateNo].filter(Boolean).join(' ')
      columns = {
        category: 'qualification',
        kind,
        title: text.licenceTitle,
        content: [text.content, certificate && `许可证书：${certificate}`].filter(Boolean).join('\n'),
        authority: text.authority,
        document_no: text.documentNo,
        decided_on: decidedOn,
        valid_from: validFrom,
        valid_to: validTo >= LONG_TERM
          ? LONG_TERM
          : validTo,
        licence_type: licenceType,
        violation_type: null,
        facts: null,
        legal_basis: null,
        penalty_type: null,
        fine_yuan: null,
        severity: null,
        public_until: null,
      }
    }
  }
  else {
    let fineYuan: number | null = null
    if (text.fineWan !== undefined) {
      const wan = Number(text.fineWan.replace(/万元$/, ''))
      if (!Number.isFinite(wan) || wan < 0)
        reject('fineWan', 'fine', text.fineWan)
      else
        fineYuan = Math.round(wan * 1_000_000) / 100
    }
    day('penaltyValidTo')
    const given = day('publicUntil')
    if (given && decidedOn && given < decidedOn)
      reject('publicUntil', 'dateOrder', '公示截止期早于处罚决定日期')
    if (decidedOn && text.documentNo && text.authority && text.violationType && text.facts && text.legalBasis && text.penaltyType && text.content) {
      const penaltyType = text.penaltyType
      const severity: Severity = given
        ? (given > addMonths(decidedOn, 12)
            ? 'serious'
            : 'general')
        : (SERIOUS_PENALTY_TYPES.some(t => penaltyType.includes(t))
            ? 'serious'
            : 'general')
      columns = {
        category: 'supervision',
        kind,
        title: text.violationType,
        content: text.content,
        authority: text.authority,
        document_no: text.documentNo,
        decided_on: decidedOn,
        valid_from: null,
        valid_to: null,
        licence_type: null,
        violation_type: text.violationType,
        facts: text.facts,
        legal_basis: text.legalBasis,
        penalty_type: penaltyType,
        fine_yuan: fineYuan,
        severity,
        public_until: given ?? publicUntilOf(decidedOn, severity),
      }
    }
  }

  if (rejections.length > 0 || !subject || !columns)
    return { ok: false, rejections }
  const code = subject.type === 'organisation'
    ? subject.uscc
    : subject.idHash
  return {
    ok: true,
    record: {
      rowNo,
      naturalKey: `${kind}|${columns.document_no}|${code}`,
      subject,
      withdrawn,
      columns,
      hash: sha256(JSON.stringify({ subject, columns })),
    },
  }
}

/** The rejection of a row whose natural key an earlier row of the same file or batch already has. */
export function duplicateOf(record: CheckedRecord, firstRowNo: number, column: string): Rejection {
  return {
    rowNo: record.rowNo,
    column,
    reason: 'duplicate',
    message: MESSAGES.duplicate(String(firstRowNo)),
  }
}
