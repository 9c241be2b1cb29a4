// The server's entry point: `npm run serve` (npm execs node, so signals reach this process) or, for process managers
// and containers, `node --import tsx server/server.ts`. Closes gracefully on SIGINT/SIGTERM: stops accepting,
// lets requests in flight finish (new ones on open connections get 503), closes the database, exits 0; anything
// still running after SHUTDOWN_GRACE_MS is cut off with exit 1 (close-with-grace).
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'

/** How long requests in flight get to finish after a shutdown signal. */
export const SHUTDOWN_GRACE_MS = 10_000

// Configuration problems (and production's refusals) are the operator's to fix: say them plainly, no stack trace.
async function start() {
  try {
    const config = loadConfig()
    return { config, app: await buildApp(config) }
  }
  catch (err) {
    if (!(err instanceof ConfigError))
      throw err
    console.error(err.message)
    process.exit(1)
  }
}
const { config, app } = await start()
if (config.env !== 'production')
  app.log.warn({ env: config.env }, 'not production: demo settings are allowed (NODE_ENV=production refuses them)')

closeWithGrace({
  delay: SHUTDOWN_GRACE_MS,
  logger: {
    error: (message: string) => app.log.error(message),
  },
}, async ({ signal, err }) => {
  if (err)
    app.log.error({ err }, 'shutting down after an error')
  else
    app.log.info({ signal }, 'shutting down')
  await app.close()
  app.log.info('closed')
})

try {
  await app.listen({ port: config.port, host: config.host })
}
catch (err) {
  app.log.error({ err }, 'could not start')
  process.exit(1)
}
