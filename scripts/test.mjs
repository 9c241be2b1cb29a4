#!/usr/bin/env node
// npm test: every check and test layer, in order, with one closing line "N passed, N failed".
// Layers: lint, types, unit (vitest), API (vitest + app.inject) on SQLite and, where PostgreSQL is installed, again on
// a throwaway PostgreSQL cluster, build, size budget, end-to-end (Playwright + Chromium).
// Checks that are not test runners (lint, types, build, budget) count as one test each.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startPostgres } from './postgres.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const REPORTS = join(ROOT, '.reports')
rmSync(REPORTS, { recursive: true, force: true })
mkdirSync(REPORTS, { recursive: true })

function npx(args, env = {}) {
  return spawnSync('npx', args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...env,
    },
  }).status === 0
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)
  for (const path of candidates) {
    if (existsSync(path))
      return path
  }
  // Playwright's own browser, where it could be downloaded.
  const own = spawnSync(process.execPath, ['-e', 'console.log(require("playwright-core").chromium.executablePath())'], { cwd: ROOT, encoding: 'utf8' })
  const ownPath = own.stdout?.trim()
  if (own.status === 0 && ownPath && existsSync(ownPath))
    return ownPath
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium not found: installing Debian\'s chromium with apt-get…')
    const ok = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' }).status === 0
    if (ok && existsSync('/usr/bin/chromium'))
      return '/usr/bin/chromium'
  }
  return null
}

const results = []
function step(name, run, count = () => null) {
  console.log(`\n━━ ${name} ━━`)
  const started = Date.now()
  const ok = run()
  const counted = count()
  const passed = counted
    ? counted.passed
    : (ok ? 1 : 0)
  const failed = counted
    ? counted.failed + (ok || counted.failed > 0
      ? 0
      : 1)
    : (ok ? 0 : 1)
  results.push({
    name,
    ok,
    passed,
    failed,
    seconds: Math.round((Date.now() - started) / 1000),
  })
  return ok
}

/**
 * The failed tests with the first lines of their errors, repeated in the summary so that a CI log cut to its tail
 * still says what failed and why.
 */
const failures = []

/** The first lines of an error message, without terminal colours, indented under the test's name. */
function firstLines(message, lines = 4) {
  return String(message ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001B\[[0-9;]*m/g, '')
    .split('\n')
    .map(line => line.trimEnd())
    .filter(Boolean)
    .slice(0, lines)
    .map(line => `      ${line.slice(0, 200)}`)
    .join('\n')
}

function vitestCounts(file, label = '') {
  return () => {
    if (!existsSync(file))
      return null
    const report = JSON.parse(readFileSync(file, 'utf8'))
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'failed') {
          failures.push(`${label}${suite.name.replace(`${ROOT}/`, '')} › ${test.fullName}`)
          failures.push(firstLines(test.failureMessages?.[0]))
        }
      }
    }
    return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) }
  }
}

function playwrightFailures(suite, file = suite.file) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === 'unexpected') {
        failures.push(`${file ?? spec.file}:${spec.line} › ${spec.title}`)
        for (const [attempt, result] of (test.results ?? []).entries()) {
          if (result.error?.message) {
            failures.push(`    try ${attempt + 1}: ${result.error.location
              ? `line ${result.error.location.line}`
              : ''}\n${firstLines(result.error.message)}`)
          }
        }
      }
    }
  }
  for (const child of suite.suites ?? [])
    playwrightFailures(child, file ?? child.file)
}

function playwrightCounts(file) {
  return () => {
    if (!existsSync(file))
      return null
    const report = JSON.parse(readFileSync(file, 'utf8'))
    for (const suite of report.suites ?? [])
      playwrightFailures(suite)
    const { stats } = report
    return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: (stats.unexpected ?? 0) }
  }
}

function vitest(project, { name = `${project} tests`, report = project, env = {} } = {}) {
  const out = join(REPORTS, `${report}.json`)
  return step(name, () => npx([
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ], env), vitestCounts(out, report === project
    ? ''
    : `[${report}] `))
}

step('lint', () => npx(['eslint', '.']))
step('types', () => npx(['vue-tsc', '-b']))
vitest('unit')
vitest('api')
// The same API suite on PostgreSQL, the scale path's engine, when it is installed (CI installs it).
const postgres = await startPostgres()
if (postgres) {
  try {
    vitest('api', {
      name: 'api (PostgreSQL)',
      report: 'api-postgres',
      env: { TEST_DATABASE_URL: postgres.url },
    })
  }
  finally {
    postgres.stop()
  }
}
else {
  console.log('\nPostgreSQL is not installed (apt-get install postgresql): the API suite ran on SQLite only.')
}
// The app, its server renderer (src/entry-server.ts → dist-server/) and the compiled API server, as npm run build does.
const built = step('build', () => npx(['vite', 'build']) && npx([
  'vite',
  'build',
  '--ssr',
  'src/entry-server.ts',
  '--outDir',
  'dist-server',
]) && spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' }).status === 0)
if (built)
  step('size budget', () => spawnSync(process.execPath, ['bench/size.mjs'], { cwd: ROOT, stdio: 'inherit' }).status === 0)

if (built) {
  const chromium = findChromium()
  if (!chromium) {
    console.error('\nNo Chromium found: install Debian\'s `chromium` (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.')
    results.push({
      name: 'end-to-end tests',
      ok: false,
      passed: 0,
      failed: 1,
      seconds: 0,
    })
  }
  else {
    const out = join(REPORTS, 'e2e.json')
    step('end-to-end tests', () => npx(['playwright', 'test'], { CHROMIUM_PATH: chromium, PW_JSON_REPORT: out }), playwrightCounts(out))
  }
}

console.log('\n━━ summary ━━')
for (const r of results)
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(18)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds}s`)
for (const line of failures.filter(Boolean)) {
  console.log(line.startsWith(' ')
    ? line
    : `  failed: ${line}`)
}
const passed = results.reduce((n, r) => n + r.passed, 0)
const failed = results.reduce((n, r) => n + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && results.every(r => r.ok)
  ? 0
  : 1)
