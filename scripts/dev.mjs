#!/usr/bin/env node
// npm run dev: the API in watch mode (port API_PORT, default 8080) and Vite's dev server proxying /api to it.
import { spawn } from 'node:child_process'

const apiPort = process.env.API_PORT ?? '8080'
const children = [
  spawn('npx', [
    'tsx',
    'watch',
    '--clear-screen=false',
    'server/server.ts',
  ], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: apiPort,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
  }),
  spawn('npx', ['vite'], {
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
]

let exiting = false
function stop(code = 0) {
  if (exiting)
    return
  exiting = true
  for (const child of children)
    child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children)
  child.on('exit', code => stop(code ?? 0))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
