// Demo cases (示例数据), so that the office's list and a subject's marks have something to show. Objections: one just
// filed, one past its deadline, one forwarded to the deciding authority, one decided. Credit repair: one just filed,
// one waiting for the firm's documents, one approved (its penalty no longer published). Filed against records the
// tests do not use themselves; the applicants' names are masked as real cases keep them.
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { CaseKind, CaseStatus, ObjectionReason } from '../schemas/domain'
import { addDays, addWorkingDays } from '../lib/time'
import { recordSnapshot } from '../services/cases'

interface DemoCase {
  kind?: CaseKind
  /** A person's or a firm's seed key, and the kind of the record objected to (its first of that kind). */
  subject: { person: string } | { firmUscc: string }
  record: 'fact' | 'penalty' | 'dishonestyList'
  filedDaysAgo: number
  status: Extract<CaseStatus, 'open' | 'forwarded' | 'rejected' | 'moreDocuments' | 'approved'>
  reason: ObjectionReason | null
  text: string
  decidedDaysAgo?: number
  note?: string
  /** Days after filing, staff sent it to the record's deciding authority (objection) or asked for documents (repair). */
  forwardedAfter?: number
}

const DEMO_CASES: DemoCase[] = [
  {
    subject: { person: 'zheng-haifeng' },
    record: 'fact',
    filedDaysAgo: 1,
    status: 'open',
    reason: 'wrongFacts',
    text: '记录所载欠缴日期与实际不符，本人已于当月按期缴纳，附银行回单。',
  },
  {
    subject: { person: 'wu-xiaoyan' },
    record: 'fact',
    filedDaysAgo: 20,
    status: 'open',
    reason: 'noLongerPublic',
    text: '该信息已超过公示期限，申请停止公示。',
  },
  {
    subject: { firmUscc: '91310105668167843R' }, // hongyun-hotel
    record: 'penalty',
    filedDaysAgo: 6,
    status: 'forwarded',
    forwardedAfter: 1,
    reason: 'wrongFacts',
    text: '处罚决定书中的违法事实描述与现场检查笔录不一致，申请核查更正。',
    note: '已转请处罚机关核查处罚事实。',
  },
  {
    subject: { person: 'tang-lijuan' },
    record: 'fact',
    filedDaysAgo: 35,
    status: 'rejected',
    decidedDaysAgo: 25,
    reason: 'wrongSubject',
    text: '本人未办理过该项业务，疑为他人冒用身份。',
    note: '经信息提供单位核查，该记录办理时经本人现场签字确认，主体无误，异议不予支持。',
  },
  {
    kind: 'repair',
    subject: { firmUscc: '91310105MA1RKQWJRJ' }, // jingyu-realestate
    record: 'penalty',
    filedDaysAgo: 2,
    status: 'open',
    reason: null,
    text: '罚款已按期缴纳，违规发布的房源广告已全部下架并完成内部整改。',
  },
  {
    kind: 'repair',
    subject: { firmUscc: '91310105MA7952CQA0' }, // mozhou-education
    record: 'penalty',
    filedDaysAgo: 8,
    forwardedAfter: 5,
    status: 'moreDocuments',
    reason: null,
    text: '已退还全部预收费用并停止违规招生宣传，已参加信用修复专题培训。',
    note: '请补充信用修复培训结业证明和退费凭证。',
  },
  {
    kind: 'repair',
    subject: { firmUscc: '91310105MA7ACH5U1L' }, // tingrui-beauty
    record: 'penalty',
    filedDaysAgo: 16,
    status: 'approved',
    decidedDaysAgo: 5,
    reason: null,
    text: '罚款已缴清，已建立预付卡资金台账并按规定公示。',
    note: '材料齐全，准予信用修复，即日起停止公示。',
  },
]

/** A fixed, recognisable tracking number per demo case (date + 0000 + its position). */
function demoNumber(day: string, index: number): string {
  return `${day.replaceAll('-', '')}0000${String(index + 1).padStart(4, '0')}`
}

