import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // service and browser tests start servers: keep files in parallel but bounded on 2 cores
    maxWorkers: 2,
  },
})
