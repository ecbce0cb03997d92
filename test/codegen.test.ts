// Generated code is reviewed like source: each test/codegen/<case>/input.mako has its
// expected.js; UPDATE_SNAPSHOTS=1 rewrites them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compile } from '../src/index.js'

const root = join(__dirname, 'codegen')

describe('codegen snapshots', () => {
  for (const name of readdirSync(root)) {
    it(name, () => {
      const dir = join(root, name)
      const input = readFileSync(join(dir, 'input.mako'), 'utf8')
      const optionsFile = join(dir, 'options.json')
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {}
      const { code } = compile(input, { uri: `${name}.mako`, starttime: 0, ...options })
      const expectedFile = join(dir, 'expected.js')
      if (process.env.UPDATE_SNAPSHOTS || !existsSync(expectedFile)) writeFileSync(expectedFile, code)
      expect(code).toBe(readFileSync(expectedFile, 'utf8'))
    })
  }
})
