// The 双公示 data standard's columns, both generations, mapped onto one model: the only place that knows a column's
// names. The reader matches a file's headers against it (v2 codes such as `cf_wsh`, their Chinese names, and the older
// v1 headers), the admin's template download is written from it, and the tests read it.
// Sources: 全国信用信息共享平台 "双公示" 数据标准 v2.0 (行政许可 XK_*, 行政处罚 cf_*) and the v1 headers still exported by
// older department systems.

import type { IntakeKind } from '../schemas/domain'
import { INTAKE_KINDS } from '../schemas/domain'

export type { IntakeKind }

/** The model's fields, whatever the file calls them. */
export type IntakeField
  = | 'subjectName'
    | 'subjectType'
    | 'uscc'
    | 'legalRepresentative'
    | 'idType'
    | 'idNumber'
    | 'documentNo'
    | 'decidedOn'
    | 'authority'
    | 'authorityCode'
    | 'sourceUnit'
    | 'content'
  // licences
    | 'licenceTitle'
    | 'licenceType'
    | 'certificateName'
    | 'certificateNo'
    | 'validFrom'
    | 'validTo'
    | 'status'
  // penalties
    | 'violationType'
    | 'facts'
    | 'legalBasis'
    | 'penaltyType'
    | 'fineWan'
    | 'penaltyValidTo'
    | 'publicUntil'

export interface FieldSpec {
  field: IntakeField
  /** The v2 column code (written in the template). */
  code: string
  /** The v2 column's Chinese name (written in the template's second header line of the guide, and accepted). */
  name: string
  /** Older headers (v1 and common variants) accepted for the same field. */
  aliases: readonly string[]
  required: boolean
  /** Longest text accepted, in characters. */
  maxLength: number
  /** A note for the template's guide. */
  note?: string
}

function common(kind: IntakeKind): FieldSpec[] {
  const x = kind === 'licence'
    ? 'XK'
    : 'cf'
  const code = (suffix: string) => kind === 'licence'
    ? `${x}_${suffix.toUpperCase()}`
    : `${x}_${suffix.toLowerCase()}`
  const acting = kind === 'licence'
    ? '许可'
    : '处罚'
  return [
    {
      field: 'subjectName',
      code: code('xdr_mc'),
      name: '行政相对人名称',
      aliases: ['相对人名称', '企业名称', '当事人名称', '行政相对人'],
      required: true,
      maxLength: 200,
    },
    {
      field: 'subjectType',
      code: code('xdr_lb'),
      name: '行政相对人类别',
      aliases: ['相对人类别', '相对人类型'],
      required: false,
      maxLength: 20,
      note: '法人及非法人组织 / 个体工商户 / 自然人；缺省按是否有统一社会信用代码判断',
    },
    {
      field: 'uscc',
      code: code('xdr_shxym'),
      name: '统一社会信用代码',
      aliases: ['行政相对人代码_1(统一社会信用代码)', '行政相对人代码_1', '相对人统一社会信用代码'],
      required: false,
      maxLength: 20,
      note: '法人、非法人组织和个体工商户必填',
    },
    {
      field: 'legalRepresentative',
      code: code('frdb'),
      name: '法定代表人',
      aliases: ['法定代表人姓名', '负责人'],
      required: false,
      maxLength: 60,
    },
    {
      field: 'idType',
      code: code('xdr_zjlx'),
      name: '证件类型',
      aliases: ['相对人证件类型'],
      required: false,
      maxLength: 20,
    },
    {
      field: 'idNumber',
      code: code('xdr_zjhm'),
      name: '证件号码',
      aliases: ['相对人证件号码', '身份证号码'],
      required: false,
      maxLength: 20,
      note: '自然人必填；只保存不可逆的哈希和遮盖形式',
    },
    {
      field: 'documentNo',
      code: code('wsh'),
      name: kind === 'licence'
        ? '行政许可决定文书号'
        : '行政处罚决定书文号',
      aliases: kind === 'licence'
        ? [
            '行政许可决定书文号',
            '许可决定文书号',
            '许可文书号',
            '决定文书号',
          ]
        : ['处罚决定书文号', '决定书文号', '决定文书号'],
      required: true,
      maxLength: 128,
    },
    {
      field: 'decidedOn',
      code: code('jdrq'),
      name: `${acting}决定日期`,
      aliases: [`${acting}日期`, '决定日期'],
      required: true,
      maxLength: 30,
      note: 'YYYY-MM-DD（也接受 YYYY/MM/DD、YYYYMMDD、YYYY年M月D日）',
    },
    {
      field: 'authority',
      code: code(kind === 'licence'
        ? 'xkjg'
        : 'cfjg'),
      name: `${acting}机关`,
      aliases: [`${acting}部门`, `${acting}单位`],
      required: true,
      maxLength: 100,
    },
    {
      field: 'authorityCode',
      code: code(kind === 'licence'
        ? 'xkjgdm'
        : 'cfjgdm'),
      name: `${acting}机关统一社会信用代码`,
      aliases: [`${acting}机关代码`],
      required: false,
      maxLength: 20,
    },
    {
      field: 'sourceUnit',
      code: code(kind === 'licence'
        ? 'lydw'
        : 'sjly'),
      name: '数据来源单位',
      aliases: ['数据来源', '来源单位'],
      required: false,
      maxLength: 100,
    },
    {
      field: 'content',
      code: code('nr'),
      name: `${acting}内容`,
      aliases: kind === 'licence'
        ? ['许可内容', '许可事项']
        : ['处罚结果', '处罚内容'],
      required: kind === 'penalty',
      maxLength: 4000,
    },
  ]
}

