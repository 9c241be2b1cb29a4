// Node 20 lacks Object.groupBy (Node 21+), which eslint-flat-config-utils uses; eslint-plugin-unicorn is
// pinned to 65 in package.json overrides for the same reason (66+ need Node 22). Remove both on Node 22.
if (!Object.groupBy) {
  Object.groupBy = (items, key) => {
    const groups = Object.create(null)
    let index = 0
    for (const item of items)
      (groups[key(item, index++)] ??= []).push(item)
    return groups
  }
}

const { default: antfu } = await import('@antfu/eslint-config')

export default antfu({
  vue: true,
  typescript: true,
  ignores: [
    'dist/**',
    'data/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    'src/components.d.ts',
    '.reports/**',
    '**/*.md',
  ],
}, {
  rules: {
    'no-console': 'off',
    'node/prefer-global/process': 'off',
    // TypeBox idiom: a schema constant and its Static type share one name.
    'ts/no-redeclare': 'off',
  },
}, {
  // The app may import types from the server's TypeBox schemas, never values: that would ship TypeBox to phones.
  // Shared runtime constants live in server/schemas/domain.ts.
  files: ['src/**'],
  rules: {
    'ts/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: 'server/schemas/(?:resources|common|eligibility|credit|accounts|staff|stats|content)$',
            allowTypeImports: true,
            message: 'Import types only (import type …); runtime constants belong in server/schemas/domain.ts.',
          },
        ],
      },
    ],
  },
}, {
  files: [
    'server/server.ts',
    'server/cli/**',
    'scripts/**',
    'bench/**',
    'eslint.config.js',
  ],
  rules: { 'antfu/no-top-level-await': 'off' },
})
