// assetUrls: relative URLs in static attributes of a template's HTML go through Vite's asset pipeline.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile } from '../../src/compiler/index.js'
import { scanAttributes, srcsetUrls } from '../../src/compiler/assets.js'
import mako from '../../src/plugin/index.js'
import { makeProject, repoRoot } from '../e2e/harness.js'

const run = promisify(execFile)
const tags = { img: ['src', 'srcset'], link: ['href'] }

describe('asset URLs in the compiler', () => {
  it('scans start tags\' attributes, not comments, script text or what `${}` cuts', () => {
    const html = '<img src="./a.png" alt=x><!-- <img src="./b.png"> --><script>"<img src=./c.png>"</script><IMG SRC=\'./d.png\'>'
    expect([...scanAttributes(html)].map((a) => [a.tag, a.name, html.slice(a.start, a.end)])).toEqual([
      ['img', 'src', './a.png'], ['img', 'alt', 'x'], ['img', 'src', './d.png'],
    ])
    // a NUL stands where an expression or a control line cuts the markup
    const cut = '<img class="\0" \0 src="./a.png">'
    expect([...scanAttributes(cut)].map((a) => [a.name, cut.slice(a.start, a.end)])).toEqual([['class', '\0'], ['src', './a.png']])
  })

  it('reads srcset candidates as the HTML spec does (a data: URL keeps its commas)', () => {
    expect(srcsetUrls('./a.png 1x, ../b.png 2x,data:image/png;base64,AA== 3x').map((c) => c.url)).toEqual(['./a.png', '../b.png', 'data:image/png;base64,AA=='])
    expect(srcsetUrls('./a.png 1x,./b.png 100w').map((c) => c.url)).toEqual(['./a.png', './b.png'])
    // (the spec's: a URL runs up to a space, so `a,b` is one URL)
    expect(srcsetUrls('./a.png,./b.png 100w').map((c) => c.url)).toEqual(['./a.png,./b.png'])
  })

  it('imports relative URLs of static attributes; leaves ${}, absolute, protocol, data: and bare URLs', () => {
    const src = [
      '<img src="./a.png" alt="${alt}"><img class="${c}" srcset="./a.png 1x, ../b.png 2x">',
      '<link rel="icon" href="~pkg/icon.png"><img src="${u}"><img src="/abs.png"><img src="https://x/y.png">',
      '<img src="data:image/gif;base64,R0=">',
      '<img src="plain.png"><a href="./page.html">',
      '% if x:',
      '<img src="./in-if.png">',
      '% endif',
      '<%def name="d()"><img src="@/alias.png#frag"></%def>${d()}',
    ].join('\n')
    const { code } = compile(src, { filename: '/t/x.mako', assetUrls: { tags, query: 'url' } })
    const imports = code.split('\n').filter((l) => l.startsWith('import __M_asset'))
    expect(imports).toEqual([
      'import __M_asset0 from "./a.png?url";',
      'import __M_asset1 from "../b.png?url";',
      'import __M_asset2 from "pkg/icon.png?url";',
      'import __M_asset3 from "./in-if.png?url";',
      'import __M_asset4 from "@/alias.png?no-inline&url";',
    ])
    for (const kept of ['/abs.png', 'https://x/y.png', 'data:image/gif;base64,R0=', 'plain.png', './page.html']) expect(code).toContain(kept)
    expect(code).toContain('__M_asset4 + "#frag')
    // off: the text is untouched
    expect(compile(src, { filename: '/t/x.mako' }).code).not.toContain('__M_asset')
  })

  it('the source map points the imported URL at its attribute', async () => {
    const src = 'line one\n<p>${a}</p><img src="./a.png" alt="${b}">\n'
    const { code, map } = compile(src, { filename: '/t/x.mako', assetUrls: { tags } })
    const lines = code.split('\n')
    const line = lines.findIndex((l) => l.includes('__M_asset0 +'))
    const column = lines[line].indexOf('__M_asset0 +')
    const pos = originalPositionFor(new TraceMap(map as never), { line: line + 1, column })
    expect([pos.line, pos.column]).toEqual([2, src.split('\n')[1].indexOf('./a.png')])
  })
})

