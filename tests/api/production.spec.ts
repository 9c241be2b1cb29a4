import type { Buffer } from 'node:buffer'
import type { AddressInfo } from 'node:net'
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildApp } from '../../server/app'
import { ConfigError, loadConfig, ROOT_DIR } from '../../server/config'
import { PERMISSIONS_POLICY } from '../../server/plugins/security'
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../server/seed/data/accounts'
import { createHttpSender } from '../../server/sms/index'
import { databaseEnv, dropDatabase } from './engine'
import { buildTestApp, makeTempDir, TEST_SECRET } from './helpers'
import { builtServer } from './served'

// Production (NODE_ENV=production) refuses everything that makes a demo a demo, each named with its fix; once
// they are fixed it starts, with Secure cookies and HSTS for its https address.
describe('production start-up', () => {
  const dir = makeTempDir()
  const production = (env: Record<string, string> = {}) => loadConfig({
    NODE_ENV: 'production',
    ...databaseEnv(dir),
    DIST_DIR: join(dir, 'dist'),
    LOG_LEVEL: 'silent',
    ...env,
  })
  const ready = {
    APP_SECRET: TEST_SECRET,
    PUBLIC_ORIGIN: 'https://credit.example.gov.cn',
    SMS_ADAPTER: 'http',
    SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
    SMS_GATEWAY_TOKEN: 'gateway-token-0123456789',
  }

  beforeAll(async () => {
    // A database that began as a demo: seeded with the demo accounts and kiosk.
    const demo = await buildTestApp({ dir })
    await demo.app.close()
  })
  afterAll(async () => {
    await dropDatabase(dir)
    rmSync(dir, { recursive: true, force: true })
  })

  it('should not seed demo data by default in production, and seed it by default elsewhere', () => {
    expect(production().seedDemoData).toBe(false)
    expect(loadConfig({
      NODE_ENV: 'development',
      ...databaseEnv(dir),
    }).seedDemoData).toBe(true)
  })

  it('should refuse to start with one message naming every demo setting and demo access, each with its fix', async () => {
    const error = await buildApp(production({ SEED_DEMO_DATA: 'true' })).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toContain('SEED_DEMO_DATA=true')
    expect(message).toContain('SMS_ADAPTER=log')
    expect(message).toContain('APP_SECRET is not set')
    expect(message).toContain('PUBLIC_ORIGIN is not set')
    expect(message).toContain(DEMO_ADMIN.username)
    expect(message).toContain('demo kiosk')
    expect(message.match(/npm run demo:disable/g)).toHaveLength(2)
  })

  it('should print the refusal to the operator and exit 1 when started in production through npm run serve', async () => {
    await builtServer()
    // Through a pipe, as systemd and container runtimes read it: the message must not be lost on exit.
    const result = await promisify(execFile)('npm', ['run', 'serve'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        ...databaseEnv(dir),
        DIST_DIR: join(dir, 'dist'),
        SMS_ADAPTER: 'log',
      },
      timeout: 60_000,
    }).then(() => null, (e: { code: number, stderr: string }) => e)
    expect(result?.code).toBe(1)
    expect(result?.stderr).toContain('Refusing to start in production')
    expect(result?.stderr).toContain('SMS_ADAPTER=log')
    expect(result?.stderr).toContain('npm run demo:disable')
  }, 90_000)

  it('should refuse a plain-http public address in production', async () => {
    const error = await buildApp(production({ ...ready, PUBLIC_ORIGIN: 'http://credit.example.gov.cn' })).then(() => null, (e: unknown) => e)
    expect((error as Error).message).toContain('is not https')
  })

  it('should start once the demo access is disabled and the settings are real, with Secure cookies, HSTS and a permissions policy', async () => {
    await promisify(execFile)('npx', ['tsx', 'server/cli/demo.ts', 'disable'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        ...databaseEnv(dir),
        APP_SECRET: TEST_SECRET,
      },
      timeout: 20_000,
    })
    const app = await buildApp(production(ready))
    try {
      // The demo admin no longer signs in, even with the published password.
      const demoLogin = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { [CSRF_HEADER]: CSRF_VALUE },
        payload: { username: DEMO_ADMIN.username, password: DEMO_PASSWORD },
      })
      expect(demoLogin.statusCode).toBe(401)
      const res = await app.inject({ method: 'GET', url: '/api/health' })
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY)
      expect(PERMISSIONS_POLICY).toContain('geolocation=(self)')
      expect(PERMISSIONS_POLICY).toContain('camera=()')
    }
    finally {
      await app.close()
    }
  })
})

describe('secure cookies behind a TLS proxy', () => {
  it('should mark the session cookie Secure (__Host-) when the public address is https, even if the proxy speaks http', async () => {
    const t = await buildTestApp({
      env: { PUBLIC_ORIGIN: 'https://credit.example.gov.cn' },
    })
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { [CSRF_HEADER]: CSRF_VALUE },
        payload: { username: DEMO_ADMIN.username, password: DEMO_PASSWORD },
      })
      expect(res.statusCode).toBe(200)
      const cookie = String(res.headers['set-cookie'])
      expect(cookie).toMatch(/^__Host-/)
      expect(cookie).toContain('Secure')
    }
    finally {
      await t.close()
    }
  })

  it('should send no HSTS over a plain-http demo or LAN install', async () => {
    const t = await buildTestApp()
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.headers['strict-transport-security']).toBeUndefined()
    }
    finally {
      await t.close()
    }
  })
})

describe('the SMS gateway adapter', () => {
  it('should post the message as JSON with the bearer token, and fail when the gateway does not accept it', async () => {
    const received: { auth?: string, body: unknown }[] = []
    let status = 202
    const gateway = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({
          auth: req.headers.authorization,
          body: JSON.parse(body),
        })
        res.writeHead(status).end()
      })
    })
    await new Promise<void>(resolve => gateway.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = gateway.address() as AddressInfo
      const sender = createHttpSender({ url: `http://127.0.0.1:${port}/sms`, token: 'gateway-token-0123456789' })
      await sender.send({
        to: '13800001234',
        template: 'otp',
        params: { code: '123456', minutes: 5 },
      })
      expect(received).toHaveLength(1)
      expect(received[0]!.auth).toBe('Bearer gateway-token-0123456789')
      expect(received[0]!.body).toMatchObject({
        to: '13800001234',
        template: 'otp',
        params: { code: '123456', minutes: 5 },
        text: expect.stringContaining('123456'),
      })
      status = 500
      await expect(sender.send({
        to: '13800001234',
        template: 'otp',
        params: { code: '654321', minutes: 5 },
      })).rejects.toThrow('500')
    }
    finally {
      gateway.close()
    }
  })
})
