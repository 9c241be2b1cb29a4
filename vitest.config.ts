import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(viteConfig, defineConfig({
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
}))
