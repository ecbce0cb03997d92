// Port of Mako's test/test_lookup.py (sqlalchemy/mako) over files on disk, and of the
// render side of test/test_cache.py. Not ported: module_id/_uri_cache/_collection/_check
// internals, filename_to_uri, modified-file checks by mtime (test/lookup.test.ts covers
// filesystemChecks), beaker/dogpile backends.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const files = {
  'templates/index.html': 'this is index',
  'templates/subdir/index.html': '\n    this is sub index\n    <%include file="incl.html"/>\n',
  'templates/subdir/incl.html': '\n    this is include 2\n',
  'templates/othersubdir/foo.html': '',
  'secrets/creds.txt': 'SECRET_KEY=supersecret123',
}
const root = { directories: ['@TMP@/templates'] }
const sub = { directories: ['@TMP@/templates/subdir'] }
const c = (name: string, entry: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, '', expect, { ws: 'collapse', entry, files, options: root, ...extra, templates: extra.templates ?? {} })
const collapse = (s: unknown) => String(s).replace(/\s+/g, ' ').trim()
const lookupError = err('TemplateLookupException', /outside|invalid|root/)

export const makoLookup: Case[] = [
  c('a template from a directory (test_basic)', 'index.html', 'this is index'),
  c('a template in a subdirectory includes a sibling (test_subdir)', '/subdir/index.html', 'this is sub index this is include 2'),
  c('.. segments inside the root resolve (test_updir)', '/subdir/foo/../bar/../index.html', 'this is sub index this is include 2'),
  c('a directory is not a template (test_directory_lookup)', '/subdir', err('TemplateLookupException')),
  t('an include in a Template without a lookup is a TemplateLookupException (test_no_lookup)', '', err('TemplateLookupException'), {
    run: async () => { const { Template } = await import('../../../src/index.js' as string); return new Template("hi <%include file='foo.html'/>").render({}) } }),
  c('an include relative outside the root is refused (test_dont_accept_relative_outside_of_root, 1)', 'main.mako', lookupError, { options: sub, templates: { 'main.mako': '<%include file="../index.html"/>' } }),
  c('an include relative outside the root is refused (test_dont_accept_relative_outside_of_root, 2)', 'main.mako', lookupError, { options: sub, templates: { 'main.mako': '<%include file="../othersubdir/foo.html"/>' } }),
  c('an include whose .. cancels out is fine (test_dont_accept_relative_outside_of_root, 3)', '/index.html', 'this is sub index this is include 2', { options: sub, files: { ...files, 'templates/subdir/foo/x': '' },
    run: (l) => collapse(l.getTemplate('/index.html').render({})) + (l.adjustUri('foo/../index.html', '/index.html') === '/index.html' ? '' : ' adjustUri: ' + l.adjustUri('foo/../index.html', '/index.html')) }),
  c('a /-prefixed uri that climbs out of the root is refused (test_dont_accept_relative_outside_of_root_via_double_slash, 1)', '/../../secrets/creds.txt', lookupError),
  c('a //-prefixed uri that climbs out of the root is refused (test_dont_accept_relative_outside_of_root_via_double_slash, 2)', '//../../secrets/creds.txt', lookupError),
  c('a ///-prefixed uri that climbs out of the root is refused (test_dont_accept_relative_outside_of_root_via_double_slash, 3)', '///../../secrets/creds.txt', lookupError),
  c('a backslash uri that climbs out of the root is refused (test_dont_accept_relative_outside_of_root_via_backslash, 1)', '..\\..\\secrets\\creds.txt', lookupError),
  c('a \\-prefixed backslash uri is refused (test_dont_accept_relative_outside_of_root_via_backslash, 2)', '\\..\\..\\secrets\\creds.txt', lookupError),
  c('a /-prefixed backslash uri is refused (test_dont_accept_relative_outside_of_root_via_backslash, 3)', '/..\\..\\secrets\\creds.txt', lookupError),
]

