// The server on PostgreSQL (DATABASE_URL): a connection pool through Kysely's PostgreSQL dialect and `pg`, numbers
// read as numbers, and the migrations' column types said the PostgreSQL way (see PostgresSchemaPlugin).
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import type { Database } from './schema'
import { ColumnDefinitionNode, DataTypeNode, GeneratedNode, Kysely, OperationNodeTransformer, PostgresDialect } from 'kysely'
import pg from 'pg'

/** PostgreSQL type ids whose text form `pg` would hand over as strings: counts and sums are numbers here. */
const INT8 = 20
const NUMERIC = 1700

function parseNumber(text: string): number {
  return Number(text)
}

const types = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => id === INT8 || id === NUMERIC
    ? parseNumber
    : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
}

/**
 * The migrations are written once, in the types SQLite reads: an `integer` primary key is the row id, filled in on
 * insert; `real` is a double; `blob` is bytes. PostgreSQL says these as an identity column, `double precision` (its
 * `real` is a 4-byte float that would round a venue's coordinates to metres) and `bytea`.
 */
class SchemaTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node)
    if (column.primaryKey && !column.generated && DataTypeNode.is(column.dataType) && column.dataType.dataType === 'integer') {
      return ColumnDefinitionNode.cloneWith(column, {
        generated: GeneratedNode.create({ identity: true, byDefault: true }),
      })
    }
    return column
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    if (node.dataType === 'real')
      return DataTypeNode.create('double precision')
    if (node.dataType === 'blob')
      return DataTypeNode.create('bytea')
    return node
  }
}

export class PostgresSchemaPlugin implements KyselyPlugin {
  readonly #types = new SchemaTypes()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#types.transformNode(args.node)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

export interface PostgresOptions {
  poolSize?: number
  /**
   * Told when an idle connection fails (the database restarted, or an administrator ended the session): the pool
   * drops it and opens another when needed; without a listener the error would end the process.
   */
  onIdleError?: (err: Error) => void
}

/** A pool of connections to the database at `url` (postgres://user:password@host:port/database). */
export function openPostgres(url: string, { poolSize = 10, onIdleError }: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types })
  pool.on('error', err => onIdleError?.(err))
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [
      new PostgresSchemaPlugin(),
    ],
  })
}
