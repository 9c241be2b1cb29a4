// Excel workbooks (.xlsx), read as streams: the first worksheet's first non-empty row is the header, each later row
// a record numbered as the spreadsheet numbers it. A workbook is a zip: its directory is checked before any part is
// inflated, so a zip bomb (a few MB that inflate to gigabytes) is refused at once; the row, column and cell limits
// then hold while the sheet is read.
import type { ReadLimits, ReadRow } from './read'
import ExcelJS from 'exceljs'
import yauzl from 'yauzl'
import { ReadError, tooLong, tooManyRows } from './read'

/** What a workbook may inflate to, and how far one part may inflate beyond its compressed size. */
export const ZIP_LIMITS = {
  maxEntries: 500,
  maxInflatedBytes: 256 * 1024 * 1024,
  maxRatio: 100,
}

/** Reads the zip's central directory only: its declared sizes and the parts' count. */
export async function checkZip(path: string, limits = ZIP_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, file) => err || !file
      ? reject(new ReadError('zip', null, 'the file is not an Excel workbook (.xlsx)'))
      : resolve(file))
  })
  await new Promise<void>((resolve, reject) => {
    let entries = 0
    let inflated = 0
    const refuse = (message: string) => {
      zip.close()
      reject(new ReadError('zip', null, message))
    }
    zip.on('entry', (entry: yauzl.Entry) => {
      entries++
      inflated += entry.uncompressedSize
      if (entries > limits.maxEntries)
        return refuse(`more than ${limits.maxEntries} parts`)
      if (inflated > limits.maxInflatedBytes)
        return refuse(`the workbook inflates to more than ${limits.maxInflatedBytes / 1024 / 1024} MB`)
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize))
        return refuse(`a part inflates more than ${limits.maxRatio} times`)
      zip.readEntry()
    })
    zip.on('end', () => resolve())
    zip.on('error', () => refuse('the workbook is damaged'))
    zip.readEntry()
  })
}

/** A cell as text: dates as YYYY-MM-DD, formulas by their result, rich text by its characters. */
function cellText(value: unknown): string {
  if (value === null || value === undefined)
    return ''
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? ''
      : value.toISOString().slice(0, 10)
  }
  if (typeof value === 'string')
    return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[], result?: unknown, text?: unknown, error?: string }
    if (v.richText)
      return v.richText.map(r => r.text).join('').trim()
    if ('result' in v)
      return cellText(v.result)
    if (v.text !== undefined)
      return cellText(v.text)
  }
  return ''
}

/** The cells of a row, from column A (exceljs numbers them from 1). */
function rowCells(values: unknown): string[] {
  return Array.isArray(values)
    ? Array.from(values.slice(1), cellText)
    : []
}

export async function openXlsx(path: string, limits: ReadLimits): Promise<{ headers: string[], rows: AsyncIterable<ReadRow>, close: () => void }> {
  await checkZip(path)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell a date from a number
    entries: 'emit',
  })
  const sheets = reader[Symbol.asyncIterator]()
  let closed = false
  const close = () => {
    if (!closed) {
      closed = true
      void sheets.return?.(undefined).catch(() => {})
    }
  }
  let rowsOfSheet: AsyncIterator<ExcelJS.Row>
  try {
    const first = await sheets.next()
    if (first.done)
      throw new ReadError('empty', null, 'the workbook has no worksheet')
    rowsOfSheet = first.value[Symbol.asyncIterator]()
  }
  catch (err) {
    close()
    throw err instanceof ReadError
      ? err
      : new ReadError('zip', null, 'the workbook could not be read')
  }

  const next = async (): Promise<{ rowNo: number, cells: string[] } | null> => {
    try {
      for (;;) {
        const { value, done } = await rowsOfSheet.next()
        if (done)
          return null
        const cells = rowCells(value.values)
        if (cells.length > limits.maxColumns)
          throw new ReadError('columns', value.number, `row ${value.number}: more than ${limits.maxColumns} columns`)
        if (cells.some(c => c !== ''))
          return { rowNo: value.number, cells }
      }
    }
    catch (err) {
      throw err instanceof ReadError
        ? err
        : new ReadError('syntax', null, 'the worksheet could not be read')
    }
  }

  let header: { rowNo: number, cells: string[] } | null
  try {
    header = await next()
  }
  catch (err) {
    close()
    throw err
  }
  if (!header) {
    close()
    throw new ReadError('empty', null, 'the worksheet has no header row')
  }
  // Trailing empty header cells (a spreadsheet's formatting) are not columns.
  const headers = header.cells.slice(0, header.cells.findLastIndex(c => c !== '') + 1)
  const repeated = headers.find((h, i) => h === '' || headers.indexOf(h) !== i)
  if (repeated !== undefined) {
    close()
    throw new ReadError('header', header.rowNo, `an empty or repeated column name: "${repeated}"`)
  }

  async function* rows(): AsyncGenerator<ReadRow> {
    let count = 0
    try {
      for (let row = await next(); row; row = await next()) {
        const { rowNo, cells } = row
        if (cells.slice(headers.length).some(c => c !== ''))
          throw new ReadError('columns', rowNo, `row ${rowNo} has cells beyond the header`)
        if (++count > limits.maxRows)
          throw tooManyRows(rowNo, limits)
        const out: Record<string, string> = {}
        headers.forEach((h, i) => {
          const cell = cells[i] ?? ''
          if (cell.length > limits.maxCellChars)
            throw tooLong(rowNo, h, limits)
          out[h] = cell
        })
        yield { rowNo, cells: out }
      }
    }
    finally {
      close()
    }
  }
  return {
    headers,
    rows: rows(),
    close,
  }
}
