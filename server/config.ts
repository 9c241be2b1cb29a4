// The one place that reads process.env. Everything else receives a typed, validated Config.
import type { Static } from 'typebox'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Type } from 'typebox'
import Value from 'typebox/value'

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([
    Type.Literal('production'),
    Type.Literal('development'),
    Type.Literal('test'),
  ], { default: 'production' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: './data/credit.db' }),
  /**
   * PostgreSQL instead of the SQLite file, for several nodes and a district's volume: postgres://user:password@host:
   * port/database. Create the database with a C.UTF-8 (or C) collation and ctype (ARCHITECTURE.md).
   */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://\\S+$' })),
  /** Connections each node keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DIST_DIR: Type.String({ minLength: 1, default: './dist' }),
  /** The server-side renderer's build (npm run build); without it, every page is answered with the app shell. */
  SSR_DIR: Type.String({ minLength: 1, default: './dist-server' }),
  /** Photos and other media: outside the web root, served only through /api/media. Default: beside the database. */
  MEDIA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Where stored files live (media/store.ts): 'folder' (MEDIA_DIR; several nodes mount one shared directory) or
   * 'database' (the server's database, which every node already shares).
   */
  MEDIA_STORE: Type.Union([
    Type.Literal('folder'),
    Type.Literal('database'),
  ], { default: 'folder' }),
  LOG_LEVEL: Type.Union([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ].map(l => Type.Literal(l)), { default: 'info' }),
  /** Demo content, accounts and kiosk in an empty database: on by default except in production (where it is refused). */
  SEED_DEMO_DATA: Type.Optional(Type.Boolean()),
  TRUST_PROXY: Type.Boolean({ default: false }),
  /**
   * The address residents use, e.g. https://credit.changning.gov.cn (no path). https:// makes session cookies
   * Secure and turns HSTS on; production refuses to start without it.
   */
  PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/\\s?#]+/?$' })),
  /**
   * Where one-time codes go: 'http' posts them to the carrier's gateway (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN);
   * 'log' writes them to the server log (demo, development; refused in production); 'test' keeps them for tests.
   */
  SMS_ADAPTER: Type.Union([
    Type.Literal('http'),
    Type.Literal('log'),
    Type.Literal('test'),
  ], { default: 'log' }),
  SMS_GATEWAY_URL: Type.Optional(Type.String({ pattern: '^https?://\\S+$' })),
  SMS_GATEWAY_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Kiosks: seconds without a touch before the "still there?" dialog, on screens with and without personal data. */
  KIOSK_IDLE_SECONDS: Type.Integer({ minimum: 15, maximum: 3600, default: 120 }),
  KIOSK_PERSONAL_IDLE_SECONDS: Type.Integer({ minimum: 10, maximum: 3600, default: 60 }),
  /** How long that dialog counts down before wiping (at least 20 s: WCAG 2.2.1). */
  KIOSK_COUNTDOWN_SECONDS: Type.Integer({ minimum: 20, maximum: 300, default: 20 }),
  /** Staff sessions: ended after this many minutes without a request, and after this many hours in any case. */
  /** What one staff account may add: pictures per hour, new activities per day (routes/staff.ts). */
  STAFF_UPLOADS_PER_HOUR: Type.Integer({ minimum: 1, maximum: 10_000, default: 60 }),
  STAFF_ACTIVITIES_PER_DAY: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
  /** Public answers are kept in memory this long at most (changes made through this server empty it at once); 0: off. */
  PUBLIC_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 5 }),
  /** The largest 双公示 file an admin may upload (services/intake.ts). */
  INTAKE_MAX_FILE_MB: Type.Integer({ minimum: 1, maximum: 1024, default: 128 }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
  SESSION_ABSOLUTE_HOURS: Type.Integer({ minimum: 1, maximum: 168, default: 12 }),
  /** Password hashing cost: 'asvs' (scrypt N=2^17, r=8, p=1); 'fast' only for tests (NODE_ENV=test). */
  PASSWORD_HASH_COST: Type.Union([
    Type.Literal('asvs'),
    Type.Literal('fast'),
  ], { default: 'asvs' }),
  /** Key for keyed hashes (ID numbers) and signatures; generated and kept beside the database when unset. */
  APP_SECRET: Type.Optional(Type.String({ minLength: 32 })),
})

type Env = Static<typeof EnvSchema>

