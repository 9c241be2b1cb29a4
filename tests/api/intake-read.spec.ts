// The streaming reader of 双公示 data files: encodings (UTF-8 with and without BOM, GBK, UTF-16), CSV quoting, NDJSON
// and JSON, every limit and how it is reported (problem and row number), and that files are let go of when reading
// stops early.
import type { IntakeFormat, ReadLimits, ReadRow } from '../../server/intake/read'
import { Buffer } from 'node:buffer'
import { mkdtempSync, readdirSync, readlinkSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { detectEncoding, formatOf, MAX_JSON_BYTES, openTable, READ_LIMITS, ReadError } from '../../server/intake/read'

const dir = mkdtempSync(join(tmpdir(), 'intake-read-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
function fixture(content: string | Buffer, ext = 'csv'): string {
  const path = join(dir, `f${++fileCount}.${ext}`)
  writeFileSync(path, content)
  return path
}

async function readAll(path: string, format: IntakeFormat = 'csv', limits?: ReadLimits) {
  const table = await openTable(path, format, limits)
  const rows: ReadRow[] = []
  for await (const row of table.rows)
    rows.push(row)
  return { encoding: table.encoding, headers: table.headers, rows }
}

/** The ReadError that opening or reading the file through ends with, and the rows read before it. */
async function failure(path: string, format: IntakeFormat = 'csv', limits?: ReadLimits) {
  const rows: ReadRow[] = []
  try {
    const table = await openTable(path, format, limits)
    for await (const row of table.rows)
      rows.push(row)
  }
  catch (err) {
    expect(err).toBeInstanceOf(ReadError)
    const { problem, rowNo, message } = err as ReadError
    return {
      problem,
      rowNo,
      message,
      rowsRead: rows.length,
    }
  }
  throw new Error('the file was read without an error')
}

/** The descriptors this process holds open on a file (Linux only; elsewhere none are seen). */
function openDescriptors(path: string): number {
  if (process.platform !== 'linux')
    return 0
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path
    }
    catch {
      return false
    }
  }).length
}

const HEADERS = ['行政相对人名称', '统一社会信用代码', '处罚决定日期']
const PENALTY_CSV = `${HEADERS.join(',')}\n上海长宁某某餐饮有限公司,91310105MA1FL0XX0X,2024-03-01\n长宁区某某便利店,92310105MA1GXXXX1Y,2024-04-15\n`
const PENALTY_ROWS = [
  {
    rowNo: 2,
    cells: { 行政相对人名称: '上海长宁某某餐饮有限公司', 统一社会信用代码: '91310105MA1FL0XX0X', 处罚决定日期: '2024-03-01' },
  },
  {
    rowNo: 3,
    cells: { 行政相对人名称: '长宁区某某便利店', 统一社会信用代码: '92310105MA1GXXXX1Y', 处罚决定日期: '2024-04-15' },
  },
]

describe('formatOf', () => {
  it('knows a file by its extension, in any case', () => {
    expect(formatOf('处罚.csv')).toBe('csv')
    expect(formatOf('export.TXT')).toBe('csv')
    expect(formatOf('a.b.ndjson')).toBe('ndjson')
    expect(formatOf('rows.JSONL')).toBe('ndjson')
    expect(formatOf('rows.json')).toBe('json')
    expect(formatOf('rows.xlsx')).toBe('xlsx')
    expect(formatOf('rows.xls')).toBeNull()
    expect(formatOf('csv')).toBeNull()
    expect(formatOf('rows.csv.exe')).toBeNull()
  })
})

