import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

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
          environment: 'node',
          // Each file builds its own app on its own temporary database.
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
    ],
  },
})))
