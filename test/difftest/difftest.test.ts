// Differential test against Python Mako (issue 12 item 2): a few hundred random templates
// (test/difftest/gen.js) rendered by this engine and by real Mako, compared exactly. A fresh
// seed each run; DIFFTEST_SEED replays one, DIFFTEST_COUNT changes the count. Without
// /usr/bin/python3 + Mako the suite skips loudly, unless MAKO_REQUIRE_SERVICES=1 (CI), which
// makes that a failure. `npm run difftest` runs 10,000 with shrinking and a report.
import { describe, expect, it } from 'vitest'
import { TemplateLookup } from '../../src/index.js'
import { requireServices } from '../services.js'
// @ts-expect-error: plain JS module without types (shared with the CLI, which runs on dist/)
import { describe as describeDiff, makoAvailable, run } from './difftest.js'

const COUNT = Number(process.env.DIFFTEST_COUNT ?? 250)
const SEED = process.env.DIFFTEST_SEED ? Number(process.env.DIFFTEST_SEED) : Math.floor(Math.random() * 2 ** 31)

if (makoAvailable()) {
  describe('differential test against Python Mako', () => {
    it(`${COUNT} random templates render the same as in Mako (seed ${SEED})`, async () => {
      const result = await run({ TemplateLookup, count: COUNT, seed: SEED, maxShrink: 3 })
      const report = result.differences.map((d: unknown) => describeDiff(d)).join('\n\n')
      expect(result.differences.length, `seed ${SEED} (replay: DIFFTEST_SEED=${SEED}), ${result.differences.length} differences:\n${report}`).toBe(0)
    }, 120_000)
  })
} else {
  const message = '/usr/bin/python3 with Mako not found: the differential test needs it (apt-get install -y python3-mako)'
  if (requireServices) {
    describe('differential test against Python Mako', () => {
      it('requires /usr/bin/python3 with Mako (MAKO_REQUIRE_SERVICES=1)', () => {
        throw new Error(`${message}; MAKO_REQUIRE_SERVICES=1 makes this a failure`)
      })
    })
  } else {
    const bar = '!'.repeat(78)
    console.warn(`\n${bar}\n!!! SKIPPED: ${message}.\n!!! Set MAKO_REQUIRE_SERVICES=1 to make this a failure.\n${bar}\n`)
    describe.skip('differential test against Python Mako', () => {
      it('renders like Mako', () => {})
    })
  }
}
