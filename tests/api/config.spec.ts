import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { isAbsolute, join, sep } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'
import { makeTempDir, packageVersion, TEST_SECRET } from './helpers'

const overrides = { secret: TEST_SECRET }

describe('loadConfig', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0))
      rmSync(dir, { recursive: true, force: true })
  })

  it('should use the documented defaults when the environment is empty', () => {
    const config = loadConfig({}, overrides)
    expect(config.port).toBe(8080)
    expect(config.host).toBe('127.0.0.1')
    expect(config.env).toBe('production')
    expect(config.logLevel).toBe('info')
    // Production by default, so no demo data unless asked for (and production refuses it then).
    expect(config.seedDemoData).toBe(false)
    expect(config.publicOrigin).toBeNull()
    expect(config.trustProxy).toBe(false)
    expect(isAbsolute(config.databasePath)).toBe(true)
    expect(config.databasePath.endsWith(join('data', 'credit.db'))).toBe(true)
    expect(isAbsolute(config.distDir)).toBe(true)
    expect(config.distDir.endsWith(`${sep}dist`)).toBe(true)
    expect(config.secret).toBe(TEST_SECRET)
    expect(config.version).toBe(packageVersion())
  })

  it('should treat empty strings as unset when variables are present but blank', () => {
    const config = loadConfig({ PORT: '', HOST: '', LOG_LEVEL: '' }, overrides)
    expect(config.port).toBe(8080)
    expect(config.host).toBe('127.0.0.1')
    expect(config.logLevel).toBe('info')
  })

  it('should read typed values when the environment sets them', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: '3000',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      TRUST_PROXY: 'true',
      DATABASE_PATH: ':memory:',
    }, overrides)
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'warn',
      seedDemoData: false,
      trustProxy: true,
      databasePath: ':memory:',
    })
  })

  it.each([
    'abc',
    '70000',
    '-1',
    '80.5',
    '0x1F90',
    '1e3',
    '8080abc',
  ])('should throw ConfigError when PORT is %s', (port) => {
    expect(() => loadConfig({ PORT: port }, overrides)).toThrow(ConfigError)
  })

  it('should accept a port padded with spaces when PORT is otherwise a whole number', () => {
    expect(loadConfig({ PORT: ' 3000 ' }, overrides).port).toBe(3000)
    expect(loadConfig({ PORT: '0' }, overrides).port).toBe(0)
  })

  it('should name the bad variable in the message when configuration is invalid', () => {
    expect(() => loadConfig({ PORT: 'abc' }, overrides)).toThrow(/PORT/)
  })

  it.each(['verbose', 'INFO ', 'loud'])('should throw ConfigError when LOG_LEVEL is %s', (level) => {
    expect(() => loadConfig({ LOG_LEVEL: level }, overrides)).toThrow(ConfigError)
  })

  it('should throw ConfigError when NODE_ENV or a boolean flag is not recognised', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' }, overrides)).toThrow(ConfigError)
    expect(() => loadConfig({ SEED_DEMO_DATA: 'maybe' }, overrides)).toThrow(ConfigError)
  })

  it('should throw ConfigError when APP_SECRET is shorter than 32 characters', () => {
    expect(() => loadConfig({ APP_SECRET: 'too-short' })).toThrow(ConfigError)
  })

  it('should use APP_SECRET when it is set', () => {
    const secret = 's'.repeat(40)
    expect(loadConfig({ APP_SECRET: secret, DATABASE_PATH: ':memory:' }).secret).toBe(secret)
  })

  it('should create a private secret file beside the database and reuse it when no secret is configured', () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const env = {
      DATABASE_PATH: join(dir, 'nested', 'credit.db'),
    }
    const first = loadConfig(env)
    const file = join(dir, 'nested', 'secret.key')
    expect(existsSync(file)).toBe(true)
    expect(first.secret.length).toBeGreaterThanOrEqual(32)
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret)
    if (process.platform !== 'win32')
      expect(statSync(file).mode & 0o077).toBe(0)
    expect(loadConfig(env).secret).toBe(first.secret)
  })

  it('should use a fresh random secret when the database is in memory and no secret is configured', () => {
    const a = loadConfig({ DATABASE_PATH: ':memory:' })
    const b = loadConfig({ DATABASE_PATH: ':memory:' })
    expect(a.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(b.secret).not.toBe(a.secret)
  })
})
