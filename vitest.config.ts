import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'ingest/**/*.test.ts',
      'server/**/*.test.ts',
      'simulator/**/*.test.ts',
      'client/**/*.test.ts',
      'client/**/*.test.tsx',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'Asia/Shanghai' },
    pool: 'forks',
    // Memory tests (test/export.test.ts) measure the live heap after a forced collection.
    execArgv: ['--expose-gc'],
  },
})
