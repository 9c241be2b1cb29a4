import type { Selectable, Transaction } from 'kysely'
// 双公示 intake: sources, imports and their staged rows, rejections and changes, and writing checked records into
// credit_records by their natural key (the only SQL of the intake).
import type { DB } from '../db/database'
import type { CreditRecordRow, Database, IntakeImportTable, IntakeStatus } from '../db/schema'
import type { IntakeKind } from '../intake/fields'
import type { CheckedRecord, Rejection } from '../intake/record'

export type ImportRow = Selectable<IntakeImportTable>
export type RowAction = 'new' | 'changed' | 'unchanged' | 'withdrawn'

/** What the database already holds for a checked record: how it would change. */
export function actionFor(record: CheckedRecord, existingHash: string | null | undefined): RowAction {
  if (record.withdrawn) {
    return existingHash === undefined
      ? 'unchanged'
      : 'withdrawn'
  }
  if (existingHash === undefined)
    return 'new'
  return existingHash === record.hash
    ? 'unchanged'
    : 'changed'
}

type Trx = Transaction<Database>

/** What an import is when it begins. */
export interface NewImport {
  sourceId: number | null
  kind: IntakeKind | null
  channel: 'file' | 'api'
  fileName: string | null
  fileHash: string | null
  fileBytes: number | null
  batchKey: string | null
  createdBy: number | null
  at: string
}

function importValues(values: NewImport & { status: IntakeStatus }) {
  return {
    source_id: values.sourceId,
    kind: values.kind,
    channel: values.channel,
    file_name: values.fileName,
    file_hash: values.fileHash,
    file_bytes: values.fileBytes,
    batch_key: values.batchKey,
    status: values.status,
    created_by: values.createdBy,
    created_at: values.at,
  }
}