describe('asset URLs through Vite', () => {
  let project: ReturnType<typeof makeProject>
  const vite = (...args: string[]) =>
    run(process.execPath, [join(project.dir, 'node_modules/vite/bin/vite.js'), ...args, '--logLevel', 'warn'], { cwd: project.dir, env: { ...process.env, NODE_ENV: 'production' } })
  const data = { alt: 'logo', cls: 'c', dynamic: './dynamic.png' }

  beforeAll(() => {
    project = makeProject(join(repoRoot, 'test/plugin/fixtures/assets'), 'mako-assets-')
    // above Vite's 4 KB inline limit: emitted as files
    for (const name of ['logo.png', 'logo@2x.png', 'still.png']) writeFileSync(join(project.dir, 'templates/img', name), Buffer.alloc(6000, name.length))
    writeFileSync(join(project.dir, 'templates/img/clip.mp4'), Buffer.alloc(5000, 3))
  })
  afterAll(() => project?.dispose())

  const expectAssets = (html: string) => {
    expect(html).toMatch(/<img src="\/assets\/logo-[\w-]{8}\.png" alt="logo">/)
    expect(html).toMatch(/srcset="\/assets\/logo-[\w-]{8}\.png 1x, \/assets\/logo@2x-[\w-]{8}\.png 2x"/)
    expect(html).toMatch(/<video poster="\/assets\/still-[\w-]{8}\.png" src="\/assets\/clip-[\w-]{8}\.mp4">/)
    expect(html).toMatch(/<use href="\/assets\/sprite-[\w-]{8}\.svg#icon"\/>/)
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/style-[\w-]{8}\.css">/)
    expect(html).toContain('<img src="./dynamic.png"><img src="/static/abs.png"><img src="https://example.com/x.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
    expect(html).toContain('<a href="./img/logo.png">a link stays</a><img src="img/bare.png">')
  }

  it('vite build: hashed, copied, and written into the browser bundle', async () => {
    await vite('build')
    const assets = readdirSync(join(project.dir, 'dist/client/assets'))
    for (const re of [/^logo-[\w-]{8}\.png$/, /^logo@2x-[\w-]{8}\.png$/, /^still-[\w-]{8}\.png$/, /^clip-[\w-]{8}\.mp4$/, /^sprite-[\w-]{8}\.svg$/, /^style-[\w-]{8}\.css$/]) {
      expect(assets.some((f) => re.test(f)), String(re)).toBe(true)
    }
    expect(readFileSync(join(project.dir, 'dist/client/assets', assets.find((f) => f.startsWith('style-'))!), 'utf8')).toContain('color:')
    const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(project.dir, 'dist/client/assets', f), 'utf8')).join('\n')
    expect(js).toMatch(/\/assets\/logo-[\w-]{8}\.png/)
  }, 120_000)

  it('vite build --ssr: the server renders the same hashed URLs as the client build', async () => {
    await vite('build', '--ssr', 'src/server.js')
    const mod = await import(pathToFileURL(join(project.dir, 'dist/server/server.js')).href)
    const html: string = await mod.render(data)
    expectAssets(html)
    const client = readdirSync(join(project.dir, 'dist/client/assets'))
    const logo = /\/assets\/(logo-[\w-]{8}\.png)/.exec(html)![1]
    expect(client).toContain(logo)
  }, 120_000)

  it('dev: served URLs; assetUrls: false leaves the text', async () => {
    const { createServer } = await import('vite')
    for (const assetUrls of [undefined, false] as const) {
      const server = await createServer({
        root: project.dir, configFile: false, logLevel: 'silent', appType: 'custom',
        plugins: [mako({ root: 'templates', assetUrls })],
        server: { middlewareMode: true, ws: false },
      })
      try {
        const html: string = await (await server.ssrLoadModule('/src/server.js')).render(data)
        if (assetUrls === false) expect(html).toContain('<img src="./img/logo.png" alt="logo">')
        else {
          expect(html).toContain('<img src="/templates/img/logo.png" alt="logo">')
          expect(html).toMatch(/<use href="\/templates\/img\/sprite\.svg(\?no-inline)?#icon"\/>/)
        }
      } finally {
        await server.close()
      }
    }
  }, 60_000)
})