export async function seedDemoCases(trx: Transaction<Database>, today: string, now: Date): Promise<number> {
  if (await trx.selectFrom('credit_cases').select('id').where('is_demo', '=', 1).executeTakeFirst())
    return 0
  let added = 0
  for (const [index, c] of DEMO_CASES.entries()) {
    const isPerson = 'person' in c.subject
    const subject = 'person' in c.subject
      ? await trx.selectFrom('persons').select(['id', 'name', 'name as applicant']).where('key', '=', c.subject.person).executeTakeFirst()
      : await trx.selectFrom('enterprises').select(['id', 'name', 'legal_representative as applicant']).where('uscc', '=', c.subject.firmUscc).executeTakeFirst()
    if (!subject)
      continue
    const record = await trx.selectFrom('credit_records').selectAll().where(isPerson ? 'person_id' : 'enterprise_id', '=', subject.id).where('kind', '=', c.record).orderBy('id').executeTakeFirst()
    if (!record)
      continue
    const filedOn = addDays(today, -c.filedDaysAgo)
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
    const applicantName = subject.applicant
    const masked = `${applicantName.slice(0, 1)}${'*'.repeat(Math.max(1, applicantName.length - 1))}`
    const decided = c.decidedDaysAgo !== undefined
    const { id } = await trx.insertInto('credit_cases').values({
      number: demoNumber(filedOn, index),
      kind: c.kind ?? 'objection',
      status: c.status,
      record_id: record.id,
      record: JSON.stringify(recordSnapshot(record)),
      enterprise_id: isPerson ? null : subject.id,
      person_id: isPerson ? subject.id : null,
      subject_name: isPerson ? masked : subject.name,
      applicant_role: isPerson ? 'self' : 'representative',
      applicant_name_masked: masked,
      applicant_id_hash: null,
      reason: c.reason,
      text: c.text,
      channel: 'app',
      kiosk_id: null,
      received_on: filedOn,
      due_on: addWorkingDays(filedOn, 10),
      decided_on: decided
        ? addDays(today, -c.decidedDaysAgo!)
        : null,
      decided_by: null,
      decision_note: decided
        ? c.note ?? null
        : null,
      forwarded_to: c.status === 'forwarded'
        ? record.authority
        : null,
      commitment_signed_at: c.kind === 'repair'
        ? at(c.filedDaysAgo)
        : null,
      is_demo: 1,
      created_at: at(c.filedDaysAgo),
      updated_at: at(c.decidedDaysAgo ?? c.filedDaysAgo),
    }).returning('id').executeTakeFirstOrThrow()
    await trx.insertInto('case_events').values({
      case_id: id,
      at: at(c.filedDaysAgo),
      type: 'filed',
      actor_id: null,
      note: null,
    }).execute()
    if (c.forwardedAfter !== undefined) {
      await trx.insertInto('case_events').values({
        case_id: id,
        at: at(c.filedDaysAgo - c.forwardedAfter),
        type: c.status,
        actor_id: null,
        note: c.note ?? null,
      }).execute()
    }
    if (decided) {
      await trx.insertInto('case_events').values({
        case_id: id,
        at: at(c.decidedDaysAgo!),
        type: c.status,
        actor_id: null,
        note: c.note ?? null,
      }).execute()
    }
    if (c.status === 'approved') {
      // Repaired: publication ended the day before the approval.
      await trx.updateTable('credit_records').set({
        public_until: addDays(today, -c.decidedDaysAgo! - 1),
        repaired_on: addDays(today, -c.decidedDaysAgo!),
      }).where('id', '=', record.id).execute()
    }
    else if (!decided) {
      await trx.updateTable('credit_records').set(c.kind === 'repair'
        ? { under_repair: 1 }
        : { under_objection: 1 }).where('id', '=', record.id).execute()
    }
    added++
  }
  return added
}
