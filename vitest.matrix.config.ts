import { defineConfig } from 'vitest/config'

// `npm run test:matrix`: the fresh-app matrix (test/matrix/), apart from `npm test` (it needs the registry)
export default defineConfig({
  test: {
    include: ['test/matrix/**/*.matrix.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
})