// test/test_cache.py: a CacheImpl that records the key and options it is given, over a Map.
let registered: Promise<void> | undefined
function register(): Promise<void> {
  registered ??= import('../../../src/runtime/index.js' as string).then((rt: any) => {
    class MockCacheImpl extends rt.CacheImpl {
      static last: MockCacheImpl | undefined
      store = new Map<string, unknown>()
      key: string | undefined
      kwargs: Record<string, unknown> = {}
      passContext = false
      constructor(cache: unknown) { super(cache); MockCacheImpl.last = this }
      private note(key: string, opts: Record<string, unknown> = {}) {
        this.key = key
        const { context, ...rest } = opts
        this.kwargs = this.passContext ? { ...rest, context } : rest
      }
      getOrCreate(key: string, create: () => unknown, opts?: Record<string, unknown>) {
        this.note(key, opts)
        if (!this.store.has(key)) this.store.set(key, create())
        return this.store.get(key)
      }
      set(key: string, value: unknown, opts?: Record<string, unknown>) { this.note(key, opts); this.store.set(key, value) }
      get(key: string, opts?: Record<string, unknown>) { this.note(key, opts); return this.store.get(key) }
      invalidate(key: string, opts?: Record<string, unknown>) { this.note(key, opts); this.store.delete(key) }
    }
    rt.registerCacheImpl('mako-port-mock', MockCacheImpl)
  })
  return registered
}
const mockImpl = (tp: any) => tp.cache.impl
const cached = (name: string, text: string, expect: string, run: (tp: any) => string, options: Record<string, unknown> = {}): Case =>
  t(name, text, expect, { options: { cacheImpl: 'mako-port-mock', ...options }, run: async (l) => { await register(); return run(l.getTemplate('main.mako')) } })
const counter = '\n        <%!\n            const callcount = [0]\n        %>\n'
const kw = (tp: any) => JSON.stringify(mockImpl(tp).kwargs)

