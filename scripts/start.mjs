#!/usr/bin/env node
// npm start: the demo. Builds the app and serves it with demo accounts, the demo kiosk and one-time codes in the
// server log — never for real residents (production, NODE_ENV=production, refuses all of that; see README).
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

console.log('信用长宁 DEMO — demo accounts, demo kiosk and one-time codes in the log; not for real use (README: "Running it for real")')

const ROOT = resolve(import.meta.dirname, '..')
function run(args, env = {}) {
  return spawnSync('npx', args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...env,
    },
  })
}

// The app, its server renderer (src/entry-server.ts → dist-server/) and the API server compiled, as npm run build does.
for (const args of [
  ['vite', 'build'],
  [
    'vite',
    'build',
    '--ssr',
    'src/entry-server.ts',
    '--outDir',
    'dist-server',
  ],
  ['node', 'scripts/build-server.mjs'],
]) {
  const build = run(args)
  if (build.status !== 0)
    process.exit(build.status ?? 1)
}
// The demo is development unless the operator says otherwise; signals reach the server (it shuts down gracefully).
const server = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', 'dist-server/server.mjs'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { NODE_ENV: 'development', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.kill(signal))
server.on('exit', code => process.exit(code ?? 0))