/** The columns of each kind, in template order. */
export const INTAKE_FIELDS: Readonly<Record<IntakeKind, readonly FieldSpec[]>> = {
  licence: [
    ...common('licence'),
    {
      field: 'licenceTitle',
      code: 'XK_XKWS',
      name: '行政许可决定文书名称',
      aliases: ['项目名称', '许可决定文书名称'],
      required: true,
      maxLength: 200,
    },
    {
      field: 'licenceType',
      code: 'XK_XKLB',
      name: '许可类别',
      aliases: ['审批类别', '许可类型'],
      required: true,
      maxLength: 10,
      note: '普通 / 特许 / 认可 / 核准 / 登记 / 其他',
    },
    {
      field: 'certificateName',
      code: 'XK_XKZS',
      name: '许可证书名称',
      aliases: ['证书名称'],
      required: false,
      maxLength: 200,
    },
    {
      field: 'certificateNo',
      code: 'XK_XKBH',
      name: '许可编号',
      aliases: ['证书编号', '许可证编号'],
      required: false,
      maxLength: 128,
    },
    {
      field: 'validFrom',
      code: 'XK_YXQZ',
      name: '有效期自',
      aliases: ['许可有效期自', '有效期起'],
      required: true,
      maxLength: 30,
    },
    {
      field: 'validTo',
      code: 'XK_YXQZI',
      name: '有效期至',
      aliases: ['许可截止期', '许可有效期至', '有效期止'],
      required: true,
      maxLength: 30,
      note: '2099-12-31 表示长期',
    },
    {
      field: 'status',
      code: 'XK_ZT',
      name: '当前状态',
      aliases: ['状态'],
      required: false,
      maxLength: 10,
      note: '1 / 有效；2 / 无效（撤销、注销：从公示中撤下）',
    },
  ],
  penalty: [
    ...common('penalty'),
    {
      field: 'violationType',
      code: 'cf_wfxw',
      name: '违法行为类型',
      aliases: ['违法行为'],
      required: true,
      maxLength: 200,
    },
    {
      field: 'facts',
      code: 'cf_sy',
      name: '违法事实',
      aliases: ['处罚事由', '主要违法事实'],
      required: true,
      maxLength: 4000,
    },
    {
      field: 'legalBasis',
      code: 'cf_yj',
      name: '处罚依据',
      aliases: ['法律依据'],
      required: true,
      maxLength: 2000,
    },
    {
      field: 'penaltyType',
      code: 'cf_cflb',
      name: '处罚类别',
      aliases: ['处罚类别1', '处罚种类'],
      required: true,
      maxLength: 200,
    },
    {
      field: 'fineWan',
      code: 'cf_nr_fk',
      name: '罚款金额（万元）',
      aliases: ['罚款金额(万元)', '罚款金额'],
      required: false,
      maxLength: 20,
      note: '单位：万元',
    },
    {
      field: 'penaltyValidTo',
      code: 'cf_yxq',
      name: '处罚有效期',
      aliases: [],
      required: false,
      maxLength: 30,
    },
    {
      field: 'publicUntil',
      code: 'cf_gsjzq',
      name: '公示截止期',
      aliases: ['公示期限'],
      required: false,
      maxLength: 30,
      note: '缺省时按处罚类别的公示期规则计算',
    },
  ],
}

