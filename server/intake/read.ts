// Reads a data file from disk as rows of cells by header, streamed: CSV (UTF-8 with or without BOM, GBK/GB18030,
// UTF-16 with a BOM), NDJSON (one object a line) and small JSON arrays. Limits are checked as the file is read, so a
// file with 10,000 columns or a 1 MB cell is refused at once, never held whole.

import type { Options } from 'csv-parse'
import { Buffer } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { pipeline, Transform } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import iconv from 'iconv-lite'
import { openXlsx } from './xlsx'

export type IntakeFormat = 'csv' | 'ndjson' | 'json' | 'xlsx'

export interface ReadLimits { maxRows: number, maxColumns: number, maxCellChars: number }
export const READ_LIMITS: ReadLimits = { maxRows: 250_000, maxColumns: 200, maxCellChars: 8_000 }

/** JSON arrays are parsed whole: larger files must be NDJSON. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024

/**
 * One data row: its 1-based row number as a person reading the file would count it (CSV: the row a spreadsheet shows
 * it on, so with the header on row 1 the first data row is row 2; NDJSON: the line; JSON: the position in the array)
 * and its cells by header.
 */
export interface ReadRow { rowNo: number, cells: Record<string, string> }

export type ReadProblem = 'encoding' | 'empty' | 'header' | 'columns' | 'cell' | 'rows' | 'syntax' | 'jsonSize' | 'zip'

export class ReadError extends Error {
  constructor(readonly problem: ReadProblem, readonly rowNo: number | null, message: string) {
    super(message)
    this.name = 'ReadError'
  }
}

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030'

/**
 * An opened file. `close` releases it when its rows are not read to the end (reading them through, or stopping a
 * `for await` over them with `break` or an error, releases it too).
 */
export interface OpenedTable {
  encoding: TextEncoding
  /**
   * CSV: the header row. NDJSON: the first record's keys, then any new key appended as rows are read. JSON: every
   * record's keys, in the order first met.
   */
  headers: string[]
  rows: AsyncIterable<ReadRow>
  close: () => void
}

/** How a file is read, from its name's extension; null for anything else. */
export function formatOf(fileName: string): IntakeFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase()
  switch (ext) {
    case 'csv':
    case 'txt':
      return 'csv'
    case 'ndjson':
    case 'jsonl':
      return 'ndjson'
    case 'json':
      return 'json'
    case 'xlsx':
      return 'xlsx'
    default:
      return null
  }
}

/**
 * The text encoding of a file from its first bytes: a BOM; else UTF-8 if the bytes are valid UTF-8 (a character cut
 * by the end of the sample is not held against it); else GB18030, which covers GBK and GB2312.
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xEF && sample[1] === 0xBB && sample[2] === 0xBF)
    return 'utf8'
  if (sample[0] === 0xFF && sample[1] === 0xFE)
    return 'utf16le'
  if (sample[0] === 0xFE && sample[1] === 0xFF)
    return 'utf16be'
  try {
    // In streaming mode an incomplete sequence at the end waits for more bytes instead of failing; any invalid byte
    // before it still throws.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return 'utf8'
  }
  catch {
    return 'gb18030'
  }
}

const SAMPLE_BYTES = 64 * 1024
/** A record (CSV) or line (NDJSON) is refused past this, or past what its columns at their longest could need. */
const RECORD_BOUND = 256 * 1024

async function sampleOf(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  }
  finally {
    await handle.close()
  }
}

const NOT_UTF8 = 'the file is not valid UTF-8 throughout: save it again as UTF-8 or GBK'

/** UTF-8 decoding that refuses invalid bytes (iconv-lite would put U+FFFD in their place); a BOM is dropped. */
function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const failed = () => new ReadError('encoding', null, NOT_UTF8)
  return new Transform({
    decodeStrings: true,
    encoding: 'utf8',
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, decoder.decode(chunk, { stream: true }))
      }
      catch {
        callback(failed())
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode())
      }
      catch {
        callback(failed())
      }
    },
  })
}

