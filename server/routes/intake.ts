// 双公示 intake: admins upload files (checked off the request path, then committed or rolled back as a whole) and
// download the template and the rejected rows; department systems push batches with their source token.
import type { FastifyPluginAsync } from 'fastify'
import type { IntakeKind } from '../intake/fields'
import type { ImportRow } from '../repositories/intake'
import type { IntakeImport, IntakeSource } from '../schemas/intake'
import { checkUscc, normalizeUscc } from '#common/codes/uscc'
import { AppError } from '../errors'
import { INTAKE_FIELDS } from '../intake/fields'
import { randomToken, sha256 } from '../lib/crypto'
import { serve } from '../lib/serve'
import { nowIso, todayInShanghai, workingDaysBetween } from '../lib/time'
import * as endpoints from '../schemas/endpoints'
import { IntakeError } from '../services/intake'
import { csvField } from './stats'

/** The plan's deadline: a source that delivered nothing for longer is marked on the statistics. */
const OVERDUE_WORKING_DAYS = 10
/** The largest pushed batch body (5,000 records of a few KB). */
const BATCH_BODY_BYTES = 16 * 1024 * 1024
/** Batches one source may push a minute. */
const BATCHES_PER_MINUTE = 60

const INTAKE_ERRORS = {
  FILE_TOO_LARGE: 413,
  FILE_TYPE: 415,
  IMPORT_STATE: 409,
  IMPORT_SUPERSEDED: 409,
  BATCH_TOO_LARGE: 413,
} as const

function toImport(r: ImportRow & { source_name: string | null, created_by_name: string | null }): IntakeImport {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    source: r.source_name,
    fileName: r.file_name,
    fileHash: r.file_hash,
    fileBytes: r.file_bytes,
    encoding: r.encoding,
    status: r.status,
    refusal: r.refusal,
    rowsRead: r.rows_read,
    rowsDone: r.rows_done,
    counts: {
      new: r.new_count,
      changed: r.changed_count,
      unchanged: r.unchanged_count,
      withdrawn: r.withdrawn_count,
      rejected: r.rejected_count,
    },
    ignoredColumns: JSON.parse(r.ignored_columns) as string[],
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    committedAt: r.committed_at,
    rolledBackAt: r.rolled_back_at,
  }
}

/** An import's counts for the audit log. */
function countsText(c: IntakeImport['counts']): string {
  return `new ${c.new} · changed ${c.changed} · unchanged ${c.unchanged} · withdrawn ${c.withdrawn} · rejected ${c.rejected}`
}