describe('detectEncoding', () => {
  const text = `${HEADERS.join(',')}\n长宁区某某便利店,,2024-04-15\n`

  it('reads byte-order marks', () => {
    expect(detectEncoding(Buffer.concat([
      Buffer.from([0xEF, 0xBB, 0xBF]),
      Buffer.from(text),
    ]))).toBe('utf8')
    expect(detectEncoding(Buffer.concat([
      Buffer.from([0xFF, 0xFE]),
      Buffer.from(text, 'utf16le'),
    ]))).toBe('utf16le')
    expect(detectEncoding(Buffer.from([0xFE, 0xFF, 0x4E, 0x2D]))).toBe('utf16be')
  })

  it('takes valid UTF-8 for UTF-8, even with a character cut by the end of the sample', () => {
    expect(detectEncoding(Buffer.from(text))).toBe('utf8')
    expect(detectEncoding(Buffer.from('plain ascii,only\n'))).toBe('utf8')
    expect(detectEncoding(Buffer.alloc(0))).toBe('utf8')
    const bytes = Buffer.from('名称名称')
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf8')
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2))).toBe('utf8')
  })

  it('takes anything else for GB18030 (GBK and GB2312 included)', () => {
    expect(detectEncoding(iconv.encode(text, 'gbk'))).toBe('gb18030')
    expect(detectEncoding(iconv.encode(text, 'gb2312'))).toBe('gb18030')
    // An invalid byte before the end is not excused as a cut character.
    expect(detectEncoding(Buffer.concat([
      iconv.encode('张三', 'gbk'),
      Buffer.from('abc'),
    ]))).toBe('gb18030')
  })
})