export const makoCache: Case[] = [
  cached('a cached def renders once per render (test_def)', counter + `
        <%def name="foo()" cached="True">
            this is foo
            <%
            callcount[0] += 1
            %>
        </%def>
        \${foo()}
        \${foo()}
        \${foo()}
        callcount: \${callcount}
`, 'this is foo this is foo this is foo callcount: 1 {}', (tp) => collapse(tp.render({})) + ' ' + kw(tp)),
  cached('cacheEnabled false (test_cache_enable)', counter + `
            <%def name="foo()" cached="True">
                <% callcount[0] += 1 %>
            </%def>
            \${foo()}
            \${foo()}
            callcount: \${callcount}
        `, 'callcount: 2', (tp) => collapse(tp.render({})), { cacheEnabled: false }),
  cached('a cached nested def (test_nested_def)', counter + `
        <%def name="foo()">
            <%def name="bar()" cached="True">
                this is foo
                <%
                callcount[0] += 1
                %>
            </%def>
            \${bar()}
        </%def>
        \${foo()}
        \${foo()}
        \${foo()}
        callcount: \${callcount}
`, 'this is foo this is foo this is foo callcount: 1 {}', (tp) => collapse(tp.render({})) + ' ' + kw(tp)),
  cached('a cached page (test_page)', counter + `
        <%page cached="True"/>
        this is foo
        <%
        callcount[0] += 1
        %>
        callcount: \${callcount}
`, 'this is foo callcount: 1 {}', (tp) => { tp.render({}); tp.render({}); return collapse(tp.render({})) + ' ' + kw(tp) }),
  cached('cache_key from the data on a block (test_dynamic_key_with_context, block)', '\n            <%block name="foo" cached="True" cache_key="${mykey}">\n                some block\n            </%block>\n        ',
    'some block thekey', (tp) => { tp.render({ mykey: 'thekey' }); tp.render({ mykey: 'thekey' }); return collapse(tp.render({ mykey: 'thekey' })) + ' ' + mockImpl(tp).key }),
  cached('cache_key from the data on a def (test_dynamic_key_with_context, def)', '\n            <%def name="foo()" cached="True" cache_key="${mykey}">\n                some def\n            </%def>\n            ${foo()}\n        ',
    'some def thekey', (tp) => { tp.render({ mykey: 'thekey' }); tp.render({ mykey: 'thekey' }); return collapse(tp.render({ mykey: 'thekey' })) + ' ' + mockImpl(tp).key }),
  cached('cache_key from a default argument (test_dynamic_key_with_funcargs, 1)', '\n            <%def name="foo(num = 5)" cached="True" cache_key="foo_${String(num)}">\n             hi\n            </%def>\n            ${foo()}\n        ',
    'hi foo_5', (tp) => { tp.render({}); tp.render({}); return collapse(tp.render({})) + ' ' + mockImpl(tp).key }),
  cached('cache_key from a rest argument (test_dynamic_key_with_funcargs, 2)', "\n            <%def name=\"foo(...args)\" cached=\"True\"\n             cache_key=\"foo_${args[2].bar}\">\n             hi\n            </%def>\n            ${foo(1, 2, { bar: 'lala' })}\n        ",
    'hi foo_lala', (tp) => { tp.render({}); return collapse(tp.render({})) + ' ' + mockImpl(tp).key }),
  cached('cache_key from a page arg (test_dynamic_key_with_funcargs, 3)', "\n        <%page args=\"bar = 'hi'\" cache_key=\"foo_${bar}\" cached=\"True\"/>\n         hi\n        ",
    'hi foo_hi', (tp) => { tp.render({}); return collapse(tp.render({})) + ' ' + mockImpl(tp).key }),
  t('cache_key from the data with an import="*" namespace (test_dynamic_key_with_imports)', counter + `
        <%namespace file="ns.html" import="*"/>
        <%page cached="True" cache_key="\${foo}"/>
        this is foo
        <%
        callcount[0] += 1
        %>
        callcount: \${callcount}
`, 'this is foo callcount: 1 {}', { templates: { 'ns.html': '' }, options: { cacheImpl: 'mako-port-mock' },
    run: async (l) => { await register(); const tp = l.getTemplate('main.mako'); tp.render({ foo: 'somekey' }); tp.render({ foo: 'somekey' }); return collapse(tp.render({ foo: 'somekey' })) + ' ' + kw(tp) } }),
  cached('cache_type on a def reaches the backend as type (test_fileargs_implicit)', counter + `
                <%def name="foo()" cached="True" cache_type='dbm'>
                    this is foo
                    <%
                    callcount[0] += 1
                    %>
                </%def>
                \${foo()}
                \${foo()}
                \${foo()}
                callcount: \${callcount}
        `, 'this is foo this is foo this is foo callcount: 1 {"type":"dbm"}', (tp) => collapse(tp.render({})) + ' ' + kw(tp)),
  cached('cache_type and cache_dir on a def (test_fileargs_deftag)', counter + `
        <%def name="foo()" cached="True" cache_type='file' cache_dir='/tmp/x'>
            this is foo
            <%
            callcount[0] += 1
            %>
        </%def>
        \${foo()}
        \${foo()}
        \${foo()}
        callcount: \${callcount}
`, 'this is foo this is foo this is foo callcount: 1 {"dir":"/tmp/x","type":"file"}', (tp) => collapse(tp.render({})) + ' ' + JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort()))),
  cached('cache_* on <%page> apply to a cached def (test_fileargs_pagetag)', `
        <%page cache_dir='/tmp/x' cache_type='dbm'/>` + counter + `
        <%def name="foo()" cached="True">
            this is foo
            <%
            callcount[0] += 1
            %>
        </%def>
        \${foo()}
        \${foo()}
        \${foo()}
        callcount: \${callcount}
`, 'this is foo this is foo this is foo callcount: 1 {"dir":"/tmp/x","type":"dbm"}', (tp) => collapse(tp.render({})) + ' ' + JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort()))),
  cached('all cache_* of a def, timeout as a number (test_args_complete, def)', `
        <%def name="foo()" cached="True" cache_timeout="30" cache_dir="/tmp/x"
         cache_type="file" cache_key='somekey'>
            this is foo
        </%def>
        \${foo()}
`, '{"dir":"/tmp/x","timeout":30,"type":"file"}', (tp) => { tp.render({}); return JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())) }),
  cached('all cache_* of a page (test_args_complete, page)', `
        <%page cached="True" cache_timeout="30" cache_dir="/tmp/x"
         cache_type="file" cache_key='somekey'/>
        hi
        `, '{"dir":"/tmp/x","timeout":30,"type":"file"}', (tp) => { tp.render({}); return JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())) }),
  cached('cacheArgs of the lookup reach the backend (test_fileargs_lookup)', counter + `
                <%def name="foo()" cached="True">
                    this is foo
                    <%
                    callcount[0] += 1
                    %>
                </%def>
                \${foo()}
                \${foo()}
                \${foo()}
                callcount: \${callcount}
        `, 'this is foo this is foo this is foo callcount: 1 {"dir":"/tmp/x","type":"file"}', (tp) => collapse(tp.render({})) + ' ' + JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())),
    { cacheArgs: { dir: '/tmp/x', type: 'file' } }),
  cached('a cached buffered def goes through bufferFilters (test_buffered)', `
        <%!
            function a(text) {
                return "this is a " + text.trim()
            }
        %>
        \${foo()}
        \${foo()}
        <%def name="foo()" cached="True" buffered="True">
            this is a test
        </%def>
        `, 'this is a this is a test this is a this is a test', (tp) => collapse(tp.render({})), { bufferFilters: ['a'] }),
  cached('invalidateDef from local.cache in the template (test_namespace_access)', `
            <%def name="foo(x)" cached="True">
                foo: \${x}
            </%def>
            <%
                foo(1)
                foo(2)
                local.cache.invalidateDef('foo')
                foo(3)
                foo(4)
            %>
        `, 'foo: 1 foo: 1 foo: 3 foo: 3', (tp) => collapse(tp.render({}))),
  cached('a cached page with the impl from the lookup (test_lookup)', '\n            <%page cached="True" />\n            ${y}\n        ', '5|5',
    (tp) => collapse(tp.render({ y: 5 })) + '|' + collapse(tp.render({ y: 7 }))),
  cached('invalidateDef and invalidateBody from the template object (test_invalidate)', `
            <%def name="foo()" cached="True">
                foo: \${x}
            </%def>
            <%def name="bar()" cached="True" cache_type='dbm' cache_dir='/tmp/x'>
                bar: \${x}
            </%def>
            \${foo()} \${bar()}
        `, 'foo: 1 bar: 1|foo: 1 bar: 1|foo: 3 bar: 1|foo: 3 bar: 4', (tp) => {
    const out = [collapse(tp.render({ x: 1 })), collapse(tp.render({ x: 2 }))]
    tp.cache.invalidateDef('foo'); out.push(collapse(tp.render({ x: 3 })))
    tp.cache.invalidateDef('bar'); out.push(collapse(tp.render({ x: 4 })))
    return out.join('|')
  }),
  cached('custom cache_* on a def (test_custom_args_def)', `
            <%def name="foo()" cached="True" cache_region="myregion"
                    cache_timeout="50" cache_foo="foob">
            </%def>
            \${foo()}
        `, '{"foo":"foob","region":"myregion","timeout":50}', (tp) => { tp.render({}); return JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())) }),
  cached('custom cache_* on a block (test_custom_args_block)', `
            <%block name="foo" cached="True" cache_region="myregion"
                    cache_timeout="50" cache_foo="foob">
            </%block>
        `, '{"foo":"foob","region":"myregion","timeout":50}', (tp) => { tp.render({}); return JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())) }),
  cached('custom cache_* on a page (test_custom_args_page)', `
            <%page cached="True" cache_region="myregion"
                    cache_timeout="50" cache_foo="foob"/>
        `, '{"foo":"foob","region":"myregion","timeout":50}', (tp) => { tp.render({}); return JSON.stringify(Object.fromEntries(Object.entries(mockImpl(tp).kwargs).sort())) }),
  cached('passContext hands the render context to the backend (test_pass_context)', '\n            <%page cached="True"/>\n        ', 'false|bar', (tp) => {
    tp.render({})
    const m = mockImpl(tp)
    const before = 'context' in m.kwargs
    m.passContext = true
    m.store.clear()
    tp.render({ x: 'bar' })
    return before + '|' + (m.kwargs.context as any)?.get('x')
  }),
]

