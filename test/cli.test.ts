// mako-render (src/cli.ts -> dist/cli.js): render a file, --var, --data, --template-dir,
// --output, --async; syntax and runtime errors as a text traceback on stderr with exit code 1.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mako-cli-'))
  const w = (p: string, s: string) => {
    mkdirSync(join(dir, p, '..'), { recursive: true })
    writeFileSync(join(dir, p), s)
  }
  w('site/page.mako', '<%inherit file="base.mako"/>\n<%namespace name="lib" file="lib/util.mako"/>\nHello ${name}! n=${n}\n${lib.show(x)}\n')
  w('site/base.mako', '<html>${next.body()}</html>\n')
  w('site/lib/util.mako', '<%def name="show(v)">\n  v is ${v.label}\n  ${v.nested.deeper}\n</%def>\n')
  w('site/bad.mako', 'x\n${1 +}\n')
  w('shared/part.mako', 'PART ${who}')
  w('elsewhere/uses-shared.mako', '<%include file="/part.mako"/>!')
  w('ok.json', JSON.stringify({ n: 5, x: { label: '<b>', nested: { deeper: 'ok' } } }))
  w('broken.json', JSON.stringify({ n: 5, x: { label: 'l' } }))
  w('async.mako', '${Promise.resolve("awaited")}')
  w('secret/key.mako', 'SECRET')
  w('links/page.mako', '<%include file="${f}"/>')
  symlinkSync('../secret/key.mako', join(dir, 'links/out.mako'))
  symlinkSync('../secret/key.mako', join(dir, 'links/named.mako'))
  w('many.mako', 'line ${1}\n'.repeat(200_000))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(args: string[], stdin = '') {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stdin: () => stdin, cwd: dir })
  return { code, stdout, stderr }
}