/** A header as compared: no BOM, spaces, asterisks (required marks) or case; full-width brackets as ASCII. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replaceAll('（', '(')
    .replaceAll('）', ')')
    .replaceAll(/[\s*]/g, '')
    .toLowerCase()
}

/** Maps each of a file's headers to a field of the kind, or to null when the standard does not know it. */
export function mapHeaders(kind: IntakeKind, headers: readonly string[]): Map<string, IntakeField | null> {
  const known = new Map<string, IntakeField>()
  for (const spec of INTAKE_FIELDS[kind]) {
    for (const name of [spec.code, spec.name, ...spec.aliases])
      known.set(headerKey(name), spec.field)
  }
  // The template writes "名称(code)": either part is enough.
  const fieldOf = (header: string): IntakeField | null => {
    const key = headerKey(header)
    const parts = /^(.*)\(([^()]+)\)$/.exec(key)
    return known.get(key) ?? (parts
      ? known.get(parts[2]!) ?? known.get(parts[1]!)
      : undefined) ?? null
  }
  return new Map(headers.map(h => [
    h,
    fieldOf(h),
  ]))
}

/** Which kind a set of headers is: the one whose document-number column is present, or null. */
export function kindOfHeaders(headers: readonly string[]): IntakeKind | null {
  for (const kind of INTAKE_KINDS) {
    const mapped = mapHeaders(kind, headers)
    const fields = new Set(mapped.values())
    const distinctive: IntakeField = kind === 'licence'
      ? 'licenceType'
      : 'penaltyType'
    if (fields.has(distinctive))
      return kind
  }
  return null
}

export function fieldSpec(kind: IntakeKind, field: IntakeField): FieldSpec {
  const spec = INTAKE_FIELDS[kind].find(s => s.field === field)
  if (!spec)
    throw new Error(`${kind} has no field ${field}`)
  return spec
}

/** 许可类别 in Chinese (or its code letter/number) → the model's licence type. */
export const LICENCE_TYPE_NAMES: Readonly<Record<string, 'ordinary' | 'franchise' | 'recognition' | 'approval' | 'registration' | 'other'>> = {
  普通: 'ordinary',
  特许: 'franchise',
  认可: 'recognition',
  核准: 'approval',
  登记: 'registration',
  其他: 'other',
}

/**
 * The office's rule when a penalty has no 公示截止期: the penalty types that make it serious (published 3 years, repair
 * after 1 year); every other type is general (1 year, repair after 3 months). 警告 and 通报批评 are general.
 */
export const SERIOUS_PENALTY_TYPES = [
  '吊销',
  '责令关闭',
  '限制从业',
  '降低资质等级',
  '责令停产停业',
  '行政拘留',
] as const
