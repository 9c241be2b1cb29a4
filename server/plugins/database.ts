import type { FastifyInstance } from 'fastify'
import type { DB } from '../db/database'
import type { MediaStore } from '../media/store'
import fp from 'fastify-plugin'
import { ConfigError } from '../config'
import { connect, migrateToLatest, SERVER_BUSY_TIMEOUT_MS } from '../db/database'
import { engineSql } from '../db/engine'
import { productionProblems } from '../lib/production'
import { createDatabaseStore, createFolderStore } from '../media/store'
import { createAccountRepository } from '../repositories/accounts'
import { createActivityRepository } from '../repositories/activities'
import { createArticleRepository } from '../repositories/articles'
import { createBenefitRepository } from '../repositories/benefits'
import { createCaseRepository } from '../repositories/cases'
import { createCertificateRepository } from '../repositories/certificates'
import { createContentRepository } from '../repositories/content'
import { createCreditRepository } from '../repositories/credit'
import { createEnterpriseRepository } from '../repositories/enterprises'
import { createIntakeRepository } from '../repositories/intake'
import { createKioskRepository } from '../repositories/kiosks'
import { createMediaRepository } from '../repositories/media'
import { createPersonalRepository } from '../repositories/personal'
import { createStaffActivityRepository } from '../repositories/staff-activities'
import { createStatsRepository } from '../repositories/stats'
import { createStreetRepository } from '../repositories/streets'
import { isEmpty, seedDemoData } from '../seed/index'

/** How often the query planner's statistics are checked while the server runs. */
const STATISTICS_EVERY_MS = 3_600_000

function createRepositories(db: DB, secret: string) {
  return {
    streets: createStreetRepository(db),
    benefits: createBenefitRepository(db),
    articles: createArticleRepository(db),
    activities: createActivityRepository(db),
    enterprises: createEnterpriseRepository(db),
    media: createMediaRepository(db),
    credit: createCreditRepository(db),
    personal: createPersonalRepository(db),
    certificates: createCertificateRepository(db),
    cases: createCaseRepository(db),
    kiosks: createKioskRepository(db, secret),
    accounts: createAccountRepository(db),
    staffActivities: createStaffActivityRepository(db),
    stats: createStatsRepository(db),
    content: createContentRepository(db),
    intake: createIntakeRepository(db),
  }
}
export type Repositories = ReturnType<typeof createRepositories>

declare module 'fastify' {
  interface FastifyInstance {
    db: DB
    repos: Repositories
    /** Where pictures and attachments are stored (MEDIA_STORE). */
    mediaStore: MediaStore
  }
}

/** Opens the database (SQLite, or PostgreSQL with DATABASE_URL), migrates, refuses production with demo access, seeds demo data into an empty database, closes it with the app. */
export default fp(async (app) => {
  const { db } = connect(app.config, {
    busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS,
    poolSize: app.config.databasePoolSize,
    onIdleError: err => app.log.warn({ err }, 'a database connection failed while idle; the pool opens another'),
  })
  try {
    await prepare(app, db)
  }
  catch (err) {
    // A server that does not start leaves no connection open behind it.
    await db.destroy()
    throw err
  }
  // The planner's statistics, checked at start and then hourly (engine.ts refreshStatistics).
  const statistics = setInterval(() => {
    engineSql(db).refreshStatistics(db, false).catch((err: unknown) => app.log.warn({ err }, 'refreshing the query planner\'s statistics failed'))
  }, STATISTICS_EVERY_MS).unref()
  app.addHook('onClose', async () => {
    clearInterval(statistics)
    await db.destroy()
  })
  app.decorate('db', db)
  app.decorate('repos', createRepositories(db, app.config.secret))
  app.decorate('mediaStore', app.config.mediaStore === 'database'
    ? createDatabaseStore(db, app.config.clock)
    : await createFolderStore(app.config.mediaDir))
}, { name: 'database' })

/** Migrates, refuses production with demo access, seeds demo data into an empty database. */
async function prepare(app: FastifyInstance, db: DB) {
  const migrated = await migrateToLatest(db)
  const applied = migrated.results?.filter(r => r.status === 'Success').map(r => r.migrationName) ?? []
  if (applied.length > 0)
    app.log.info({ applied }, 'database migrated')
  // Production checks before anything is seeded: one message with every problem and its fix.
  if (app.config.env === 'production') {
    const problems = await productionProblems(app.config, db)
    if (problems.length > 0)
      throw new ConfigError(`Refusing to start in production (NODE_ENV=production) until these are fixed:\n${problems.map(p => `  - ${p}`).join('\n')}`)
  }
  if (app.config.seedDemoData && await isEmpty(db)) {
    const counts = await seedDemoData(db, {
      secret: app.config.secret,
      now: app.config.clock(),
      passwordHashCost: app.config.passwordHashCost,
    })
    app.log.info({ counts }, 'demo data seeded')
  }
  await engineSql(db).refreshStatistics(db, true)
}
