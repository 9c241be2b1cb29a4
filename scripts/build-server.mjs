#!/usr/bin/env node
// The API server compiled ahead of time into one module, dist-server/server.mjs, that `npm run serve` runs with plain
// node: no TypeScript loader in the running server (tsx keeps a loader thread, esbuild and its transforms, some 50 MB,
// and compiles every module at each start). Packages stay in node_modules (imported, not bundled); the project's own
// TypeScript (server/, common/, the schemas) is bundled. The module sits one folder below the project, as
// server/config.ts expects of itself, so ROOT_DIR and everything found from it stay where they are.
// Run by npm run build (after Vite, whose server-renderer build empties dist-server/) and by the tests that start
// the server as an operator does. Written to a temporary name and renamed: a reader never sees half a file.
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = resolve(import.meta.dirname, '..')
export const SERVER_MODULE = join(ROOT, 'dist-server', 'server.mjs')

/** Compiles server/server.ts into dist-server/server.mjs (and its source map); resolves when both are in place. */
export async function buildServer() {
  const result = await build({
    entryPoints: [
      join(ROOT, 'server', 'server.ts'),
    ],
    outfile: SERVER_MODULE,
    absWorkingDir: ROOT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  })
  mkdirSync(join(ROOT, 'dist-server'), { recursive: true })
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`
    writeFileSync(temporary, file.contents)
    renameSync(temporary, file.path)
  }
  // The picture process's code (server/media/pictures.ts) is plain JavaScript, run as it is beside the server.
  const worker = join(ROOT, 'dist-server', 'picture-worker.mjs')
  copyFileSync(join(ROOT, 'server', 'media', 'picture-worker.mjs'), `${worker}.${process.pid}.tmp`)
  renameSync(`${worker}.${process.pid}.tmp`, worker)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  await buildServer()
  console.log(`dist-server/server.mjs (the API server) built in ${Date.now() - started} ms`)
}