describe('cSV', () => {
  it('reads UTF-8 with and without a BOM alike', async () => {
    for (const content of [PENALTY_CSV, `\uFEFF${PENALTY_CSV}`]) {
      const table = await readAll(fixture(content))
      expect(table.encoding).toBe('utf8')
      expect(table.headers).toEqual(HEADERS)
      expect(table.rows).toEqual(PENALTY_ROWS)
    }
  })

  it('reads GBK, with CRLF line ends, back to the same text', async () => {
    const table = await readAll(fixture(iconv.encode(PENALTY_CSV.replaceAll('\n', '\r\n'), 'gbk')))
    expect(table.encoding).toBe('gb18030')
    expect(table.headers).toEqual(HEADERS)
    expect(table.rows).toEqual(PENALTY_ROWS)
  })

  it('reads UTF-16 with its BOM', async () => {
    const table = await readAll(fixture(Buffer.concat([
      Buffer.from([0xFF, 0xFE]),
      Buffer.from(PENALTY_CSV, 'utf16le'),
    ])))
    expect(table.encoding).toBe('utf16le')
    expect(table.headers).toEqual(HEADERS)
    expect(table.rows).toEqual(PENALTY_ROWS)
  })

  it('refuses a UTF-8 file that stops being UTF-8 after the sampled start', async () => {
    const ascii = `${'a,b,c\n'.repeat(12_000)}`
    const content = Buffer.concat([
      Buffer.from(`name,code,date\n${ascii}`),
      iconv.encode('长宁区某某便利店,x,y\n', 'gbk'),
    ])
    expect(content.length).toBeGreaterThan(64 * 1024)
    const found = await failure(fixture(content))
    expect(found.problem).toBe('encoding')
  })

  it('reads quoted cells with commas, quotes and line breaks, and numbers rows as a spreadsheet shows them', async () => {
    const content = [
      ' 名称 , 地址 ,备注',
      '"上海某某公司, 长宁分公司","长宁路1号\n2楼","他说""好"""',
      '',
      ',,',
      '只有名称',
      '  "  留白  "  ,b,c',
    ].join('\n')
    const table = await readAll(fixture(content))
    expect(table.headers).toEqual(['名称', '地址', '备注'])
    expect(table.rows).toEqual([
      {
        rowNo: 2,
        cells: { 名称: '上海某某公司, 长宁分公司', 地址: '长宁路1号\n2楼', 备注: '他说"好"' },
      },
      // Row 3 is blank and row 4 all empty: both skipped, both counted.
      {
        rowNo: 5,
        cells: { 名称: '只有名称', 地址: '', 备注: '' },
      },
      {
        rowNo: 6,
        cells: { 名称: '留白', 地址: 'b', 备注: 'c' },
      },
    ])
  })

  it('reads a header alone as a file with no rows, and an empty file as empty', async () => {
    const table = await readAll(fixture(`${HEADERS.join(',')}\r\n`))
    expect(table.headers).toEqual(HEADERS)
    expect(table.rows).toEqual([])
    expect(await failure(fixture(''))).toMatchObject({ problem: 'empty', rowNo: null })
    expect(await failure(fixture('\n \n,,\n'))).toMatchObject({ problem: 'empty', rowNo: null })
  })

  it('refuses a repeated or empty header name, naming it', async () => {
    const repeated = await failure(fixture('名称,代码,名称\na,b,c\n'))
    expect(repeated).toMatchObject({ problem: 'header', rowNo: 1 })
    expect(repeated.message).toContain('"名称"')
    expect(await failure(fixture(' 名称 ,代码,名称\na,b,c\n'))).toMatchObject({ problem: 'header', rowNo: 1 })
    const unnamed = await failure(fixture('名称,,代码\na,b,c\n'))
    expect(unnamed).toMatchObject({ problem: 'header', rowNo: 1 })
    expect(unnamed.message).toContain('column 2')
  })

  it('drops empty columns a spreadsheet saved after the last one', async () => {
    const table = await readAll(fixture('名称,代码,,\na,b,,\nc,d\n'))
    expect(table.headers).toEqual(['名称', '代码'])
    expect(table.rows.map(r => r.cells)).toEqual([
      { 名称: 'a', 代码: 'b' },
      { 名称: 'c', 代码: 'd' },
    ])
  })

  it('refuses a header of more than 200 columns at row 1, before reading on', async () => {
    const header = Array.from({ length: 201 }, (_, i) => `列${i + 1}`).join(',')
    // The broken row after it is never reached.
    const found = await failure(fixture(`${header}\n"stray"quote\n`))
    expect(found).toMatchObject({ problem: 'columns', rowNo: 1, rowsRead: 0 })
    const exactly = Array.from({ length: 200 }, (_, i) => `列${i + 1}`).join(',')
    expect((await readAll(fixture(`${exactly}\n`))).headers).toHaveLength(200)
  })

  it('refuses a row with more cells than the header, naming its row', async () => {
    const found = await failure(fixture(`${PENALTY_CSV}某公司,9131,2024-01-01,多出来的\n`))
    expect(found).toMatchObject({ problem: 'columns', rowNo: 4 })
  })

  it('refuses a cell over the limit, and a 1 MB cell without reading it whole', async () => {
    const long = await failure(fixture(`${PENALTY_CSV}某公司,${'x'.repeat(READ_LIMITS.maxCellChars + 1)},2024-01-01\n`))
    expect(long).toMatchObject({ problem: 'cell', rowNo: 4 })
    expect(long.message).toContain('统一社会信用代码')
    const atLimit = await readAll(fixture(`${PENALTY_CSV}某公司,${'长'.repeat(READ_LIMITS.maxCellChars)},2024-01-01\n`))
    expect(atLimit.rows[2]?.cells.统一社会信用代码).toHaveLength(READ_LIMITS.maxCellChars)

    const huge = await failure(fixture(`${PENALTY_CSV}某公司,"${'长'.repeat(1024 * 1024)}",2024-01-01\n`))
    expect(huge).toMatchObject({ problem: 'cell', rowNo: 4 })
  })

  it('refuses more rows than the limit as soon as the first one too many is met', async () => {
    const limits = { ...READ_LIMITS, maxRows: 3 }
    const lines = Array.from({ length: 6 }, (_, i) => `公司${i},${i},2024-01-01`)
    const found = await failure(fixture(`${HEADERS.join(',')}\n${lines.join('\n')}\n`), 'csv', limits)
    expect(found).toMatchObject({ problem: 'rows', rowNo: 5 })
    const exactly = await readAll(fixture(`${HEADERS.join(',')}\n${lines.slice(0, 3).join('\n')}\n`), 'csv', limits)
    expect(exactly.rows).toHaveLength(3)
  })

  it('reports the first problem in the file, numbering rows after blank lines and quoted line breaks', async () => {
    const content = `\n${HEADERS.join(',')}\n\n"某公司\n长宁分公司",9131,2024-01-01\n某公司,9131,2024-01-01,多出来的\n"unclosed\n`
    expect(await failure(fixture(content))).toMatchObject({ problem: 'columns', rowNo: 5 })
    const table = await readAll(fixture(content.split('某公司,9131')[0]!))
    expect(table.headers).toEqual(HEADERS)
    expect(table.rows.map(r => r.rowNo)).toEqual([4])
  })

  it('refuses broken quoting, naming the row', async () => {
    const unclosed = await failure(fixture(`${PENALTY_CSV}"某公司,9131,2024-01-01\n`))
    expect(unclosed).toMatchObject({ problem: 'syntax', rowNo: 4 })
    const stray = await failure(fixture(`${PENALTY_CSV}"某公司"x,9131,2024-01-01\n`))
    expect(stray).toMatchObject({ problem: 'syntax', rowNo: 4 })
    expect(stray.message).not.toContain('某公司')
  })
})