describe('mako-render', () => {
  it('renders a file with --var and --data; includes resolve from the file directory', async () => {
    const r = await run(['site/page.mako', '--var', 'name=ed', '--data', 'ok.json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Hello ed! n=5')
    expect(r.stdout).toContain('v is &lt;b&gt;')
    expect(r.stdout).toContain('ok')
    expect(r.stdout.startsWith('<html>')).toBe(true)
  })

  it('--var wins over --data and is a string', async () => {
    const r = await run(['site/page.mako', '--data', 'ok.json', '--var', 'name=x=y', '--var', 'n=7'])
    expect(r.stdout).toContain('Hello x=y! n=7')
  })

  it('a runtime error: text traceback of template files and lines on stderr, exit code 1', async () => {
    const r = await run(['site/page.mako', '--var', 'name=ed', '--data', 'broken.json'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^Traceback \(most recent call last\):/)
    expect(r.stderr).toMatch(/File "\/page\.mako", line 4, in render_body/)
    expect(r.stderr).toMatch(/File "\/lib\/util\.mako", line 3, in show/)
    expect(r.stderr).toContain('  > 3 |   ${v.nested.deeper}')
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^TypeError: Cannot read properties of undefined/)
  })

  it('a syntax error: the template frame on stderr, exit code 1', async () => {
    const r = await run(['site/bad.mako'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/File "\/bad\.mako", line 2/)
    expect(r.stderr).toContain('2 | ${1 +}')
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^TemplateSyntaxError: /)
  })

  it('--template-dir (repeatable) is where templates are looked up', async () => {
    const missing = await run(['elsewhere/uses-shared.mako', '--var', 'who=me'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/TemplateLookupException: .*part\.mako/)
    const r = await run(['elsewhere/uses-shared.mako', '--template-dir', 'shared', '--template-dir', 'elsewhere', '--var', 'who=me'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('PART me!')
  })

  it('--output writes a file', async () => {
    const r = await run(['site/page.mako', '--data', 'ok.json', '--var', 'name=o', '--output', 'out/result.html'].map((a) => a))
    expect(r.code).toBe(1) // out/ does not exist: the error is reported, not thrown
    mkdirSync(join(dir, 'out'), { recursive: true })
    const ok = await run(['site/page.mako', '--data', 'ok.json', '--var', 'name=o', '--output', 'out/result.html'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe('')
    expect(readFileSync(join(dir, 'out/result.html'), 'utf8')).toContain('Hello o!')
  })

  it('--async awaits thenables', async () => {
    expect((await run(['async.mako'])).stdout).toBe('[object Promise]')
    expect((await run(['async.mako', '--async'])).stdout).toBe('awaited')
  })

  it('- (or no file) reads the template from standard input', async () => {
    expect((await run(['-', '--var', 'a=<1>'], 'hi ${a}')).stdout).toBe('hi &lt;1&gt;')
    expect((await run(['--var', 'a=2'], 'hi ${a}')).stdout).toBe('hi 2')
  })

  it('usage errors exit with 2', async () => {
    expect((await run(['--bogus'])).code).toBe(2)
    expect((await run(['a.mako', 'b.mako'])).code).toBe(2)
    expect((await run(['--var', 'novalue', 'site/base.mako'])).code).toBe(2)
    expect((await run(['nope.mako'])).code).toBe(2)
    expect((await run(['site/base.mako', '--data', 'missing.json'])).code).toBe(2)
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: mako-render/)
  })

  it('includes through --template-dir are contained: a link leading out of it is refused', async () => {
    const r = await run(['links/page.mako', '--var', 'f=/out.mako'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/TemplateLookupException: Template uri '\/out\.mako' is a symbolic link that leads out/)
    expect(r.stderr).not.toContain('SECRET')
  })

  it('the template file named on the command line is read as given, even through a link', async () => {
    expect(await run(['links/named.mako'])).toEqual({ code: 0, stdout: 'SECRET', stderr: '' })
  })

  it('an unknown --default-filter and a missing --template-dir are usage errors, before rendering', async () => {
    const f = await run(['-', '--default-filter', 'bogus'], '${x.boom()}')
    expect(f).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mako-render: --default-filter bogus: unknown filter/) })
    expect((await run(['-', '--default-filter', 'str', '--default-filter', 'decode.utf8'], 'a${1}')).stdout).toBe('a1')
    const d = await run(['site/base.mako', '--template-dir', 'nope'])
    expect(d).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mako-render: --template-dir .*nope: not a directory/) })
    expect((await run(['site/base.mako', '--template-dir', 'ok.json'])).code).toBe(2)
  })

  it('empty input renders nothing; a missing template file is a usage error naming it', async () => {
    expect(await run(['-'], '')).toEqual({ code: 0, stdout: '', stderr: '' })
    const m = await run(['missing.mako'])
    expect(m.code).toBe(2)
    expect(m.stderr).toMatch(/^mako-render: cannot read missing\.mako: ENOENT/)
  })

  it('an --output error keeps the traceback format', async () => {
    const r = await run(['async.mako', '--output', 'no/such/dir/out.html'])
    expect(r.code).toBe(1)
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^Error: ENOENT: no such file or directory, open '.*out\.html'/)
  })

  const built = join(import.meta.dirname, '..', 'dist', 'cli.js')
  it.skipIf(!existsSync(built) || !existsSync('/dev/full'))('a write error on standard output (/dev/full) is a message and exit code 1, not a stack trace', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${built}" many.mako > /dev/full`], { cwd: dir, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('mako-render: cannot write to standard output: ENOSPC\n')
  })

  it.skipIf(!existsSync(built))('standard output closed early (| head) ends quietly with exit code 0', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${built}" many.mako | head -1; exit \${PIPESTATUS:-0}`], { cwd: dir, encoding: 'utf8' })
    expect(r.stdout).toBe('line 1\n')
    expect(r.stderr).toBe('')
  })

  it.skipIf(!existsSync(built))('dist/cli.js runs as a program: shebang, stdout, stderr and exit codes', () => {
    expect(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const ok = spawnSync(process.execPath, [built, 'site/page.mako', '--var', 'name=ed', '--data', 'ok.json'], { cwd: dir, encoding: 'utf8' })
    expect(ok.status).toBe(0)
    expect(ok.stdout).toContain('Hello ed! n=5')
    const bad = spawnSync(process.execPath, [built, 'site/page.mako', '--var', 'name=ed', '--data', 'broken.json'], { cwd: dir, encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/File "\/lib\/util\.mako", line 3, in show/)
  })
})
