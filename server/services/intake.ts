// 双公示 intake, end to end: a file received is saved to a temporary file while it is hashed, then checked off the
// request path (rows staged, rejections kept, progress reported); an admin commits a checked import in batches of
// one transaction each, or rolls a committed one back as a whole. Sources push batches through the machine
// interface: checked and written at once, answered per row in the same shape.
import type { Buffer } from 'node:buffer'
import type { Readable } from 'node:stream'
import type { IntakeField, IntakeKind } from '../intake/fields'
import type { IntakeFormat } from '../intake/read'
import type { CheckedRecord, Rejection } from '../intake/record'
import type { IntakeRepository, RowAction } from '../repositories/intake'
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fieldSpec, INTAKE_FIELDS, kindOfHeaders, mapHeaders } from '../intake/fields'
import { formatOf, openTable, ReadError } from '../intake/read'
import { checkRow, duplicateOf } from '../intake/record'
import { nowIso, todayInShanghai } from '../lib/time'
import { actionFor } from '../repositories/intake'

/** Rows checked and staged per transaction. */
const BATCH = 1000
/** Rows written per transaction: each holds the database for a few tens of milliseconds at most. */
const COMMIT_BATCH = 250
/** Rows a source may push in one batch. */
export const MAX_BATCH_ROWS = 5000

/**
 * Lets everything else waiting run before the next batch: the database connection is taken in turn, and a loop
 * that takes it again at once would keep every other request (the public's reads included) waiting until it ends.
 */