const routes: FastifyPluginAsync = async (app) => {
  const repo = app.repos.intake
  const service = app.services.intake

  async function current(id: number): Promise<IntakeImport> {
    const row = await repo.importById(id)
    if (!row)
      throw new AppError(404, 'NOT_FOUND')
    return toImport(row)
  }

  /** Runs an intake step, answering its refusals with their status and code. */
  async function step<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    }
    catch (err) {
      if (err instanceof IntakeError)
        throw new AppError(INTAKE_ERRORS[err.code], err.code)
      throw err
    }
  }

  serve(app, endpoints.intakeTemplate, async (request, reply) => {
    const kind = request.params.kind
    const header = INTAKE_FIELDS[kind].map(s => `${s.required ? '*' : ''}${s.name}(${s.code})`)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${kind === 'licence'
        ? 'permissions'
        : 'penalties'}-template.csv"`)
      .send(`\uFEFF${header.map(csvField).join(',')}\r\n`)
  })

  serve(app, endpoints.intakeImports, async () => ({
    items: (await repo.imports(50)).map(toImport),
  }))

  serve(app, endpoints.uploadIntake, async (request, reply) => {
    if (request.query.source && !await repo.sourceById(request.query.source)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'querystring.source', reason: 'no such source' },
      ])
    }
    const id = await step(() => service.receiveFile(request.body, {
      fileName: request.query.fileName,
      kind: request.query.kind ?? null,
      sourceId: request.query.source ?? null,
      actorId: request.account.id,
    }))
    const received = await current(id)
    await app.repos.accounts.audit(request.account.id, 'intake.upload', nowIso(app.config.clock()), `import:${id}`, `${received.fileName} · ${received.fileBytes} bytes · sha256 ${received.fileHash}${received.source
      ? ` · ${received.source}`
      : ''}`)
    reply.code(201)
    return received
  }, { bodyLimit: Number.MAX_SAFE_INTEGER })

  serve(app, endpoints.intakeImport, async request => current(request.params.id))

  serve(app, endpoints.intakeRejections, async (request) => {
    await current(request.params.id)
    const { page, pageSize } = request.query
    const { items, total } = await repo.rejections(request.params.id, page, pageSize)
    return {
      items: items.map(r => ({
        rowNo: r.row_no,
        column: r.column,
        reason: r.reason,
        message: r.message,
      })),
      page,
      pageSize,
      total,
    }
  })

  serve(app, endpoints.intakeRejectionsCsv, async (request, reply) => {
    const found = await current(request.params.id)
    const lines = ['\uFEFF行号,列,原因代码,说明\r\n']
    for await (const r of repo.allRejections(found.id)) {
      lines.push(`${[
        r.row_no,
        r.column,
        r.reason,
        r.message,
      ].map(csvField).join(',')}\r\n`)
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${found.id}-rejected-${todayInShanghai(app.config.clock())}.csv"`)
      .send(lines.join(''))
  })

  serve(app, endpoints.commitIntake, async (request) => {
    await current(request.params.id)
    await step(() => service.commit(request.params.id, request.account.id))
    const counts = (await current(request.params.id)).counts
    await app.repos.accounts.audit(request.account.id, 'intake.commit', nowIso(app.config.clock()), `import:${request.params.id}`, countsText(counts))
    return current(request.params.id)
  })

  serve(app, endpoints.rollbackIntake, async (request) => {
    await current(request.params.id)
    await step(() => service.rollback(request.params.id, request.account.id))
    await app.repos.accounts.audit(request.account.id, 'intake.rollback', nowIso(app.config.clock()), `import:${request.params.id}`)
    return current(request.params.id)
  })

  /** The sources with their last 30 days, each marked overdue after ten working days without a delivery. */
  async function sources(): Promise<IntakeSource[]> {
    const clock = app.config.clock()
    const today = todayInShanghai(clock)
    const rows = await repo.sources(nowIso(new Date(clock.getTime() - 30 * 86_400_000)))
    return rows.map(s => ({
      id: s.id,
      name: s.name,
      authorityUscc: s.authority_uscc,
      active: s.revoked_at === null,
      lastDeliveryAt: s.last_delivery_at,
      accepted30d: s.accepted,
      rejected30d: s.rejected,
      overdue: s.revoked_at === null && workingDaysBetween(todayInShanghai(new Date(s.last_delivery_at ?? s.created_at)), today) > OVERDUE_WORKING_DAYS,
      createdAt: s.created_at,
    }))
  }

  serve(app, endpoints.intakeSources, async () => ({ items: await sources() }))

  serve(app, endpoints.createIntakeSource, async (request, reply) => {
    const name = request.body.name.trim()
    const authorityUscc = normalizeUscc(request.body.authorityUscc)
    const problem = checkUscc(authorityUscc)
    if (problem) {
      throw new AppError(400, 'INVALID_USCC', [
        { field: 'body.authorityUscc', reason: problem },
      ])
    }
    if (await repo.sourceNameTaken(name))
      throw new AppError(409, 'SOURCE_NAME_TAKEN')
    const token = randomToken()
    const at = nowIso(app.config.clock())
    const id = await repo.createSource({
      name,
      authorityUscc,
      tokenHash: sha256(token),
      at,
    })
    await app.repos.accounts.audit(request.account.id, 'intake.source.create', at, `source:${id}`, name)
    reply.code(201)
    return {
      source: (await sources()).find(s => s.id === id)!,
      token,
    }
  })

  serve(app, endpoints.revokeIntakeSource, async (request, reply) => {
    const at = nowIso(app.config.clock())
    if (!await repo.sourceById(request.params.id))
      throw new AppError(404, 'NOT_FOUND')
    if (await repo.revokeSource(request.params.id, at))
      await app.repos.accounts.audit(request.account.id, 'intake.source.revoke', at, `source:${request.params.id}`)
    return reply.code(204).send()
  })

  const push = (kind: IntakeKind) => async (request: { source: { id: number, name: string }, body: { batchKey: string, records: Record<string, string | number | null>[] } }) => {
    const since = nowIso(new Date(app.config.clock().getTime() - 60_000))
    if (await repo.batchesSince(request.source.id, since) >= BATCHES_PER_MINUTE)
      throw new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: 60 })
    const records = request.body.records.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [
      k,
      v === null
        ? ''
        : String(v),
    ])))
    const { importId, results, replayed } = await step(() => service.pushBatch(request.source, kind, request.body.batchKey, records))
    const count = (action: string) => results.filter(r => r.action === action).length
    const counts = {
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      withdrawn: count('withdrawn'),
      rejected: count('rejected'),
    }
    // A delivery is in the audit log like an admin's import (no person acted: the source is named).
    if (!replayed)
      await app.repos.accounts.audit(null, 'intake.push', nowIso(app.config.clock()), `import:${importId}`, `${request.source.name} · batch ${request.body.batchKey} · ${countsText(counts)}`)
    return {
      importId,
      replayed,
      counts,
      rows: results.map(r => ({
        rowNo: r.rowNo,
        action: r.action,
        rejections: r.rejections.map(({ column, reason, message }) => ({ column, reason, message })),
      })),
    }
  }
  // NDJSON batches: one record a line, the batch key in Idempotency-Key; read into the JSON batch's shape, so the
  // route's schema checks both alike. (This plugin's routes only: files are uploaded as octet-stream or CSV.)
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: BATCH_BODY_BYTES }, (request, body, done) => {
    const records: unknown[] = []
    const lines = String(body).split(/\r?\n/)
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '')
        continue
      try {
        records.push(JSON.parse(line))
      }
      catch {
        done(new AppError(400, 'VALIDATION_FAILED', [
          { field: `body.records[${records.length}]`, reason: `line ${i + 1} is not JSON` },
        ]))
        return
      }
    }
    done(null, { batchKey: request.headers['idempotency-key'] ?? '', records })
  })
  serve(app, endpoints.pushPermissions, push('licence'), { bodyLimit: BATCH_BODY_BYTES })
  serve(app, endpoints.pushPenalties, push('penalty'), { bodyLimit: BATCH_BODY_BYTES })
}
export default routes
