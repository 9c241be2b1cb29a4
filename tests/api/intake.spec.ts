// 双公示 intake: an admin's file is checked without writing anything, committed by natural key (the same file twice
// changes nothing, a corrected row replaces the old one), rolled back as a whole; department systems push batches
// with a token. Files are written by the tests: v2 codes, v1 headers, UTF-8 with BOM, GBK, NDJSON.
import type { LightMyRequestResponse } from 'fastify'
import type { EnterpriseProfile } from '#schemas/credit'
import type { IntakeImport } from '../../server/schemas/intake'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usccCheckChar } from '#common/codes/uscc'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { INTAKE_FIELDS } from '../../server/intake/fields'
import { randomToken, sha256 } from '../../server/lib/crypto'
import { buildTestApp, expectError, makeTempDir, shanghaiDate, signIn } from './helpers'

/** A valid USCC of a fictional Changning firm numbered n. */
function uscc(n: number): string {
  const first17 = `91310105MA${String(n).padStart(7, '0')}`
  return first17 + usccCheckChar(first17)
}

const SEEDED_FIRM = '91310105MA1G4TK834'
const SEEDED_PERSON_ID = '310105198403123387'
const UNKNOWN_PERSON_ID = '11010519491231002X'

const PENALTY_HEADERS = [
  'cf_xdr_mc',
  'cf_xdr_lb',
  'cf_xdr_shxym',
  'cf_wsh',
  'cf_wfxw',
  'cf_sy',
  'cf_yj',
  'cf_cflb',
  'cf_nr',
  'cf_nr_fk',
  'cf_jdrq',
  'cf_gsjzq',
  'cf_cfjg',
  'cf_cfjgdm',
  'cf_sjly',
]