function giveWay(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

export class IntakeError extends Error {
  constructor(readonly code: 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'IMPORT_STATE' | 'IMPORT_SUPERSEDED' | 'BATCH_TOO_LARGE', message: string) {
    super(message)
  }
}

export interface RowResult {
  rowNo: number
  action: RowAction | 'rejected'
  rejections: Rejection[]
}

export interface IntakeServiceOptions {
  repo: IntakeRepository
  secret: string
  /** The largest file an admin may upload. */
  maxFileBytes: number
  /** Called when an import changed what the public sees (the server's kept answers are emptied). */
  onPublicChange: () => void
  log: { error: (obj: object, msg: string) => void }
  now?: () => Date
}

/** Refused whole-file problems, in Chinese for the admin. */
const REFUSALS: Record<string, string> = {
  encoding: '文件编码无法识别',
  empty: '文件是空的',
  header: '表头有空列名或重复列名',
  columns: '列数超过上限或某行的列数多于表头',
  cell: '单元格内容过长',
  rows: '行数超过上限',
  syntax: '文件格式有误',
  jsonSize: 'JSON 文件超过 16 MB，请改用 NDJSON（每行一条）',
  zip: 'Excel 文件无法读取或解压后过大（可能已损坏），请另存为 CSV 后导入',
  kind: '无法判断是行政许可还是行政处罚数据：缺少“许可类别”或“处罚类别”列',
  missing: '缺少必填列',
}

export function createIntakeService(options: IntakeServiceOptions) {
  const { repo, secret } = options
  const now = options.now ?? (() => new Date())
  /** Checks running in this process: a test or a shutdown can wait for them. */
  const running = new Set<Promise<void>>()

  function track(work: Promise<void>): void {
    running.add(work)
    void work.finally(() => running.delete(work))
  }

  /** The field cells of a row, the file's name for each field, and the columns the standard does not know. */
  function fieldMapping(kind: IntakeKind, headers: readonly string[]) {
    const mapped = mapHeaders(kind, headers)
    const columnOf = new Map<IntakeField, string>()
    for (const [header, field] of mapped) {
      if (field && !columnOf.has(field))
        columnOf.set(field, header)
    }
    const ignored = [...mapped].filter(([, field]) => field === null).map(([header]) => header)
    const missing = INTAKE_FIELDS[kind].filter(s => s.required && !columnOf.has(s.field))
    return {
      ignored,
      missing,
      columnOf: (field: IntakeField) => columnOf.get(field) ?? fieldSpec(kind, field).code,
      cellsOf: (cells: Record<string, string>) => {
        const out: Partial<Record<IntakeField, string>> = {}
        for (const [header, value] of Object.entries(cells)) {
          // NDJSON and pushed records may bring a key the first record did not have.
          if (!mapped.has(header))
            mapped.set(header, mapHeaders(kind, [header]).get(header) ?? null)
          const field = mapped.get(header)
          if (field && out[field] === undefined)
            out[field] = value
        }
        return out
      },
    }
  }

  /**
   * Checks rows against the rules and against the database: every row gets an action or its rejections. Rows whose
   * natural key an earlier row of the same delivery has are refused.
   */
  async function checkRows(kind: IntakeKind, rows: { rowNo: number, cells: Record<string, string> }[], mapping: ReturnType<typeof fieldMapping>, stagedBefore: (keys: string[]) => Promise<Map<string, number>>, today: string) {
    const valid: CheckedRecord[] = []
    const results: RowResult[] = []
    for (const row of rows) {
      const result = checkRow({
        kind,
        rowNo: row.rowNo,
        cells: mapping.cellsOf(row.cells),
        columnOf: mapping.columnOf,
        today,
        secret,
      })
      if (result.ok) {
        valid.push(result.record)
        results.push({ rowNo: row.rowNo, action: 'new', rejections: [] })
      }
      else {
        results.push({ rowNo: row.rowNo, action: 'rejected', rejections: result.rejections })
      }
    }
    // A natural key met before, in an earlier batch (already staged: nothing of a large file is held in memory) or
    // earlier in this one.
    const seen = await stagedBefore(valid.map(r => r.naturalKey))
    const checked: CheckedRecord[] = []
    const resultOf = new Map(results.map(r => [r.rowNo, r]))
    for (const record of valid) {
      const first = seen.get(record.naturalKey)
      if (first === undefined) {
        seen.set(record.naturalKey, record.rowNo)
        checked.push(record)
        continue
      }
      const result = resultOf.get(record.rowNo)!
      result.action = 'rejected'
      result.rejections = [
        duplicateOf(record, first, mapping.columnOf('documentNo')),
      ]
    }
    const hashes = await repo.hashesOf(checked.map(r => r.naturalKey))
    const good: { record: CheckedRecord, action: RowAction }[] = []
    for (const record of checked) {
      const result = resultOf.get(record.rowNo)!
      const action = actionFor(record, hashes.has(record.naturalKey)
        ? hashes.get(record.naturalKey)
        : undefined)
      result.action = action
      good.push({ record, action })
    }
    return { good, results }
  }

  async function check(importId: number, path: string, format: IntakeFormat, kindAsked: IntakeKind | null): Promise<void> {
    const today = todayInShanghai(now())
    try {
      const table = await openTable(path, format)
      const kind = kindAsked ?? kindOfHeaders(table.headers)
      if (!kind) {
        table.close()
        await repo.transition(importId, 'checking', 'refused', { refusal: REFUSALS.kind!, encoding: table.encoding })
        return
      }
      const mapping = fieldMapping(kind, table.headers)
      if (mapping.missing.length > 0) {
        table.close()
        await repo.transition(importId, 'checking', 'refused', {
          kind,
          encoding: table.encoding,
          refusal: `${REFUSALS.missing}：${mapping.missing.map(s => `${s.name}（${s.code}）`).join('、')}`,
        })
        return
      }
      await repo.update(importId, {
        kind,
        encoding: table.encoding,
        ignored_columns: JSON.stringify(mapping.ignored),
      })
      let batch: { rowNo: number, cells: Record<string, string> }[] = []
      let read = 0
      const flush = async () => {
        const { good, results } = await checkRows(kind, batch, mapping, keys => repo.stagedKeys(importId, keys), today)
        await repo.stage(importId, good, results.flatMap(r => r.rejections), read)
        batch = []
        await giveWay()
      }
      for await (const row of table.rows) {
        batch.push(row)
        read++
        if (batch.length >= BATCH)
          await flush()
      }
      await flush()
      await repo.transition(importId, 'checking', 'checked', {
        ...await repo.stagedCounts(importId),
        checked_at: nowIso(now()),
      })
    }
    catch (err) {
      if (!(err instanceof ReadError))
        options.log.error({ err, importId }, 'intake check failed')
      const refusal = err instanceof ReadError
        ? `${REFUSALS[err.problem] ?? REFUSALS.syntax}${err.rowNo === null
          ? ''
          : `（第 ${err.rowNo} 行）`}`
        : '检查时出错，请重试'
      await repo.dropStaged(importId)
      await repo.transition(importId, 'checking', 'refused', { refusal })
    }
    finally {
      await rm(path, { force: true })
    }
  }

  async function commitRows(importId: number): Promise<void> {
    let after = 0
    let done = 0
    try {
      for (;;) {
        const records = await repo.stagedBatch(importId, after, COMMIT_BATCH)
        if (records.length === 0)
          break
        await repo.apply(importId, records, nowIso(now()))
        after = records.at(-1)!.rowNo
        done += records.length
        await repo.update(importId, { rows_done: done })
        await giveWay()
      }
      await repo.dropStaged(importId)
      const at = nowIso(now())
      await repo.transition(importId, 'committing', 'committed', {
        committed_at: at,
      })
      // A file an admin imported for a source is that source's delivery.
      const sourceId = (await repo.importById(importId))?.source_id
      if (sourceId)
        await repo.delivered(sourceId, at)
    }
    catch (err) {
      options.log.error({ err, importId }, 'intake commit stopped')
      await repo.transition(importId, 'committing', 'committed', {
        committed_at: nowIso(now()),
        refusal: `写入在第 ${after} 行之后中断；已写入的批次可整体撤销`,
      })
    }
    finally {
      options.onPublicChange()
    }
  }

  return {
    /** Waits for the checks and commits running in this process (tests, shutdown). */
    async settled(): Promise<void> {
      while (running.size > 0)
        await Promise.allSettled([...running])
    },

    /**
     * At start: checks and commits that were running when the server stopped cannot resume (the uploaded file is
     * gone, the loop with it). A check is refused, so the admin uploads again; a commit is marked committed with a
     * note, its written batches standing and undoable as a whole. One node runs the intake (ARCHITECTURE.md).
     */
    async recover(): Promise<number> {
      const interrupted = await repo.unfinished()
      for (const row of interrupted) {
        if (row.status === 'checking') {
          await repo.dropStaged(row.id)
          await repo.transition(row.id, 'checking', 'refused', { refusal: '检查时服务重启，请重新上传' })
        }
        else {
          await repo.transition(row.id, 'committing', 'committed', {
            committed_at: nowIso(now()),
            refusal: `写入时服务重启，已写入 ${row.rows_done} 行；可整体撤销后重新导入`,
          })
        }
      }
      return interrupted.length
    },

    /** Saves an uploaded file while hashing it, creates its import and starts checking it. */
    async receiveFile(body: Readable, input: { fileName: string, kind: IntakeKind | null, sourceId: number | null, actorId: number }): Promise<number> {
      const format = formatOf(input.fileName)
      if (!format)
        throw new IntakeError('FILE_TYPE', 'only .csv, .txt, .xlsx, .json, .ndjson and .jsonl files are read')
      const dir = await mkdtemp(join(tmpdir(), 'intake-'))
      const path = join(dir, 'upload')
      const hash = createHash('sha256')
      let bytes = 0
      try {
        await pipeline(body, new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            bytes += chunk.length
            if (bytes > options.maxFileBytes) {
              callback(new IntakeError('FILE_TOO_LARGE', `files over ${options.maxFileBytes / 1024 / 1024} MB are refused`))
              return
            }
            hash.update(chunk)
            callback(null, chunk)
          },
        }), createWriteStream(path))
      }
      catch (err) {
        await rm(dir, { recursive: true, force: true })
        throw err
      }
      const importId = await repo.createImport({
        sourceId: input.sourceId,
        kind: input.kind,
        channel: 'file',
        fileName: input.fileName,
        fileHash: hash.digest('hex'),
        fileBytes: bytes,
        batchKey: null,
        status: 'checking',
        createdBy: input.actorId,
        at: nowIso(now()),
      })
      track(check(importId, path, format, input.kind).finally(() => rm(dir, { recursive: true, force: true })))
      return importId
    },

    /** Starts writing a checked import; false when it is not (or no longer) checked. */
    async commit(importId: number, actorId: number): Promise<void> {
      if (!await repo.transition(importId, 'checked', 'committing', { committed_by: actorId, rows_done: 0 }))
        throw new IntakeError('IMPORT_STATE', 'only a checked import can be committed, once')
      track(commitRows(importId))
    },

    /** Undoes a committed import as a whole, unless a later import changed the same records. */
    async rollback(importId: number, actorId: number): Promise<void> {
      const later = await repo.supersededBy(importId)
      if (later !== null)
        throw new IntakeError('IMPORT_SUPERSEDED', `import ${later} changed the same records later: roll that back first`)
      if (!await repo.transition(importId, 'committed', 'committing'))
        throw new IntakeError('IMPORT_STATE', 'only a committed import can be rolled back')
      try {
        await repo.undo(importId)
      }
      catch (err) {
        await repo.transition(importId, 'committing', 'committed')
        throw err
      }
      await repo.transition(importId, 'committing', 'rolledBack', {
        rolled_back_by: actorId,
        rolled_back_at: nowIso(now()),
      })
      options.onPublicChange()
    },

    /**
     * A batch pushed by a source: checked and written at once (good rows written, bad rows answered with their
     * reasons). The same batch key again answers what the first delivery answered and changes nothing.
     */
    async pushBatch(source: { id: number }, kind: IntakeKind, batchKey: string, rows: Record<string, string>[]): Promise<{ importId: number, results: RowResult[], replayed: boolean }> {
      const previous = await repo.byBatchKey(source.id, batchKey)
      if (previous?.result) {
        return {
          importId: previous.id,
          results: JSON.parse(previous.result) as RowResult[],
          replayed: true,
        }
      }
      if (rows.length > MAX_BATCH_ROWS)
        throw new IntakeError('BATCH_TOO_LARGE', `at most ${MAX_BATCH_ROWS} rows a batch`)
      const at = nowIso(now())
      const headers = [
        ...new Set(rows.flatMap(r => Object.keys(r))),
      ]
      const mapping = fieldMapping(kind, headers)
      const { good, results } = await checkRows(kind, rows.map((cells, i) => ({ rowNo: i + 1, cells })), mapping, async () => new Map(), todayInShanghai(now()))
      const count = (action: RowResult['action']) => results.filter(r => r.action === action).length
      let delivered
      try {
        delivered = await repo.deliver({
          sourceId: source.id,
          kind,
          channel: 'api',
          fileName: null,
          fileHash: null,
          fileBytes: null,
          batchKey,
          createdBy: null,
          at,
        }, good.map(g => g.record), (actions) => {
          // The answer is written with the records: what each row became.
          good.forEach((g, i) => {
            results.find(r => r.rowNo === g.record.rowNo)!.action = actions[i]!
          })
          return {
            rows_read: rows.length,
            rows_done: good.length,
            new_count: count('new'),
            changed_count: count('changed'),
            unchanged_count: count('unchanged'),
            withdrawn_count: count('withdrawn'),
            rejected_count: count('rejected'),
            ignored_columns: JSON.stringify(mapping.ignored),
            result: JSON.stringify(results),
            checked_at: at,
            committed_at: at,
          }
        })
      }
      catch (err) {
        // The same batch delivered twice at once: the other delivery won; answer what it answered.
        const winner = await repo.byBatchKey(source.id, batchKey)
        if (winner?.result) {
          return {
            importId: winner.id,
            results: JSON.parse(winner.result) as RowResult[],
            replayed: true,
          }
        }
        throw err
      }
      await repo.delivered(source.id, at)
      if (delivered.actions.some(a => a !== 'unchanged'))
        options.onPublicChange()
      const importId = delivered.importId
      return { importId, results, replayed: false }
    },
  }
}
export type IntakeService = ReturnType<typeof createIntakeService>