export function createIntakeRepository(db: DB) {
  /** The subject's row id: an organisation is added to the register when it is not there yet. */
  async function subjectOf(trx: Trx, importId: number, record: CheckedRecord, at: string): Promise<{ enterprise_id: number | null, person_id: number | null }> {
    const s = record.subject
    if (s.type === 'person') {
      const person = await trx.selectFrom('persons').select('id').where('id_hash', '=', s.idHash).executeTakeFirst()
      if (person)
        return { enterprise_id: null, person_id: person.id }
      // Known only from this record: on file without a phone (no code can be sent until one is registered).
      const added = await trx.insertInto('persons').values({
        key: `intake-${s.idHash.slice(0, 24)}`,
        name: s.name,
        id_hash: s.idHash,
        id_masked: s.idMasked,
        birth_date: s.birthDate,
        phone: null,
        street_id: null,
        created_at: at,
      }).returning('id').executeTakeFirstOrThrow()
      await trx.insertInto('intake_changes').values({
        import_id: importId,
        record_id: added.id,
        action: 'person',
        before: null,
      }).execute()
      return { enterprise_id: null, person_id: added.id }
    }
    const found = await trx.selectFrom('enterprises').select('id').where('uscc', '=', s.uscc).executeTakeFirst()
    if (found)
      return { enterprise_id: found.id, person_id: null }
    const added = await trx.insertInto('enterprises').values({
      uscc: s.uscc,
      name: s.name,
      type: s.individualBusiness ? '个体工商户' : '',
      legal_representative: s.legalRepresentative,
      registered_capital: '',
      established_on: '',
      address: '',
      business_scope: '',
      status: 'active',
      updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()
    await trx.insertInto('intake_changes').values({
      import_id: importId,
      record_id: added.id,
      action: 'enterprise',
      before: null,
    }).execute()
    return { enterprise_id: added.id, person_id: null }
  }

  /** Imports with their source's name and the name of who uploaded them. */
  function importsWithNames() {
    return db.selectFrom('intake_imports')
      .leftJoin('intake_sources', 'intake_sources.id', 'intake_imports.source_id')
      .leftJoin('users', 'users.id', 'intake_imports.created_by')
      .selectAll('intake_imports')
      .select(['intake_sources.name as source_name', 'users.display_name as created_by_name'])
  }

  /** Writes checked records by natural key inside a transaction, noting each change for a rollback. */
  async function applyIn(trx: Trx, importId: number, records: CheckedRecord[], at: string): Promise<RowAction[]> {
    const actions: RowAction[] = []
    for (const record of records) {
      const existing = await trx.selectFrom('credit_records').selectAll().where('natural_key', '=', record.naturalKey).executeTakeFirst()
      const action = actionFor(record, existing ? existing.intake_hash : undefined)
      actions.push(action)
      if (action === 'unchanged')
        continue
      if (action === 'withdrawn') {
        await trx.insertInto('intake_changes').values({
          import_id: importId,
          record_id: existing!.id,
          action: 'delete',
          before: JSON.stringify(existing),
        }).execute()
        await trx.deleteFrom('credit_records').where('id', '=', existing!.id).execute()
        continue
      }
      const values = {
        ...record.columns,
        ...await subjectOf(trx, importId, record, at),
        natural_key: record.naturalKey,
        intake_hash: record.hash,
        import_id: importId,
        updated_at: at,
      }
      if (existing) {
        await trx.insertInto('intake_changes').values({
          import_id: importId,
          record_id: existing.id,
          action: 'update',
          before: JSON.stringify(existing),
        }).execute()
        await trx.updateTable('credit_records').set(values).where('id', '=', existing.id).execute()
      }
      else {
        const row = await trx.insertInto('credit_records').values({ ...values, created_at: at }).returning('id').executeTakeFirstOrThrow()
        await trx.insertInto('intake_changes').values({
          import_id: importId,
          record_id: row.id,
          action: 'insert',
          before: null,
        }).execute()
      }
    }
    return actions
  }

  return {
    async createImport(values: NewImport & { status: IntakeStatus }): Promise<number> {
      const row = await db.insertInto('intake_imports').values(importValues(values)).returning('id').executeTakeFirstOrThrow()
      return row.id
    },

    async importById(id: number) {
      return importsWithNames().where('intake_imports.id', '=', id).executeTakeFirst()
    },

    async imports(limit: number) {
      return importsWithNames().orderBy('intake_imports.id', 'desc').limit(limit).execute()
    },

    async byBatchKey(sourceId: number, batchKey: string) {
      return db.selectFrom('intake_imports').selectAll().where('source_id', '=', sourceId).where('batch_key', '=', batchKey).executeTakeFirst()
    },

    async update(id: number, values: Partial<Omit<ImportRow, 'id'>>): Promise<void> {
      await db.updateTable('intake_imports').set(values).where('id', '=', id).execute()
    },

    /** Moves an import from one status to another; false when it was not in `from` (someone else moved it). */
    async transition(id: number, from: IntakeStatus, to: IntakeStatus, values: Partial<Omit<ImportRow, 'id' | 'status'>> = {}): Promise<boolean> {
      const result = await db.updateTable('intake_imports').set({ ...values, status: to }).where('id', '=', id).where('status', '=', from).executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    /** The stored hashes of the natural keys given (absent keys are not in the database). */
    async hashesOf(keys: string[]): Promise<Map<string, string | null>> {
      const found = new Map<string, string | null>()
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db.selectFrom('credit_records').select(['natural_key', 'intake_hash']).where('natural_key', 'in', keys.slice(i, i + 500)).execute()
        for (const r of rows)
          found.set(r.natural_key!, r.intake_hash)
      }
      return found
    },

    /** Stages one batch of a checked file: its good rows and its rejections, with the progress so far. */
    async stage(importId: number, rows: { record: CheckedRecord, action: RowAction }[], rejections: Rejection[], rowsRead: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (rows.length > 0) {
          await trx.insertInto('intake_rows').values(rows.map(r => ({
            import_id: importId,
            row_no: r.record.rowNo,
            natural_key: r.record.naturalKey,
            action: r.action,
            record: JSON.stringify(r.record),
          }))).execute()
        }
        if (rejections.length > 0) {
          await trx.insertInto('intake_rejections').values(rejections.map(r => ({
            import_id: importId,
            row_no: r.rowNo,
            column: r.column,
            reason: r.reason,
            message: r.message,
          }))).execute()
        }
        await trx.updateTable('intake_imports').set({ rows_read: rowsRead }).where('id', '=', importId).execute()
      })
    },

    /** Imports left checking or committing (by a server that stopped). */
    async unfinished() {
      return db.selectFrom('intake_imports').select(['id', 'status', 'rows_done']).where('status', 'in', ['checking', 'committing']).where('channel', '=', 'file').execute()
    },

    /** Which of these natural keys an import already staged, with the row that brought each. */
    async stagedKeys(importId: number, keys: string[]): Promise<Map<string, number>> {
      const found = new Map<string, number>()
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db.selectFrom('intake_rows').select(['natural_key', 'row_no']).where('import_id', '=', importId).where('natural_key', 'in', keys.slice(i, i + 500)).execute()
        for (const r of rows)
          found.set(r.natural_key, r.row_no)
      }
      return found
    },

    /** Counts of an import's staged rows by action, and of its rejected rows. */
    async stagedCounts(importId: number) {
      const rows = await db.selectFrom('intake_rows').select([
        'action',
        eb => eb.fn.countAll<number>().as('n'),
      ]).where('import_id', '=', importId).groupBy('action').execute()
      const rejected = await db.selectFrom('intake_rejections').select(eb => eb.fn.count<number>('row_no').distinct().as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow()
      const by = Object.fromEntries(rows.map(r => [
        r.action,
        Number(r.n),
      ])) as Partial<Record<RowAction, number>>
      return {
        new_count: by.new ?? 0,
        changed_count: by.changed ?? 0,
        unchanged_count: by.unchanged ?? 0,
        withdrawn_count: by.withdrawn ?? 0,
        rejected_count: Number(rejected.n),
      }
    },

    async stagedBatch(importId: number, afterRowNo: number, limit: number): Promise<CheckedRecord[]> {
      const rows = await db.selectFrom('intake_rows').select('record').where('import_id', '=', importId).where('row_no', '>', afterRowNo).orderBy('row_no').limit(limit).execute()
      return rows.map(r => JSON.parse(r.record) as CheckedRecord)
    },

    async dropStaged(importId: number): Promise<void> {
      await db.deleteFrom('intake_rows').where('import_id', '=', importId).execute()
    },

    async rejections(importId: number, page: number, pageSize: number) {
      const q = db.selectFrom('intake_rejections').where('import_id', '=', importId)
      const { total } = await q.select(eb => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
      const items = await q.select([
        'row_no',
        'column',
        'reason',
        'message',
      ]).orderBy('row_no').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute()
      return {
        total: Number(total),
        items,
      }
    },

    async* allRejections(importId: number) {
      let after = 0
      for (;;) {
        const rows = await db.selectFrom('intake_rejections').select([
          'id',
          'row_no',
          'column',
          'reason',
          'message',
        ]).where('import_id', '=', importId).where('id', '>', after).orderBy('id').limit(1000).execute()
        if (rows.length === 0)
          return
        yield* rows
        after = rows.at(-1)!.id
      }
    },

    /**
     * Writes checked records in one transaction, by natural key: new ones inserted, changed ones updated, withdrawn
     * ones deleted, each change noted for a rollback. Answers what happened to each.
     */
    async apply(importId: number, records: CheckedRecord[], at: string): Promise<RowAction[]> {
      return db.transaction().execute(async trx => applyIn(trx, importId, records, at))
    },

    /**
     * A pushed batch in one transaction: its import, its records and its answer are written together, so a batch
     * is either delivered with its answer kept (and answered again for the same key) or not at all.
     */
    async deliver(values: NewImport, records: CheckedRecord[], finish: (actions: RowAction[]) => Partial<Omit<ImportRow, 'id' | 'status'>>): Promise<{ importId: number, actions: RowAction[] }> {
      return db.transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('intake_imports').values(importValues({ ...values, status: 'committing' })).returning('id').executeTakeFirstOrThrow()
        const actions = await applyIn(trx, id, records, values.at)
        await trx.updateTable('intake_imports').set({
          ...finish(actions),
          status: 'committed',
        }).where('id', '=', id).execute()
        return { importId: id, actions }
      })
    },

    /** Whether a later import that stands changed a record this one wrote (then this one cannot be rolled back alone). */
    async supersededBy(importId: number): Promise<number | null> {
      const row = await db.selectFrom('intake_changes as mine')
        .innerJoin('intake_changes as later', 'later.record_id', 'mine.record_id')
        .innerJoin('intake_imports', 'intake_imports.id', 'later.import_id')
        .select('later.import_id')
        .where('mine.import_id', '=', importId)
        .where('mine.action', 'not in', ['enterprise', 'person'])
        .where('later.action', 'not in', ['enterprise', 'person'])
        .where('later.import_id', '>', importId)
        .where('intake_imports.status', 'in', ['committed', 'committing'])
        .limit(1)
        .executeTakeFirst()
      return row?.import_id ?? null
    },

    /** Undoes every change of an import, newest first, in one transaction. */
    async undo(importId: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const changes = await trx.selectFrom('intake_changes').selectAll().where('import_id', '=', importId).orderBy('id', 'desc').execute()
        for (const change of changes) {
          switch (change.action) {
            case 'insert':
              await trx.deleteFrom('credit_records').where('id', '=', change.record_id).execute()
              break
            case 'update': {
              const { id, ...before } = JSON.parse(change.before!) as CreditRecordRow
              await trx.updateTable('credit_records').set(before).where('id', '=', id).execute()
              break
            }
            case 'delete':
              await trx.insertInto('credit_records').values(JSON.parse(change.before!) as CreditRecordRow).execute()
              break
            case 'person': {
              const used = await trx.selectFrom('credit_records').select('id').where('person_id', '=', change.record_id).limit(1).executeTakeFirst()
              if (!used)
                await trx.deleteFrom('persons').where('id', '=', change.record_id).execute()
              break
            }
            case 'enterprise': {
              const used = await trx.selectFrom('credit_records').select('id').where('enterprise_id', '=', change.record_id).limit(1).executeTakeFirst()
              if (!used)
                await trx.deleteFrom('enterprises').where('id', '=', change.record_id).execute()
              break
            }
          }
        }
      })
    },

    async sourceByTokenHash(tokenHash: string) {
      return db.selectFrom('intake_sources').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst()
    },

    /** The sources with the rows they delivered and had refused since a time (committed files and batches). */
    async sources(since: string) {
      const sources = await db.selectFrom('intake_sources').selectAll().orderBy('name').execute()
      const figures = await db.selectFrom('intake_imports')
        .select(eb => [
          'source_id',
          eb.fn.sum<number>(eb => eb('new_count', '+', eb('changed_count', '+', eb('unchanged_count', '+', eb.ref('withdrawn_count'))))).as('accepted'),
          eb.fn.sum<number>('rejected_count').as('rejected'),
        ])
        .where('source_id', 'is not', null)
        .where('status', '=', 'committed')
        .where('created_at', '>=', since)
        .groupBy('source_id')
        .execute()
      const by = new Map(figures.map(f => [f.source_id, f]))
      return sources.map(s => ({
        ...s,
        accepted: Number(by.get(s.id)?.accepted ?? 0),
        rejected: Number(by.get(s.id)?.rejected ?? 0),
      }))
    },

    async sourceById(id: number) {
      return db.selectFrom('intake_sources').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** When each department last updated what is published about a firm: by source, or by authority for files without one. */
    async updatesOf(enterpriseId: number): Promise<{ source: string, at: string }[]> {
      const rows = await db.selectFrom('credit_records')
        .innerJoin('intake_imports', 'intake_imports.id', 'credit_records.import_id')
        .leftJoin('intake_sources', 'intake_sources.id', 'intake_imports.source_id')
        .select(eb => [
          eb.fn.coalesce('intake_sources.name', 'credit_records.authority').as('source'),
          eb.fn.max('credit_records.updated_at').as('at'),
        ])
        .where('credit_records.enterprise_id', '=', enterpriseId)
        .groupBy('source')
        .orderBy('at', 'desc')
        .execute()
      return rows.flatMap(r => r.at
        ? [
            { source: r.source, at: r.at },
          ]
        : [])
    },

    async createSource(values: { name: string, authorityUscc: string, tokenHash: string, at: string }): Promise<number> {
      const row = await db.insertInto('intake_sources').values({
        name: values.name,
        authority_uscc: values.authorityUscc,
        token_hash: values.tokenHash,
        token_created_at: values.at,
        created_at: values.at,
      }).returning('id').executeTakeFirstOrThrow()
      return row.id
    },

    /** Revokes a source's token, by name (the command line) or id (the portal); false when none was active. */
    async revokeSource(which: string | number, at: string): Promise<boolean> {
      const result = await db.updateTable('intake_sources')
        .set({ token_hash: null, revoked_at: at })
        .where(typeof which === 'number'
          ? 'id'
          : 'name', '=', which)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async sourceNameTaken(name: string): Promise<boolean> {
      return (await db.selectFrom('intake_sources').select('id').where('name', '=', name).executeTakeFirst()) !== undefined
    },

    async delivered(sourceId: number, at: string): Promise<void> {
      await db.updateTable('intake_sources').set({ last_delivery_at: at }).where('id', '=', sourceId).execute()
    },

    /** Batches a source pushed since a time (its rate limit). */
    async batchesSince(sourceId: number, since: string): Promise<number> {
      const row = await db.selectFrom('intake_imports').select(eb => eb.fn.countAll<number>().as('n')).where('source_id', '=', sourceId).where('channel', '=', 'api').where('created_at', '>=', since).executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
export type IntakeRepository = ReturnType<typeof createIntakeRepository>