function csv(rows: string[][]): string {
  return rows.map(r => r.map(c => /[",\n]/.test(c)
    ? `"${c.replaceAll('"', '""')}"`
    : c).join(',')).join('\r\n')
}

function penaltyRow(values: { name?: string, code?: string, docNo: string, content?: string, decided?: string, until?: string, fineWan?: string }): string[] {
  return [
    values.name ?? '上海长宁测试餐饮有限公司',
    '法人及非法人组织',
    values.code ?? uscc(1),
    values.docNo,
    '未按规定公示食品经营许可证',
    '执法人员检查发现当事人未在经营场所显著位置公示食品经营许可证。',
    '《中华人民共和国食品安全法》第一百二十六条',
    '警告;罚款',
    values.content ?? '给予警告，并处罚款人民币5000元。',
    values.fineWan ?? '0.5',
    values.decided ?? shanghaiDate(-20),
    values.until ?? '',
    '上海市长宁区市场监督管理局',
    '11310105MB2F03960Q',
    '上海市长宁区市场监督管理局',
  ]
}

describe('双公示 intake', () => {
  let t: TestApp
  let admin: string
  let staff: string
  /** The first import committed (two firms, two penalties): rolled back at the end of the correction test. */
  let firstImport = 0

  beforeAll(async () => {
    t = await buildTestApp()
    admin = (await signIn(t.app, 'demo-admin')).cookie
    staff = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  async function upload(body: string | Buffer, fileName: string, kind?: 'licence' | 'penalty'): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url: `/api/admin/intake/imports?fileName=${encodeURIComponent(fileName)}${kind
        ? `&kind=${kind}`
        : ''}`,
      headers: { 'cookie': admin, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'application/octet-stream' },
      payload: typeof body === 'string'
        ? Buffer.from(body)
        : body,
    })
  }

  /** Asks for the import until its check or commit has finished, as the portal does. */
  async function settled(id: number): Promise<IntakeImport> {
    for (;;) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/admin/intake/imports/${id}`,
        headers: { cookie: admin },
      })
      expect(res.statusCode).toBe(200)
      const found = res.json<IntakeImport>()
      if (found.status !== 'checking' && found.status !== 'committing')
        return found
      await new Promise(resolve => setTimeout(resolve, 20))
    }
  }

  async function checked(body: string | Buffer, fileName: string, kind?: 'licence' | 'penalty'): Promise<IntakeImport> {
    const res = await upload(body, fileName, kind)
    expect(res.statusCode, res.body).toBe(201)
    return settled(res.json<IntakeImport>().id)
  }

  async function act(id: number, step: 'commit' | 'rollback'): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url: `/api/admin/intake/imports/${id}/${step}`,
      headers: { cookie: admin, [CSRF_HEADER]: CSRF_VALUE },
    })
  }

  async function committed(id: number): Promise<IntakeImport> {
    const res = await act(id, 'commit')
    expect(res.statusCode, res.body).toBe(200)
    return settled(id)
  }

  async function profile(code: string): Promise<EnterpriseProfile | null> {
    const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${code}` })
    return res.statusCode === 200
      ? res.json<EnterpriseProfile>()
      : null
  }

  const recordCount = async () => Number((await t.app.db.selectFrom('credit_records').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('should refuse anonymous callers and street staff', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/intake/imports' })).statusCode).toBe(401)
    expect((await t.app.inject({
      method: 'GET',
      url: '/api/admin/intake/imports',
      headers: { cookie: staff },
    })).statusCode).toBe(403)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/intake/imports?fileName=a.csv',
      headers: { 'cookie': staff, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'application/octet-stream' },
      payload: 'x',
    })
    expect(res.statusCode).toBe(403)
  })

  it('should offer a template per kind whose headers the reader maps back to every field', async () => {
    for (const kind of ['licence', 'penalty'] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/admin/intake/template/${kind}.csv`,
        headers: { cookie: admin },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/csv/)
      expect(res.body.startsWith('\uFEFF')).toBe(true)
      const headers = res.body.slice(1).trim().split(',')
      expect(headers).toHaveLength(INTAKE_FIELDS[kind].length)
      // The template itself, uploaded empty, is read as the right kind and lacks nothing.
      const found = await checked(res.rawPayload, `${kind}.csv`)
      expect(found.status, found.refusal ?? '').toBe('checked')
      expect(found.kind).toBe(kind)
      expect(found.ignoredColumns).toEqual([])
      expect(found.rowsRead).toBe(0)
    }
  })

  it('should check a v2 file without writing, list every bad row with its column and reason, then commit it', async () => {
    const before = await recordCount()
    const file = `\uFEFF${csv([
      [...PENALTY_HEADERS, '备注'],
      [
        ...penaltyRow({ docNo: '沪长市监处〔2026〕9001号' }),
        '首次',
      ],
      [
        ...penaltyRow({ docNo: '沪长市监处〔2026〕9002号', code: '91310105MA1G4TK835' }),
        '',
      ],
      [
        ...penaltyRow({ docNo: '沪长市监处〔2026〕9003号', decided: '2026-02-30' }),
        '',
      ],
      [
        ...penaltyRow({
          docNo: '沪长市监处〔2026〕9004号',
          name: '上海长宁第二测试商贸有限公司',
          code: uscc(2),
          fineWan: '3',
          until: shanghaiDate(900),
        }),
        '',
      ],
      [
        ...penaltyRow({ docNo: '沪长市监处〔2026〕9001号' }),
        '重复',
      ],
    ])}`
    const found = await checked(file, '处罚-2026.csv')
    expect(found).toMatchObject({
      status: 'checked',
      kind: 'penalty',
      encoding: 'utf8',
      rowsRead: 5,
      ignoredColumns: ['备注'],
    })
    expect(found.counts).toEqual({
      new: 2,
      changed: 0,
      unchanged: 0,
      withdrawn: 0,
      rejected: 3,
    })
    expect(await recordCount()).toBe(before)
    expect(await profile(uscc(1))).toBeNull()

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/intake/imports/${found.id}/rejections`,
      headers: { cookie: admin },
    })
    const rejections = res.json<{ items: { rowNo: number, column: string, reason: string, message: string }[] }>().items
    expect(rejections.map(r => [r.rowNo, r.column, r.reason])).toEqual([
      [3, 'cf_xdr_shxym', 'uscc'],
      [4, 'cf_jdrq', 'date'],
      [6, 'cf_wsh', 'duplicate'],
    ])
    expect(rejections[2]!.message).toContain('第 2 行')

    const sheet = await t.app.inject({
      method: 'GET',
      url: `/api/admin/intake/imports/${found.id}/rejections.csv`,
      headers: { cookie: admin },
    })
    expect(sheet.statusCode).toBe(200)
    expect(sheet.body.startsWith('\uFEFF行号,列,原因代码,说明')).toBe(true)
    expect(sheet.body.trim().split('\r\n')).toHaveLength(4)

    firstImport = found.id
    const done = await committed(found.id)
    expect(done.status).toBe('committed')
    expect(await recordCount()).toBe(before + 2)
    const first = await profile(uscc(1))
    expect(first?.enterprise.name).toBe('上海长宁测试餐饮有限公司')
    expect(first?.records.penalties).toHaveLength(1)
    expect(first?.records.penalties[0]).toMatchObject({
      documentNo: '沪长市监处〔2026〕9001号',
      fineYuan: 5000,
      severity: 'general',
      publicUntil: shanghaiDate(-20).replace(/^(\d{4})/, y => String(Number(y) + 1)),
    })
    const second = await profile(uscc(2))
    expect(second?.records.penalties[0]).toMatchObject({
      fineYuan: 30000,
      severity: 'serious',
      publicUntil: shanghaiDate(900),
    })
    const search = await t.app.inject({ method: 'GET', url: `/api/enterprises?q=${encodeURIComponent('长宁测试餐饮')}` })
    expect(search.json<{ items: { uscc: string }[] }>().items.map(i => i.uscc)).toEqual([
      uscc(1),
    ])

    // A second commit of the same import is refused.
    expectError(await act(found.id, 'commit'), 409, 'IMPORT_STATE')
  })

  it('should change nothing when the same file comes again, and replace a corrected row by its natural key', async () => {
    const rows = [
      PENALTY_HEADERS,
      penaltyRow({ docNo: '沪长市监处〔2026〕9001号' }),
      penaltyRow({
        docNo: '沪长市监处〔2026〕9004号',
        name: '上海长宁第二测试商贸有限公司',
        code: uscc(2),
        fineWan: '3',
        until: shanghaiDate(900),
      }),
    ]
    const before = await recordCount()
    const again = await checked(csv(rows), 'again.csv')
    expect(again.counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 2,
      rejected: 0,
    })
    await committed(again.id)
    expect(await recordCount()).toBe(before)

    const corrected = await checked(csv([
      PENALTY_HEADERS,
      penaltyRow({ docNo: '沪长市监处〔2026〕9001号', content: '给予警告，并处罚款人民币3000元。', fineWan: '0.3' }),
    ]), 'corrected.csv')
    expect(corrected.counts).toMatchObject({ new: 0, changed: 1, unchanged: 0 })
    await committed(corrected.id)
    expect(await recordCount()).toBe(before)
    expect((await profile(uscc(1)))?.records.penalties[0]).toMatchObject({ content: '给予警告，并处罚款人民币3000元。', fineYuan: 3000 })

    // The earlier import cannot be undone alone while the correction stands; the correction can, and restores the first.
    expectError(await act(firstImport, 'rollback'), 409, 'IMPORT_SUPERSEDED')
    const undone = await act(corrected.id, 'rollback')
    expect(undone.statusCode, undone.body).toBe(200)
    expect(undone.json<IntakeImport>().status).toBe('rolledBack')
    expect((await profile(uscc(1)))?.records.penalties[0]).toMatchObject({ content: '给予警告，并处罚款人民币5000元。', fineYuan: 5000 })
    expectError(await act(corrected.id, 'rollback'), 409, 'IMPORT_STATE')

    // Now the first import rolls back as a whole: its records and the firms it added are gone.
    expect((await act(firstImport, 'rollback')).statusCode).toBe(200)
    expect(await profile(uscc(1))).toBeNull()
    expect(await profile(uscc(2))).toBeNull()
    expect(await recordCount()).toBe(before - 2)
    const audit = await t.app.db.selectFrom('admin_audit').select(['action', 'target', 'detail']).where('action', 'like', 'intake.%').where('target', '=', `import:${firstImport}`).orderBy('id').execute()
    expect(audit.map(a => a.action)).toEqual(['intake.upload', 'intake.commit', 'intake.rollback'])
    // Who (the actor), the file and its hash, and what the commit wrote.
    expect(audit[0]?.detail).toMatch(/^处罚-2026\.csv · \d+ bytes · sha256 [0-9a-f]{64}$/)
    expect(audit[1]?.detail).toBe('new 2 · changed 0 · unchanged 0 · withdrawn 0 · rejected 3')
  })

  it('should read a GBK file with v1 headers, and a licence valid 长期 shows no end date', async () => {
    const rows = [
      [
        '行政相对人名称',
        '统一社会信用代码',
        '行政许可决定书文号',
        '项目名称',
        '审批类别',
        '许可内容',
        '许可决定日期',
        '许可有效期自',
        '许可截止期',
        '许可机关',
        '当前状态',
      ],
      [
        '上海长宁知岚餐饮管理有限公司',
        SEEDED_FIRM,
        '沪长市监食许〔2026〕0999号',
        '食品经营许可',
        '普通',
        '热食类食品制售',
        shanghaiDate(-10).replaceAll('-', '/'),
        shanghaiDate(-10),
        '2099/12/31',
        '上海市长宁区市场监督管理局',
        '有效',
      ],
      [
        '上海长宁知岚餐饮管理有限公司',
        SEEDED_FIRM,
        '沪长市监食许〔2026〕1000号',
        '食品经营许可',
        '特别',
        '冷食类食品制售',
        shanghaiDate(-10),
        shanghaiDate(-10),
        shanghaiDate(-20),
        '上海市长宁区市场监督管理局',
        '有效',
      ],
    ]
    const found = await checked(iconv.encode(csv(rows), 'gbk'), 'licences-gbk.csv')
    expect(found).toMatchObject({ status: 'checked', kind: 'licence', encoding: 'gb18030' })
    expect(found.counts).toMatchObject({ new: 1, rejected: 1 })
    const rejected = (await t.app.inject({
      method: 'GET',
      url: `/api/admin/intake/imports/${found.id}/rejections`,
      headers: { cookie: admin },
    })).json<{ items: { column: string, reason: string }[] }>().items
    expect(rejected).toHaveLength(2)
    expect(rejected.map(r => [r.column, r.reason])).toEqual(expect.arrayContaining([
      ['审批类别', 'licenceType'],
      ['许可截止期', 'dateOrder'],
    ]))
    await committed(found.id)
    const licence = (await profile(SEEDED_FIRM))?.records.licences.find(l => l.documentNo === '沪长市监食许〔2026〕0999号')
    expect(licence).toMatchObject({
      title: '食品经营许可',
      validTo: null,
      current: true,
      licenceType: 'ordinary',
    })

    // The same licence later marked 无效 leaves publication.
    const withdrawn = await checked(iconv.encode(csv([
      rows[0]!,
      rows[1]!.map((c, i) => i === 10
        ? '无效'
        : c),
    ]), 'gbk'), 'withdrawn.csv')
    expect(withdrawn.counts).toMatchObject({ withdrawn: 1 })
    await committed(withdrawn.id)
    expect((await profile(SEEDED_FIRM))?.records.licences.some(l => l.documentNo === '沪长市监食许〔2026〕0999号')).toBe(false)
  })

  it('should attach a person\'s penalty by ID number without storing the number, and add a person not on file without a phone', async () => {
    const lines = [
      {
        cf_xdr_mc: '赵静文',
        cf_xdr_lb: '自然人',
        cf_xdr_zjlx: '身份证',
        cf_xdr_zjhm: SEEDED_PERSON_ID,
        cf_wsh: '沪长公（治）罚〔2026〕0031号',
        cf_wfxw: '违反养犬管理规定',
        cf_sy: '携犬出户未束犬链。',
        cf_yj: '《上海市养犬管理条例》第四十七条',
        cf_cflb: '罚款',
        cf_nr: '罚款人民币200元。',
        cf_nr_fk: 0.02,
        cf_jdrq: shanghaiDate(-5),
        cf_cfjg: '上海市公安局长宁分局',
      },
      {
        cf_xdr_mc: '某某',
        cf_xdr_lb: '自然人',
        cf_xdr_zjhm: UNKNOWN_PERSON_ID,
        cf_wsh: '沪长公（治）罚〔2026〕0032号',
        cf_wfxw: '违反养犬管理规定',
        cf_sy: '携犬出户未束犬链。',
        cf_yj: '《上海市养犬管理条例》第四十七条',
        cf_cflb: '罚款',
        cf_nr: '罚款人民币200元。',
        cf_jdrq: shanghaiDate(-5),
        cf_cfjg: '上海市公安局长宁分局',
      },
    ]
    const found = await checked(`${lines.map(l => JSON.stringify(l)).join('\n')}\n\n`, 'persons.ndjson')
    expect(found.counts).toMatchObject({ new: 2, rejected: 0 })
    const personsBefore = await t.app.db.selectFrom('persons').select('id').execute()
    await committed(found.id)
    const row = await t.app.db.selectFrom('credit_records').innerJoin('persons', 'persons.id', 'credit_records.person_id').select(['persons.name', 'credit_records.fine_yuan']).where('credit_records.document_no', '=', '沪长公（治）罚〔2026〕0031号').executeTakeFirst()
    expect(row).toEqual({ name: '赵静文', fine_yuan: 200 })
    // The other person is now on file, known by the keyed hash and the masked number, with no phone.
    const added = await t.app.db.selectFrom('persons').selectAll().where('id', 'not in', personsBefore.map(p => p.id)).execute()
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({
      name: '某某',
      id_masked: '1101**********002X',
      birth_date: '1949-12-31',
      phone: null,
    })
    // Neither ID number is anywhere in the database file.
    for (const file of [t.config.databasePath, `${t.config.databasePath}-wal`].filter(f => existsSync(f))) {
      const bytes = readFileSync(file)
      expect(bytes.includes(SEEDED_PERSON_ID)).toBe(false)
      expect(bytes.includes(UNKNOWN_PERSON_ID)).toBe(false)
    }
  })

  it('should read an Excel workbook: dates, numbers and rich text as they show, rows numbered as the sheet numbers them', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('处罚')
    sheet.addRow(['双公示行政处罚数据（区城管执法局报送）'])
    sheet.addRow([])
    sheet.addRow([
      '行政相对人名称',
      '统一社会信用代码',
      '行政处罚决定书文号',
      '违法行为类型',
      '违法事实',
      '处罚依据',
      '处罚类别',
      '处罚内容',
      '罚款金额（万元）',
      '处罚决定日期',
      '处罚机关',
    ])
    sheet.addRow([
      '上海长宁表格测试有限公司',
      uscc(21),
      '沪长城管罚〔2026〕0001号',
      '占道经营',
      {
        richText: [
          { text: '在' },
          { text: '人行道上摆摊' },
        ],
      },
      '《上海市市容环境卫生管理条例》第二十二条',
      '罚款',
      '罚款人民币500元。',
      0.05,
      new Date(`${shanghaiDate(-3)}T00:00:00Z`),
      '上海市长宁区城市管理行政执法局',
    ])
    sheet.addRow([
      '上海长宁表格测试有限公司',
      uscc(21),
      '沪长城管罚〔2026〕0002号',
      '占道经营',
      '在人行道上摆摊',
      '条例',
      '罚款',
      '罚款人民币500元。',
      'abc',
      shanghaiDate(-3),
      '上海市长宁区城市管理行政执法局',
    ])
    // A title above the header: the first non-empty row is the header, so the file is refused, saying why.
    const found = await checked(Buffer.from(await workbook.xlsx.writeBuffer()), '城管处罚.xlsx')
    expect(found.status, found.refusal ?? '').toBe('refused')
    expect(found.refusal).toContain('缺少“许可类别”或“处罚类别”列')

    sheet.spliceRows(1, 2)
    const ok = await checked(Buffer.from(await workbook.xlsx.writeBuffer()), '城管处罚.xlsx')
    expect(ok).toMatchObject({ status: 'checked', kind: 'penalty' })
    expect(ok.counts).toMatchObject({ new: 1, rejected: 1 })
    const rejected = (await t.app.inject({
      method: 'GET',
      url: `/api/admin/intake/imports/${ok.id}/rejections`,
      headers: { cookie: admin },
    })).json<{ items: { rowNo: number, column: string, reason: string }[] }>().items
    expect(rejected).toEqual([
      expect.objectContaining({ rowNo: 3, column: '罚款金额（万元）', reason: 'fine' }),
    ])
    await committed(ok.id)
    expect((await profile(uscc(21)))?.records.penalties[0]).toMatchObject({
      facts: '在人行道上摆摊',
      fineYuan: 500,
      decidedOn: shanghaiDate(-3),
    })
  })

  it('should refuse a workbook that inflates far beyond its size before reading it, and a file that is no workbook', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('x')
    sheet.addRow(PENALTY_HEADERS)
    sheet.addRow([
      'a'.repeat(4 * 1024 * 1024),
    ])
    const bomb = Buffer.from(await workbook.xlsx.writeBuffer())
    expect(bomb.length).toBeLessThan(256 * 1024)
    const found = await checked(bomb, 'bomb.xlsx')
    expect(found.status).toBe('refused')
    expect(found.refusal).toContain('Excel')
    const fake = await checked('not a zip at all', 'fake.xlsx')
    expect(fake.status).toBe('refused')
    expect(fake.refusal).toContain('Excel')
  })

  it('should refuse whole files that cannot be read, naming why, and write nothing', async () => {
    expectError(await upload('a,b', 'data.xls'), 415, 'FILE_TYPE')
    const missing = await checked(csv([
      ['cf_xdr_mc', 'cf_cflb'],
      ['x', '罚款'],
    ]), 'missing.csv')
    expect(missing.status).toBe('refused')
    expect(missing.refusal).toContain('cf_wsh')
    const unknown = await checked(csv([
      ['名称', '代码'],
      ['x', 'y'],
    ]), 'unknown.csv')
    expect(unknown.status).toBe('refused')
    const wide = await checked(csv([
      Array.from({ length: 10_000 }, (_, i) => `c${i}`),
    ]), 'wide.csv')
    expect(wide.status).toBe('refused')
    expect(wide.refusal).toContain('列数')
    const cell = await checked(csv([
      PENALTY_HEADERS,
      penaltyRow({
        docNo: 'x',
        content: 'x'.repeat(1024 * 1024),
      }),
    ]), 'cell.csv')
    expect(cell.status).toBe('refused')
    expect(cell.refusal).toContain('单元格')
    for (const id of [missing.id, wide.id, cell.id])
      expectError(await act(id, 'commit'), 409, 'IMPORT_STATE')
  })

  describe('the machine interface', () => {
    let token: string
    beforeAll(async () => {
      token = randomToken()
      await t.app.repos.intake.createSource({
        name: '区市场监管局执法系统',
        authorityUscc: '11310105MB2F03960Q',
        tokenHash: sha256(token),
        at: new Date().toISOString(),
      })
    })

    const push = async (records: Record<string, string | number | null>[], batchKey: string, auth = `Bearer ${token}`) => t.app.inject({
      method: 'POST',
      url: '/api/intake/penalties',
      headers: { authorization: auth },
      payload: { batchKey, records },
    })
    const record = (docNo: string, code = uscc(7)) => Object.fromEntries(PENALTY_HEADERS.map((h, i) => [h, penaltyRow({ docNo, code, name: '上海长宁推送测试有限公司' })[i]!]))

    it('should refuse a caller without a valid token', async () => {
      expectError(await push([
        record('P-1'),
      ], 'b0', ''), 401, 'SOURCE_UNKNOWN')
      expectError(await push([
        record('P-1'),
      ], 'b0', `Bearer ${randomToken()}`), 401, 'SOURCE_UNKNOWN')
    })

    it('should write good rows, answer each row, and answer a batch key again without changing anything', async () => {
      const bad = {
        ...record('P-3'),
        cf_jdrq: '明天',
      }
      const res = await push([
        record('P-1'),
        record('P-2'),
        bad,
      ], 'batch-1')
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json<{ replayed: boolean, counts: Record<string, number>, rows: { rowNo: number, action: string, rejections: { column: string, reason: string }[] }[] }>()
      expect(body.replayed).toBe(false)
      expect(body.counts).toMatchObject({ new: 2, rejected: 1 })
      expect(body.rows[2]).toMatchObject({
        rowNo: 3,
        action: 'rejected',
        rejections: [
          { column: 'cf_jdrq', reason: 'date' },
        ],
      })
      expect((await profile(uscc(7)))?.records.penalties).toHaveLength(2)
      const before = await recordCount()
      const again = await push([
        record('P-1'),
        record('P-2'),
        bad,
      ], 'batch-1')
      expect(again.json()).toMatchObject({ replayed: true, counts: body.counts, rows: body.rows })
      expect(await recordCount()).toBe(before)
      const logged = await t.app.db.selectFrom('admin_audit').select(['actor_id', 'detail']).where('action', '=', 'intake.push').execute()
      expect(logged).toEqual([
        { actor_id: null, detail: '区市场监管局执法系统 · batch batch-1 · new 2 · changed 0 · unchanged 0 · withdrawn 0 · rejected 1' },
      ])
      const source = (await t.app.inject({
        method: 'GET',
        url: '/api/admin/intake/sources',
        headers: { cookie: admin },
      })).json<{ items: { name: string, lastDeliveryAt: string | null }[] }>()
      expect(source.items[0]?.lastDeliveryAt).not.toBeNull()
    })

    it('should take a batch as NDJSON, its key in Idempotency-Key, and refuse a line that is not JSON', async () => {
      const ndjson = (lines: string[], key?: string) => t.app.inject({
        method: 'POST',
        url: '/api/intake/penalties',
        headers: {
          'authorization': `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          ...(key
            ? { 'idempotency-key': key }
            : {}),
        },
        payload: `${lines.join('\n')}\n`,
      })
      const lines = [
        JSON.stringify(record('N-1')),
        '',
        JSON.stringify(record('N-2')),
      ]
      const res = await ndjson(lines, 'ndjson-1')
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({
        replayed: false,
        counts: { new: 2 },
      })
      expect((await ndjson(lines, 'ndjson-1')).json()).toMatchObject({ replayed: true })
      expectError(await ndjson(lines), 400, 'VALIDATION_FAILED')
      const broken = expectError(await ndjson([
        JSON.stringify(record('N-3')),
        '{not json',
      ], 'ndjson-2'), 400, 'VALIDATION_FAILED')
      expect(broken.details?.[0]?.reason).toBe('line 2 is not JSON')
    })

    it('should answer two deliveries of the same batch at once with one write', async () => {
      const before = await recordCount()
      const [a, b] = await Promise.all([
        push([
          record('C-1'),
        ], 'same-time'),
        push([
          record('C-1'),
        ], 'same-time'),
      ])
      expect([a.statusCode, b.statusCode]).toEqual([200, 200])
      expect([a.json<{ replayed: boolean }>().replayed, b.json<{ replayed: boolean }>().replayed].sort()).toEqual([false, true])
      expect(await recordCount()).toBe(before + 1)
    })

    it('should stop a source after 60 batches a minute, telling it when to try again, without writing the 61st', async () => {
      // Three batches were delivered by the tests above; 57 more reach the limit.
      for (let i = 0; i < 57; i++) {
        expect((await push([
          record(`R-${i}`),
        ], `rate-${i}`)).statusCode).toBe(200)
      }
      const before = await recordCount()
      const error = expectError(await push([
        record('R-over'),
      ], 'rate-over'), 429, 'TOO_MANY_REQUESTS')
      expect(error.retryAfterSeconds).toBe(60)
      expect(await recordCount()).toBe(before)
    })

    it('should refuse an oversized batch and a revoked token', async () => {
      const many = Array.from({ length: 5001 }, (_, i) => ({ cf_wsh: `X-${i}` }))
      expectError(await push(many, 'too-many'), 400, 'VALIDATION_FAILED')
      await t.app.repos.intake.revokeSource('区市场监管局执法系统', new Date().toISOString())
      expectError(await push([
        record('P-9'),
      ], 'batch-9'), 401, 'SOURCE_UNKNOWN')
    })

    it('should show on the firm\'s profile when each source last updated it', async () => {
      const found = await profile(uscc(7))
      expect(found?.updates).toEqual([
        {
          source: '区市场监管局执法系统',
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      ])
      // A firm no import touched has none.
      expect((await profile(SEEDED_FIRM))?.updates.every(u => u.source !== '区市场监管局执法系统')).toBe(true)
    })
  })

  describe('sources in the portal', () => {
    const post = async (url: string, payload?: object, cookie = admin) => t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
      ...(payload
        ? { payload }
        : {}),
    })
    const sources = async () => (await t.app.inject({
      method: 'GET',
      url: '/api/admin/intake/sources',
      headers: { cookie: admin },
    })).json<{ items: { id: number, name: string, active: boolean, overdue: boolean, accepted30d: number, rejected30d: number, lastDeliveryAt: string | null }[] }>().items

    it('should let an admin register a source whose token works at once, and revoke it', async () => {
      expect((await post('/api/admin/intake/sources', { name: '区税务局', authorityUscc: '11310105MB2F03960Q' }, staff)).statusCode).toBe(403)
      expectError(await post('/api/admin/intake/sources', { name: '区税务局', authorityUscc: '11310105MB2F03960T' }), 400, 'INVALID_USCC')
      const res = await post('/api/admin/intake/sources', { name: '区税务局', authorityUscc: '11310105mb2f03960q' })
      expect(res.statusCode, res.body).toBe(201)
      const { source, token } = res.json<{ source: { id: number, authorityUscc: string, active: boolean }, token: string }>()
      expect(source).toMatchObject({ authorityUscc: '11310105MB2F03960Q', active: true })
      expectError(await post('/api/admin/intake/sources', { name: '区税务局', authorityUscc: '11310105MB2F03960Q' }), 409, 'SOURCE_NAME_TAKEN')
      // Only the token's hash is kept.
      const stored = await t.app.db.selectFrom('intake_sources').select('token_hash').where('id', '=', source.id).executeTakeFirstOrThrow()
      expect(stored.token_hash).toBe(sha256(token))

      const good = Object.fromEntries(PENALTY_HEADERS.map((h, i) => [h, penaltyRow({
        docNo: 'T-1',
        code: uscc(8),
      })[i]!]))
      const bad = { ...good, cf_wsh: 'T-2', cf_xdr_shxym: '91310105MA00000001' }
      const pushed = await t.app.inject({
        method: 'POST',
        url: '/api/intake/penalties',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          batchKey: 'tax-1',
          records: [good, bad],
        },
      })
      expect(pushed.statusCode, pushed.body).toBe(200)
      const listed = (await sources()).find(x => x.id === source.id)
      expect(listed).toMatchObject({ accepted30d: 1, rejected30d: 1, overdue: false })
      expect(listed?.lastDeliveryAt).not.toBeNull()

      expect((await post(`/api/admin/intake/sources/${source.id}/revoke`)).statusCode).toBe(204)
      expect((await sources()).find(x => x.id === source.id)?.active).toBe(false)
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/intake/penalties',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          batchKey: 'tax-2',
          records: [good],
        },
      })
      expectError(refused, 401, 'SOURCE_UNKNOWN')
      expectError(await post('/api/admin/intake/sources/99999/revoke'), 404, 'NOT_FOUND')
    })

    it('should mark a source that has delivered nothing for more than ten working days', async () => {
      const longAgo = new Date(Date.now() - 20 * 86_400_000).toISOString()
      const recently = new Date(Date.now() - 86_400_000).toISOString()
      const late = await t.app.repos.intake.createSource({
        name: '区环境局',
        authorityUscc: '11310105MB2F03960Q',
        tokenHash: sha256(randomToken()),
        at: longAgo,
      })
      const fresh = await t.app.repos.intake.createSource({
        name: '区卫健委',
        authorityUscc: '11310105MB2F03960Q',
        tokenHash: sha256(randomToken()),
        at: recently,
      })
      const all = await sources()
      expect(all.find(x => x.id === late)?.overdue).toBe(true)
      expect(all.find(x => x.id === fresh)?.overdue).toBe(false)
    })

    it('should count an admin\'s file toward the source it names, and refuse a source that does not exist', async () => {
      const [source] = (await sources()).filter(x => x.name === '区卫健委')
      const file = csv([
        PENALTY_HEADERS,
        penaltyRow({
          docNo: 'F-1',
          code: uscc(9),
        }),
      ])
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/admin/intake/imports?fileName=f.csv&source=${source!.id}`,
        headers: { 'cookie': admin, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'application/octet-stream' },
        payload: file,
      })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json<{ source: string }>().source).toBe('区卫健委')
      await committed((await settled(res.json<{ id: number }>().id)).id)
      expect((await sources()).find(x => x.id === source!.id)).toMatchObject({
        accepted30d: 1,
        lastDeliveryAt: expect.any(String),
      })
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/admin/intake/imports?fileName=f.csv&source=99999',
        headers: { 'cookie': admin, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'application/octet-stream' },
        payload: file,
      })
      expectError(unknown, 400, 'VALIDATION_FAILED')
    })
  })
})