function decoderFor(encoding: TextEncoding): Transform {
  // iconv-lite's decoder is a Transform emitting strings (its types say only ReadWriteStream); it drops a BOM.
  return encoding === 'utf8'
    ? utf8Decoder()
    : iconv.decodeStream(encoding) as Transform
}

function decodeWhole(bytes: Buffer, encoding: TextEncoding): string {
  if (encoding !== 'utf8')
    return iconv.decode(bytes, encoding)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  }
  catch {
    throw new ReadError('encoding', null, NOT_UTF8)
  }
}

/** A pipeline's own callback: an error in any of its streams destroys them all and reaches the last one's reader. */
function ignore(): void {}

export function tooLong(rowNo: number, header: string, limits: ReadLimits): ReadError {
  return new ReadError('cell', rowNo, `row ${rowNo}: "${header}" is longer than ${limits.maxCellChars} characters`)
}

export function tooManyRows(rowNo: number, limits: ReadLimits): ReadError {
  return new ReadError('rows', rowNo, `row ${rowNo}: more than ${limits.maxRows} rows`)
}

/** What csv-parse's errors mean, without its messages' quoting of cell values. */
const CSV_SYNTAX: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is not closed',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside a cell that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a cell',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a cell',
}

type CsvItem = { header: string[], rowNo: number } | ReadRow

async function openCsv(path: string, encoding: TextEncoding, limits: ReadLimits): Promise<Omit<OpenedTable, 'encoding'>> {
  // csv-parse measures a record in UTF-8 bytes: a character takes at most 3 of them (one outside the BMP takes 4 for
  // its 2 UTF-16 units).
  const bound = Math.min(limits.maxColumns * limits.maxCellChars * 3, Math.max(RECORD_BOUND, limits.maxCellChars * 3))
  let headers: string[] | null = null
  let count = 0

  /** The header, checked. */
  const headerOf = (record: string[], rowNo: number): string[] => {
    // Spreadsheets often save empty columns after the last one: they are dropped (with any empty cells under them).
    const named = record.slice(0, record.findLastIndex(h => h !== '') + 1)
    if (named.length > limits.maxColumns)
      throw new ReadError('columns', rowNo, `row ${rowNo}: the header has ${named.length} columns, more than ${limits.maxColumns}`)
    const unnamed = named.indexOf('')
    if (unnamed !== -1)
      throw new ReadError('header', rowNo, `row ${rowNo}: column ${unnamed + 1} of the header has no name`)
    const repeated = named.find((h, i) => named.indexOf(h) !== i)
    if (repeated !== undefined)
      throw new ReadError('header', rowNo, `row ${rowNo}: the header "${repeated}" appears more than once`)
    return named
  }

  /** A data row, checked; null for an empty one. */
  const rowOf = (record: string[], rowNo: number, headers: string[]): ReadRow | null => {
    const used = record.findLastIndex(c => c !== '') + 1
    if (used === 0)
      return null
    if (used > headers.length)
      throw new ReadError('columns', rowNo, `row ${rowNo} has ${used} cells, the header ${headers.length}`)
    if (++count > limits.maxRows)
      throw tooManyRows(rowNo, limits)
    const cells: Record<string, string> = {}
    headers.forEach((h, i) => {
      const cell = record[i] ?? ''
      if (cell.length > limits.maxCellChars)
        throw tooLong(rowNo, h, limits)
      cells[h] = cell
    })
    return { rowNo, cells }
  }

  const file = createReadStream(path)
  const options: Options<CsvItem, string[]> = {
    // (records as arrays: `columns` is left out)
    relax_column_count: true,
    // Blank lines are kept (and skipped below) so that rows are numbered as a spreadsheet shows them.
    skip_empty_lines: false,
    trim: true,
    max_record_size: bound,
    // Records are checked as they are parsed, so the first problem in the file is the one reported, with its row.
    on_record: (raw, { records: rowNo }) => {
      const record = raw.map(cell => cell.trim())
      if (headers)
        return rowOf(record, rowNo, headers)
      if (record.every(h => h === ''))
        return null
      headers = headerOf(record, rowNo)
      return { header: headers, rowNo }
    },
  }
  // (parse's typings let `on_record` turn records into something else only along with `columns`)
  const parser = parse(options as unknown as Options)
  pipeline(file, decoderFor(encoding), parser, ignore)
  const items = parser[Symbol.asyncIterator]() as AsyncIterator<CsvItem>
  const close = () => {
    parser.destroy()
    file.destroy()
  }
  const next = async (): Promise<CsvItem | null> => {
    try {
      const { value, done } = await items.next()
      return done ? null : value
    }
    catch (err) {
      if (!(err instanceof CsvError))
        throw err
      // The records before this one, and blank lines, are counted.
      const at = (typeof err.records === 'number'
        ? err.records
        : 0) + 1
      if (err.code !== 'CSV_MAX_RECORD_SIZE')
        throw new ReadError('syntax', at, `row ${at}: ${CSV_SYNTAX[err.code] ?? err.code}`)
      // A header too long to read has too many columns or absurd names: either way a column problem.
      throw headers
        ? new ReadError('cell', at, `row ${at} is longer than ${bound} bytes`)
        : new ReadError('columns', at, `row ${at}: the header is longer than ${bound} bytes`)
    }
  }

  let header: CsvItem | null
  try {
    header = await next()
  }
  catch (err) {
    close()
    throw err
  }
  if (!header || !('header' in header)) {
    close()
    throw new ReadError('empty', null, 'the file is empty: it has no header row')
  }

  async function* rows(): AsyncGenerator<ReadRow> {
    try {
      for (let item = await next(); item; item = await next()) {
        if ('cells' in item)
          yield item
      }
    }
    finally {
      close()
    }
  }
  return {
    headers: header.header,
    rows: rows(),
    close,
  }
}