describe('nDJSON', () => {
  it('reads one object a line, skipping blank lines, numbering rows by line', async () => {
    const content = [
      JSON.stringify({ 名称: ' 某公司 ', 金额: 5000, 公开: true }),
      '',
      '   ',
      JSON.stringify({ 名称: '另一公司', 金额: 0.5, 备注: null }),
      '',
    ].join('\r\n')
    const table = await readAll(fixture(content, 'ndjson'), 'ndjson')
    expect(table.encoding).toBe('utf8')
    expect(table.headers).toEqual(['名称', '金额', '公开', '备注'])
    expect(table.rows).toEqual([
      {
        rowNo: 1,
        cells: { 名称: '某公司', 金额: '5000', 公开: 'true' },
      },
      {
        rowNo: 4,
        cells: { 名称: '另一公司', 金额: '0.5', 备注: '' },
      },
    ])
  })

  it('shows the first record\'s keys as headers once opened', async () => {
    const table = await openTable(fixture(`{"a":"1","b":"2"}\n{"c":"3"}\n`, 'ndjson'), 'ndjson')
    expect(table.headers).toEqual(['a', 'b'])
    table.close()
  })

  it('reads GBK', async () => {
    const content = `${JSON.stringify(PENALTY_ROWS[0]!.cells)}\n${JSON.stringify(PENALTY_ROWS[1]!.cells)}\n`
    const table = await readAll(fixture(iconv.encode(content, 'gbk'), 'ndjson'), 'ndjson')
    expect(table.encoding).toBe('gb18030')
    expect(table.rows.map(r => r.cells)).toEqual(PENALTY_ROWS.map(r => r.cells))
  })

  it('refuses a line that is not JSON, not an object or holds nested values, naming the line', async () => {
    const good = JSON.stringify({ 名称: '某公司' })
    expect(await failure(fixture(`${good}\n${good}\n{"名称": "x",\n`, 'ndjson'), 'ndjson'))
      .toMatchObject({ problem: 'syntax', rowNo: 3, rowsRead: 2 })
    expect(await failure(fixture(`${good}\n\n["a"]\n`, 'ndjson'), 'ndjson')).toMatchObject({ problem: 'syntax', rowNo: 3 })
    expect(await failure(fixture(`${good}\n{"名称":{"a":1}}\n`, 'ndjson'), 'ndjson')).toMatchObject({ problem: 'syntax', rowNo: 2 })
  })

  it('applies the limits: columns, cell, line length and rows', async () => {
    const wide = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v']))
    expect(await failure(fixture(`{"a":"1"}\n${JSON.stringify(wide)}\n`, 'ndjson'), 'ndjson'))
      .toMatchObject({ problem: 'columns', rowNo: 2 })
    expect(await failure(fixture(`{"a":"1"}\n{"a":"${'x'.repeat(READ_LIMITS.maxCellChars + 1)}"}\n`, 'ndjson'), 'ndjson'))
      .toMatchObject({ problem: 'cell', rowNo: 2 })
    expect(await failure(fixture(`{"a":"1"}\n{"a":"${'长'.repeat(1024 * 1024)}"}\n`, 'ndjson'), 'ndjson'))
      .toMatchObject({ problem: 'cell', rowNo: 2, rowsRead: 1 })
    const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ n: i }))
    expect(await failure(fixture(lines.join('\n'), 'ndjson'), 'ndjson', { ...READ_LIMITS, maxRows: 2 }))
      .toMatchObject({ problem: 'rows', rowNo: 3, rowsRead: 2 })
  })

  it('refuses a file with no records as empty', async () => {
    expect(await failure(fixture('\n\n', 'ndjson'), 'ndjson')).toMatchObject({ problem: 'empty', rowNo: null })
  })
})