describe('双公示 intake: the file size cap', () => {
  it('should refuse a file over INTAKE_MAX_FILE_MB as it arrives, keeping nothing of it', async () => {
    const t = await buildTestApp({
      env: { INTAKE_MAX_FILE_MB: '1' },
    })
    try {
      const admin = (await signIn(t.app, 'demo-admin')).cookie
      const upload = async (bytes: number) => t.app.inject({
        method: 'POST',
        url: '/api/admin/intake/imports?fileName=big.csv',
        headers: { 'cookie': admin, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'text/csv' },
        payload: Buffer.alloc(bytes, 'a'),
      })
      expectError(await upload(1024 * 1024 + 1), 413, 'FILE_TOO_LARGE')
      expect(await t.app.db.selectFrom('intake_imports').select('id').execute()).toEqual([])
      // Just under the cap it is taken (and then refused for what it holds, not for its size).
      expect((await upload(1024 * 1024 - 10)).statusCode).toBe(201)
    }
    finally {
      await t.close()
    }
  })
})

describe('双公示 intake across a restart', () => {
  it('should close a check and a commit that a stop cut off, so the admin can upload again or roll back', async () => {
    const dir = makeTempDir()
    try {
      const first = await buildTestApp({ dir })
      const at = new Date().toISOString()
      const base = {
        sourceId: null,
        kind: 'penalty' as const,
        channel: 'file' as const,
        fileName: 'a.csv',
        fileHash: null,
        fileBytes: 1,
        batchKey: null,
        createdBy: null,
        at,
      }
      const checking = await first.app.repos.intake.createImport({ ...base, status: 'checking' })
      const committing = await first.app.repos.intake.createImport({ ...base, status: 'committing' })
      await first.app.close()

      const second = await buildTestApp({ dir })
      try {
        const admin = (await signIn(second.app, 'demo-admin')).cookie
        const read = async (id: number) => (await second.app.inject({
          method: 'GET',
          url: `/api/admin/intake/imports/${id}`,
          headers: { cookie: admin },
        })).json<IntakeImport>()
        expect(await read(checking)).toMatchObject({
          status: 'refused',
          refusal: expect.stringContaining('请重新上传'),
        })
        expect(await read(committing)).toMatchObject({
          status: 'committed',
          refusal: expect.stringContaining('可整体撤销'),
        })
        const undo = await second.app.inject({
          method: 'POST',
          url: `/api/admin/intake/imports/${committing}/rollback`,
          headers: { cookie: admin, [CSRF_HEADER]: CSRF_VALUE },
        })
        expect(undo.statusCode).toBe(200)
      }
      finally {
        await second.close()
      }
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
