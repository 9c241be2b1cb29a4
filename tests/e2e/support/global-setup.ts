import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { removeDir, startServer } from './server'

// One shared server for the suite; its URL reaches the tests as BASE_URL.
export default async function globalSetup() {
  if (!existsSync(resolve(import.meta.dirname, '../../../dist/index.html')))
    throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests (npm test does this).')
  const server = await startServer()
  process.env.BASE_URL = server.url
  return async () => {
    await server.stop()
    removeDir(server.dataDir)
  }
}