function cellValue(value: unknown, rowNo: number, key: string): string {
  if (value === null)
    return ''
  if (typeof value === 'string')
    return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  throw new ReadError('syntax', rowNo, `row ${rowNo}: "${key}" holds an object or a list, not a value`)
}

/** Checks a JSON record's shape and limits and turns it into cells; new keys are appended to `headers`. */
function objectCells(value: unknown, rowNo: number, headers: string[], known: Set<string>, limits: ReadLimits): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ReadError('syntax', rowNo, `row ${rowNo} is not an object`)
  const cells: Record<string, string> = {}
  for (const [key, raw] of Object.entries(value)) {
    const header = key.trim()
    if (header === '')
      throw new ReadError('header', rowNo, `row ${rowNo} has a key with no name`)
    if (header in cells)
      throw new ReadError('header', rowNo, `row ${rowNo}: the key "${header}" appears more than once`)
    if (!known.has(header)) {
      if (headers.length >= limits.maxColumns)
        throw new ReadError('columns', rowNo, `row ${rowNo}: more than ${limits.maxColumns} columns`)
      known.add(header)
      headers.push(header)
    }
    const cell = cellValue(raw, rowNo, header)
    if (cell.length > limits.maxCellChars)
      throw tooLong(rowNo, header, limits)
    cells[header] = cell
  }
  return cells
}

interface Line { lineNo: number, text: string }

/** Splits decoded text into lines (LF or CRLF), refusing one longer than `max` characters before it is all held. */
async function* linesOf(text: AsyncIterable<string>, max: number): AsyncGenerator<Line> {
  let lineNo = 0
  let pending = ''
  const line = (s: string): Line => {
    lineNo++
    // (+1: a CRLF line's CR is still on it)
    if (s.length > max + 1)
      throw new ReadError('cell', lineNo, `line ${lineNo} is longer than ${max} characters`)
    return {
      lineNo,
      text: s.endsWith('\r')
        ? s.slice(0, -1)
        : s,
    }
  }
  for await (const chunk of text) {
    let start = 0
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const whole = pending + chunk.slice(start, end)
      pending = ''
      start = end + 1
      yield line(whole)
    }
    pending += chunk.slice(start)
    if (pending.length > max + 1)
      throw new ReadError('cell', lineNo + 1, `line ${lineNo + 1} is longer than ${max} characters`)
  }
  if (pending !== '')
    yield line(pending)
}