// test/test_exceptions.py: where syntax errors are reported (#428, #245) and what the text
// error template shows. Not ported: html_error_template styling, pygments, Python
// tracebacks of .py files, warnings.
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line${i + from} "quoted" text\n`).join('')
const syntaxAt = (line: number) => err(['TemplateSyntaxError', 'CompileError'], undefined, { line, uri: 'foo.mako' })
const s = (name: string, text: string, line: number, pytext?: string): Case =>
  t(name, '', syntaxAt(line), { entry: 'foo.mako', templates: { 'foo.mako': text }, mako: pytext ? { templates: { 'foo.mako': pytext } } : undefined })
const textError = (name: string, text: string, want: string[]): Case =>
  t(name, '', want.join('|'), { templates: { 'foo.html': text }, run: async (l) => {
    const { textErrorTemplate } = await import('../../../src/index.js' as string)
    try { l.getTemplate('foo.html').render({}) } catch (e) { const out = textErrorTemplate(e); return want.filter((w) => out.includes(w)).join('|') || out }
    return 'no error'
  } })

export const makoExceptions: Case[] = [
  s('an unterminated expression is reported where it begins (test_unterminated_expression)', "one\ntwo\n${ d['x'\n" + lines(4, 40), 3),
  s('an unterminated code block is reported where it begins (test_unterminated_code_block)', 'one\n<%\n    x = 1\n' + lines(4, 40), 2),
  s('an unterminated expression filter is reported where the filter begins (test_unterminated_expression_filter)', 'one\ntwo\nthree\n${ x | trim\n' + lines(5, 40), 4),
  s('a syntax error in a code block is reported at its line (test_code_block)', 'one\ntwo\nthree\nfour\n<%\n    let a = 1\n    let b = 2\n    let c = (\n%>\n', 8, 'one\ntwo\nthree\nfour\n<%\n    a = 1\n    b = 2\n    c = (\n%>\n'),
  s('a syntax error in a code block opened on a tag line (test_code_block_beginning_on_tag_line)', 'one\ntwo\n<% let a = 1\nlet c = ( %>\n', 4, 'one\ntwo\n<% a = 1\nc = ( %>\n'),
  s('a syntax error in a module block is reported at its line (test_module_level_block)', 'one\n<%!\n    const a = 1\n    const c = (\n%>\n', 4, 'one\n<%!\n    a = 1\n    c = (\n%>\n'),
  s('a syntax error in an expression (test_expression)', 'one\ntwo\n${x +* 1}\nfour\n', 3, 'one\ntwo\n${x +* 1}\nfour\n'),
  s('a syntax error in a def signature (test_def_signature)', 'one\n<%def name="d(a b)">\nx\n</%def>\n', 2, 'one\n<%def name="d(a b)">\nx\n</%def>\n'),
  s('a syntax error in an if line (test_control_line_if)', 'one\ntwo\n% if x +* 1:\nb\n% endif\n', 3, 'one\ntwo\n% if x +* 1:\nb\n% endif\n'),
  s('a syntax error in an elif line (test_control_line_elif)', 'one\n% if x:\na\n% elif y +* 1:\nb\n% endif\n', 4, 'one\n% if x:\na\n% elif y +* 1:\nb\n% endif\n'),
  s('a syntax error in an except line (test_control_line_except)', 'one\n% try:\na\n% except (E e):\nb\n% endtry\n', 4, 'one\n% try:\na\n% except (E e):\nb\n% endtry\n'),
  s('a syntax error in a for line (test_control_line_for)', 'one\ntwo\nthree\n% for x in (:\na\n% endfor\n', 4, 'one\ntwo\nthree\n% for x in (:\na\n% endfor\n'),
  s('a control line that is not a control statement (test_text_error_template)', '\n% i = 0\n', 2, '\n% i = 0\n'),
  textError('the text error template names the template line of a code block (test_code_block_line_number)',
    '\n<%\nconst msg = "Something went wrong."\nthrow new Error(msg)  // This is the line.\n%>\n            ',
    ['File "foo.html", line 4, in render_body', 'throw new Error(msg)  // This is the line.']),
  textError('the text error template names the lines of a module block function (test_module_block_line_number)',
    '\n<%!\nfunction foo() {\n    const msg = "Something went wrong."\n    throw new Error(msg)  // This is the line.\n}\n%>\n${foo()}\n            ',
    ['File "foo.html", line 8, in render_body', 'File "foo.html", line 5, in foo', 'throw new Error(msg)  // This is the line.']),
]