export interface Config {
  env: Env['NODE_ENV']
  port: number
  host: string
  databasePath: string // absolute, or ':memory:'
  /** PostgreSQL's address when the server runs on it (then databasePath only locates the secret file); null: SQLite. */
  databaseUrl: string | null
  databasePoolSize: number
  distDir: string // absolute
  /** Where the server-side renderer's build is (absolute): src/entry-server.ts built by npm run build. */
  ssrDir: string
  mediaDir: string // absolute
  mediaStore: Env['MEDIA_STORE']
  logLevel: Env['LOG_LEVEL']
  seedDemoData: boolean
  trustProxy: boolean
  /** The public address without a trailing slash, or null (a demo or a LAN install). */
  publicOrigin: string | null
  smsAdapter: Env['SMS_ADAPTER']
  smsGateway: { url: string, token: string } | null
  kiosk: { idleSeconds: number, personalIdleSeconds: number, countdownSeconds: number }
  session: { idleMinutes: number, absoluteHours: number }
  quotas: { uploadsPerHour: number, activitiesPerDay: number }
  /** Seconds a public answer is kept in memory (server/plugins/answer-cache.ts); 0: not kept. */
  publicCacheSeconds: number
  /** Bytes: a larger upload is refused as it arrives. */
  intakeMaxFileBytes: number
  passwordHashCost: Env['PASSWORD_HASH_COST']
  secret: string
  /** Whether the secret came from APP_SECRET (false: generated and kept in a file beside the database). */
  secretFromEnv: boolean
  version: string
  /** The server's clock; tests move it to check expiries. */
  clock: () => Date
}

export class ConfigError extends Error {}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string }
  return pkg.version ?? '0.0.0'
}

/** Reads the secret from APP_SECRET, or from (creating if needed) a 0600 file beside the database. */
function resolveSecret(given: string | undefined, databasePath: string): string {
  if (given)
    return given
  if (databasePath === ':memory:')
    return randomBytes(32).toString('hex')
  const file = resolve(dirname(databasePath), 'secret.key')
  if (existsSync(file))
    return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** Builds the configuration from an environment (process.env by default) plus explicit overrides (tests). */
export function loadConfig(source: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key]
    if (value !== undefined && value !== '')
      raw[key] = value
  }
  // Value.Convert would truncate '80.5' to 80 and read '0x1F90' as hex: a port must be plain decimal digits.
  if (typeof raw.PORT === 'string' && !/^\d+$/.test(raw.PORT.trim()))
    throw new ConfigError(`Invalid configuration: /PORT must be a whole number, got ${JSON.stringify(raw.PORT)}`)
  const candidate = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw))
  if (!Value.Check(EnvSchema, candidate)) {
    const problems = Value.Errors(EnvSchema, candidate).map(e => `${e.instancePath || '/'} ${e.message}`)
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  }
  const env = candidate
  if (env.PASSWORD_HASH_COST === 'fast' && env.NODE_ENV !== 'test')
    throw new ConfigError('Invalid configuration: PASSWORD_HASH_COST=fast weakens password hashes and is allowed only with NODE_ENV=test')
  if (env.SMS_ADAPTER === 'test' && env.NODE_ENV !== 'test')
    throw new ConfigError('Invalid configuration: SMS_ADAPTER=test hands one-time codes out and is allowed only with NODE_ENV=test')
  if (env.SMS_ADAPTER === 'http' && (!env.SMS_GATEWAY_URL || !env.SMS_GATEWAY_TOKEN))
    throw new ConfigError('Invalid configuration: SMS_ADAPTER=http needs SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN (at least 16 characters)')
  const databasePath = env.DATABASE_PATH === ':memory:'
    ? ':memory:'
    : resolve(ROOT_DIR, env.DATABASE_PATH)
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databasePath,
    databaseUrl: env.DATABASE_URL ?? null,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    distDir: resolve(ROOT_DIR, env.DIST_DIR),
    ssrDir: resolve(ROOT_DIR, env.SSR_DIR),
    mediaDir: env.MEDIA_DIR
      ? resolve(ROOT_DIR, env.MEDIA_DIR)
      : databasePath === ':memory:'
        ? resolve(ROOT_DIR, 'data/media')
        : resolve(dirname(databasePath), 'media'),
    mediaStore: env.MEDIA_STORE,
    logLevel: env.LOG_LEVEL,
    seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    trustProxy: env.TRUST_PROXY,
    publicOrigin: env.PUBLIC_ORIGIN?.replace(/\/$/, '') ?? null,
    smsAdapter: env.SMS_ADAPTER,
    smsGateway: env.SMS_ADAPTER === 'http' && env.SMS_GATEWAY_URL && env.SMS_GATEWAY_TOKEN
      ? { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN }
      : null,
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
    quotas: { uploadsPerHour: env.STAFF_UPLOADS_PER_HOUR, activitiesPerDay: env.STAFF_ACTIVITIES_PER_DAY },
    publicCacheSeconds: env.PUBLIC_CACHE_SECONDS,
    intakeMaxFileBytes: env.INTAKE_MAX_FILE_MB * 1024 * 1024,
    passwordHashCost: env.PASSWORD_HASH_COST,
    kiosk: {
      idleSeconds: env.KIOSK_IDLE_SECONDS,
      personalIdleSeconds: env.KIOSK_PERSONAL_IDLE_SECONDS,
      countdownSeconds: env.KIOSK_COUNTDOWN_SECONDS,
    },
    clock: () => new Date(),
    secret: overrides.secret ?? resolveSecret(env.APP_SECRET, databasePath),
    secretFromEnv: env.APP_SECRET !== undefined,
    version: readVersion(),
    ...overrides,
  }
}
