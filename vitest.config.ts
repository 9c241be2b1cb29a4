import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

const SQLITE_ONLY = [
  'tests/api/backup.spec.ts',
  'tests/api/busy.spec.ts',
  'tests/api/migrations.spec.ts',
]

const POSTGRES_ONLY = ['tests/api/two-nodes.spec.ts']

// vite.config.ts is a function of the build (the app, or its server renderer): tests take the app's.
export default defineConfig(env => mergeConfig(viteConfig(env), defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.spec.ts'],
          environment: 'happy-dom',
          server: {
            deps: {
              inline: ['vant'],
            },
          },
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.spec.ts'],
          // On PostgreSQL (TEST_DATABASE_URL, tests/api/engine.ts), what is about the SQLite file itself stays out:
          // its backup and restore, its lock timeouts, its migrations' table rebuilds.
          // Two nodes on one database is the PostgreSQL pass's alone.
          exclude: process.env.TEST_DATABASE_URL
            ? SQLITE_ONLY
            : POSTGRES_ONLY,
          environment: 'node',
          // Each file builds its own app on its own temporary database.
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
    ],
  },
})))