async function openNdjson(path: string, encoding: TextEncoding, limits: ReadLimits): Promise<Omit<OpenedTable, 'encoding'>> {
  // A value may be written with \uXXXX escapes: 6 characters for each of its own.
  const max = Math.min(
    limits.maxColumns * (limits.maxCellChars * 6 + 1024),
    Math.max(RECORD_BOUND, limits.maxCellChars * 6 + 1024),
  )
  const file = createReadStream(path)
  const text = decoderFor(encoding)
  pipeline(file, text, ignore)
  const lines = linesOf(text as AsyncIterable<string>, max)
  const close = () => {
    text.destroy()
    file.destroy()
  }
  const headers: string[] = []
  const known = new Set<string>()

  /** The next non-blank line's record, or null at the end. */
  const next = async (): Promise<ReadRow | null> => {
    for (;;) {
      const { value, done } = await lines.next()
      if (done)
        return null
      const { lineNo, text } = value
      if (text.trim() === '')
        continue
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      }
      catch {
        throw new ReadError('syntax', lineNo, `line ${lineNo} is not valid JSON`)
      }
      return {
        rowNo: lineNo,
        cells: objectCells(parsed, lineNo, headers, known, limits),
      }
    }
  }

  let first: ReadRow | null
  try {
    first = await next()
    if (!first)
      throw new ReadError('empty', null, 'the file is empty: it has no records')
  }
  catch (err) {
    close()
    throw err
  }
  async function* rows(): AsyncGenerator<ReadRow> {
    let count = 0
    try {
      for (let row = first; row; row = await next()) {
        if (++count > limits.maxRows)
          throw tooManyRows(row.rowNo, limits)
        yield row
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

async function openJson(path: string, encoding: TextEncoding, limits: ReadLimits): Promise<Omit<OpenedTable, 'encoding'>> {
  const text = decodeWhole(await readFile(path), encoding).replace(/^\uFEFF/, '')
  if (text.trim() === '')
    throw new ReadError('empty', null, 'the file is empty: it has no records')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  }
  catch {
    throw new ReadError('syntax', null, 'the file is not valid JSON')
  }
  if (!Array.isArray(parsed))
    throw new ReadError('syntax', null, 'the file is not a JSON array of records')
  if (parsed.length === 0)
    throw new ReadError('empty', null, 'the file is empty: it has no records')
  if (parsed.length > limits.maxRows)
    throw tooManyRows(limits.maxRows + 1, limits)
  const headers: string[] = []
  const known = new Set<string>()
  const all: ReadRow[] = parsed.map((value: unknown, i) => ({
    rowNo: i + 1,
    cells: objectCells(value, i + 1, headers, known, limits),
  }))
  parsed = null
  async function* rows(): AsyncGenerator<ReadRow> {
    yield* all
  }
  return {
    headers,
    rows: rows(),
    close: () => { all.length = 0 },
  }
}

/**
 * Opens a data file: its encoding, its headers and its rows, read from disk as they are iterated (a JSON array, at
 * most MAX_JSON_BYTES, is parsed whole and checked at once). Problems with the file are thrown as ReadError, here or
 * while the rows are read.
 */
export async function openTable(path: string, format: IntakeFormat, limits: ReadLimits = READ_LIMITS): Promise<OpenedTable> {
  if (format === 'json' && (await stat(path)).size > MAX_JSON_BYTES)
    throw new ReadError('jsonSize', null, 'use NDJSON for files over 16 MB')
  if (format === 'xlsx') {
    return {
      encoding: 'utf8',
      ...await openXlsx(path, limits),
    }
  }
  const encoding = detectEncoding(await sampleOf(path))
  const table = format === 'csv'
    ? await openCsv(path, encoding, limits)
    : format === 'ndjson'
      ? await openNdjson(path, encoding, limits)
      : await openJson(path, encoding, limits)
  return { encoding, ...table }
}