describe('jSON', () => {
  it('reads an array of objects, numbering rows from 1, with every key as a header', async () => {
    const content = JSON.stringify([
      PENALTY_ROWS[0]!.cells,
      { ...PENALTY_ROWS[1]!.cells, 罚款金额: 2000 },
    ], null, 2)
    const table = await readAll(fixture(`\uFEFF${content}`, 'json'), 'json')
    expect(table.headers).toEqual([...HEADERS, '罚款金额'])
    expect(table.rows).toEqual([
      { rowNo: 1, cells: PENALTY_ROWS[0]!.cells },
      {
        rowNo: 2,
        cells: { ...PENALTY_ROWS[1]!.cells, 罚款金额: '2000' },
      },
    ])
  })

  it('refuses what is not an array of flat objects, and limits rows and cells', async () => {
    expect(await failure(fixture('{"a":"1"}', 'json'), 'json')).toMatchObject({ problem: 'syntax', rowNo: null })
    expect(await failure(fixture('[{"a":"1"},', 'json'), 'json')).toMatchObject({ problem: 'syntax', rowNo: null })
    expect(await failure(fixture('[{"a":"1"},{"a":[1]}]', 'json'), 'json')).toMatchObject({ problem: 'syntax', rowNo: 2 })
    expect(await failure(fixture('[]', 'json'), 'json')).toMatchObject({ problem: 'empty' })
    expect(await failure(fixture('[{"a":"1"},{"a":"2"},{"a":"3"}]', 'json'), 'json', { ...READ_LIMITS, maxRows: 2 }))
      .toMatchObject({ problem: 'rows', rowNo: 3 })
    expect(await failure(fixture(`[{"a":"1"},{"a":"${'x'.repeat(READ_LIMITS.maxCellChars + 1)}"}]`, 'json'), 'json'))
      .toMatchObject({ problem: 'cell', rowNo: 2 })
  })

  it('refuses a file over 16 MB before reading it', async () => {
    const path = fixture('', 'json')
    truncateSync(path, MAX_JSON_BYTES + 1)
    const found = await failure(path, 'json')
    expect(found).toMatchObject({ problem: 'jsonSize', rowNo: null })
    expect(found.message).toContain('NDJSON')
  })
})

describe('letting go of the file', () => {
  const many = `${HEADERS.join(',')}\n${Array.from({ length: 50_000 }, (_, i) => `公司${i},${i},2024-01-01`).join('\n')}\n`

  it('stops without an error when the reader breaks off, and closes the file', async () => {
    for (const [format, content] of [
      ['csv', many],
      [
        'ndjson',
        many.split('\n').slice(1, -1).map(l => JSON.stringify({ l })).join('\n'),
      ],
      [
        'json',
        JSON.stringify([
          { a: '1' },
          { a: '2' },
          { a: '3' },
        ]),
      ],
    ] as const) {
      const path = fixture(content, format)
      const table = await openTable(path, format)
      const seen: number[] = []
      for await (const row of table.rows) {
        seen.push(row.rowNo)
        if (seen.length === 2)
          break
      }
      expect(seen).toHaveLength(2)
      await vi.waitFor(() => expect(openDescriptors(path)).toBe(0))
    }
  })

  it('closes the file after an error in the rows, and on close() when the rows are never read', async () => {
    const broken = fixture(`${many}某公司,9131,2024-01-01,多出来的\n`)
    expect(await failure(broken)).toMatchObject({ problem: 'columns', rowNo: 50_002 })
    await vi.waitFor(() => expect(openDescriptors(broken)).toBe(0))

    const unread = fixture(many)
    const table = await openTable(unread, 'csv')
    expect(table.headers).toEqual(HEADERS)
    table.close()
    await vi.waitFor(() => expect(openDescriptors(unread)).toBe(0))
  })
})
