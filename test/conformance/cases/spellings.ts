// Spellings people write by habit (issue 12): parentheses around a whole condition or
// expression, comments after a control line's colon, regexes, comments and template literals
// in attribute `${}`, multi-line template literals in code blocks.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const SE = 'TemplateSyntaxError'

export const spellings: Case[] = [
  // ---- an expression wrapped entirely in parentheses
  t('% if (x): a parenthesized condition', '% if (x):\nyes\n% endif\n', 'yes\n', { data: { x: 1 }, mako: true }),
  t('% elif (x): a parenthesized condition', '% if x:\na\n% elif (y):\nb\n% else:\nc\n% endif\n', 'b\n', { data: { x: 0, y: 1 }, mako: true }),
  t('% if ((a) and (b)): nested parentheses', '% if ((a) && (b)):\nyes\n% endif\n', 'yes\n', { data: { a: 1, b: 1 }, mako: { templates: { 'main.mako': '% if ((a) and (b)):\nyes\n% endif\n' } } }),
  t('% if (a) && (b): parentheses that do not wrap everything', '% if (a) && (b):\nyes\n% endif\n', 'yes\n', { data: { a: 1, b: 1 } }),
  t('% if (x) : a space before the colon', '% if (x) :\nyes\n% endif\n', 'yes\n', { data: { x: 1 }, mako: true }),
  t('% while (cond): a parenthesized condition', '<% let i = 0 %>\\\n% while (i < 3):\n${i}<% i++ %>\\\n% endwhile\n', '012', {
    mako: { templates: { 'main.mako': '<% i = 0 %>\\\n% while (i < 3):\n${i}<% i += 1 %>\\\n% endwhile\n' } },
  }),
  t('% for a in (xs): a parenthesized iterable', '% for a in (xs):\n${a}\\\n% endfor\n', '12', { data: { xs: [1, 2] }, mako: true }),
  t('% for (a, b) in pairs: a parenthesized target', '% for (a, b) in pairs:\n${a}-${b};\\\n% endfor\n', '1-2;3-4;', { data: { pairs: [[1, 2], [3, 4]] }, mako: true }),
  t('% for (a) in xs: a parenthesized single target', '% for (a) in xs:\n${a}\\\n% endfor\n', '12', { data: { xs: [1, 2] }, mako: true }),
  t('% for (a in xs): the clause in parentheses, as JavaScript writes it', '% for (a in xs):\n${a}\\\n% endfor\n', '12', { data: { xs: [1, 2] } }),
  t('% for ([a, b] in pairs): a pattern in a parenthesized clause', '% for ([a, b] in pairs):\n${a}${b}\\\n% endfor\n', '1234', { data: { pairs: [[1, 2], [3, 4]] } }),
  t('${(y) | h}: a parenthesized expression with a filter', '${(y) | h}', '&lt;', { data: { y: '<' }, mako: true }),
  t('${((y)) | h, trim}: doubly parenthesized with filters', '${((y)) | h, trim}', '&lt;', { data: { y: ' < ' }, mako: true }),
  t('${(a) + (b) | n}', '${(a) + (b) | n}', '12', { data: { a: '1', b: '2' }, mako: true }),
  t('<%include file="${(y)}"/>', '<%include file="${(y)}"/>', 'I', { data: { y: 'inc.mako' }, templates: { 'inc.mako': 'I' }, mako: true }),
  t('<%include file="${(y) | h}"/>: a filter in an attribute is ignored', '<%include file="${(y) | h}"/>', 'I', { data: { y: 'inc.mako' }, templates: { 'inc.mako': 'I' } }),
  t('<%call expr="(f())">', '<%def name="f()">[${caller.body()}]</%def><%call expr="(f())">b</%call>', '[b]', { mako: true }),
  t('<%inherit file="${(base)}"/>', '<%inherit file="${(base)}"/>child', '<child>', { data: { base: 'base.mako' }, templates: { 'base.mako': '<${next.body()}>' } }),
  t('a condition still must be complete: % if (x', '% if (x:\nyes\n% endif\n', err(SE, undefined, { line: 1 })),
  t('(x)) is still an error', '${(x))}', err(SE, undefined, { line: 1 })),

  // ---- comments after a control line's colon
  t('% if x:  // note', '% if x:  // note\nyes\n% endif\n', 'yes\n', { data: { x: 1 } }),
  t('% if x: /* c */', '% if x: /* c */\nyes\n% endif\n', 'yes\n', { data: { x: 1 } }),
  t('% if x:  ## note (Mako)', '% if x:  ## note\nyes\n% else:  ## other\nno\n% endif  ## end\n', 'no\n', { data: { x: 0 }, mako: true }),
  t('% if x:  # note (Python)', '% if x:  # note\nyes\n% endif\n', 'yes\n', { data: { x: 1 }, mako: true }),
  t('% for a in xs:  ## note', '% for a in xs:  ## note\n${a}\\\n% endfor  ## done\n', '12', { data: { xs: [1, 2] }, mako: true }),
  t('% for a in xs: // note', '% for a in xs: // note\n${a}\\\n% endfor // done\n', '12', { data: { xs: [1, 2] } }),
  t('% if x == "##": a ## inside a string stays', "% if x == '##':  ## c\nyes\n% endif\n", 'yes\n', { data: { x: '##' }, mako: true }),
  t('% if x == "//": a // inside a string stays', "% if x == '//': // c\nyes\n% endif\n", 'yes\n', { data: { x: '//' } }),
  t('% if /#/.test(x): a # inside a regex stays', '% if /#/.test(x):  ## c\nyes\n% endif\n', 'yes\n', { data: { x: 'a#' } }),

  // ---- multi-line template literals in code are kept byte for byte
  t('a multi-line template literal in <% %> inside a def and a control line',
    '<%def name="g()">\n% if true:\n<%\n  const s = `a\n    b\n  c`\n%>${s}\n% endif\n</%def>${g()}', '\na\n    b\n  c\n'),
  t('a multi-line template literal in <%! %>', '<%!\n  const s = `a\n    b\n  c`\n%>${s}', 'a\n    b\n  c'),
  t('a multi-line template literal with ${} in <% %> in a loop',
    '% for x in [1]:\n  % if x:\n<% const t = `${x}\n  y\n` %>${t}\\\n  % endif\n% endfor\n', '1\n  y\n'),
  t('a multi-line template literal in ${} in a def', '<%def name="g()">\n% if true:\n${String(`a\n    b`)}\n% endif\n</%def>${g()}', '\na\n    b\n'),
  t('a string with a line continuation in <% %>', '% if true:\n<%\n  const s = "a\\\n    b"\n%>${s}\n% endif\n', 'a    b\n'),

  // ---- attribute ${} is parsed once, as every other JavaScript fragment
  t('<%include file="${...}"/> with a regex holding a quote', `<%include file="\${name.replace(/'/g, '') + '.mako'}"/>`, 'I', { data: { name: "in'c" }, templates: { 'inc.mako': 'I' } }),
  t('<%include file="${...}"/> with a } inside a string', `<%include file="\${'}' ? 'inc.mako' : ''}"/>`, 'I', { templates: { 'inc.mako': 'I' } }),
  t('<%include file="${...}"/> with a template literal', '<%include file="${`${name}.mako`}"/>', 'I', { data: { name: 'inc' }, templates: { 'inc.mako': 'I' } }),
  t('<%include file="${...}"/> with a block comment holding }', '<%include file="${/* } */ y}"/>', 'I', { data: { y: 'inc.mako' }, templates: { 'inc.mako': 'I' } }),
  t('<%include file="${...}"/> with a line comment', '<%include file="${y // the file\n}"/>', 'I', { data: { y: 'inc.mako' }, templates: { 'inc.mako': 'I' } }),
  t('<%include file="dir/${...}.mako"/>: text around the expression', '<%include file="sub/${n}.mako"/>', 'S', { data: { n: 'x' }, templates: { 'sub/x.mako': 'S' }, mako: true }),
  t('<%include file="${a}${b}"/>: two expressions', '<%include file="${a}${b}"/>', 'I', { data: { a: 'inc', b: '.mako' }, templates: { 'inc.mako': 'I' }, mako: true }),
  t('cache_key="${...}" with a regex holding }', `<%def name="f()" cached="True" cache_key="\${a.replace(/}/g, '')}">F\${a}</%def>\${f()}\${f()}`, 'Fx}Fx}', { data: { a: 'x}' } }),
  t('cached="${...}" with a } inside a string', `<%def name="f()" cached="\${x === '}'}">F</%def>\${f()}`, 'F', { data: { x: '}' } }),
  t('<%include args> with commas and } inside strings', `<%include file="inc.mako" args="a='x, }', b=c"/>`, '[x, }|2]', { data: { c: 2 }, templates: { 'inc.mako': '<%page args="a, b"/>[${a}|${b}]' }, mako: true }),
  t('<%include args> with a regex and a template literal', '<%include file="inc.mako" args="a=s.replace(/,/g, \'\'), b=`${s},`"/>', '[xy|x,y,]', { data: { s: 'x,y' }, templates: { 'inc.mako': '<%page args="a, b"/>[${a}|${b}]' } }),
  t('<%call args> that is only a line comment (found by the fuzzer)', '<%def name="f()">${caller.body(1)}</%def><%call expr="f()" args="//col">x</%call>', 'x'),
  t('<%call args> with a line comment after the name', '<%call expr="f()" args="a//col\n">x${a}</%call><%def name="f()">${caller.body(1)}</%def>', 'x1'),
  t('a def default holding a line comment', '<%def name="g(a = Math.max(1, // one\n 2), b)">${a}</%def>${g()}', '2'),
  t('<%page args> with block and line comments', '<%page args="a = 1 /* c */, // d\n b = 2"/>${a}${b}', '12'),
  t('<%include args> with a spread and a comment', '<%include file="inc.mako" args="...o, /* c, d */ b=2"/>', '[1|2]', { data: { o: { a: 1 } }, templates: { 'inc.mako': '<%page args="a, b"/>[${a}|${b}]' } }),
  t('<%call expr> with a template literal', '<%def name="f(x)">[${x}]</%def><%call expr="f(`${a}}`)"></%call>', '[1}]', { data: { a: 1 } }),
  t('<%call expr> with a regex holding a quote', `<%def name="f(x)">[\${x}]</%def><%call expr="f(s.replace(/'/g, '-'))"></%call>`, "[a-b]", { data: { s: "a'b" } }),
  t('custom tag attribute with a regex holding }', `<%def name="f(v)">[\${v}]</%def><%self:f v="\${s.replace(/}/g, '')}"/>`, '[ab]', { data: { s: 'a}b' } }),
  t('def filter list with commas inside a call', `<%! function wrap(a, b) { return (s) => a + s + b } %><%def name="f()" filter="trim, wrap('<', ', >')"> x </%def>\${f()}`, '<x, >', { options: { defaultFilters: [] } }),
  t('page expression_filter with a parenthesized filter', '<%page expression_filter="(h), trim"/>${x}', '&lt;a&gt;', { data: { x: ' <a> ' }, options: { defaultFilters: [] } }),
  t('def name with a default holding ) and }', `<%def name="f(a = ')}')">[\${a}]</%def>\${f()}`, '[)}]'),
  t('an embedded expression where none is allowed is still a CompileError', '<%call expr="${f}">x</%call>', err('CompileError', /does not allow embedded expressions/)),
  t('an unclosed ${ in an attribute is an error', '<%include file="${a"/>', err(SE, undefined, { line: 1 })),
  t('invalid JS in attribute ${} names its line', 'a\n<%include file="${1 +}"/>', err(SE, undefined, { line: 2 })),

  // ---- nesting limits (docs/language.md): an error naming the limit and the line, never a crash
  t('tags and control lines nested 200 deep render', Array.from({ length: 200 }, (_, i) => ['% if x:', '<%block>', '<%call expr="f()">', '% for a in [1]:'][i % 4]).join('\n') + '\ndeep\n' + Array.from({ length: 200 }, (_, i) => ['% endif', '</%block>', '</%call>', '% endfor'][(199 - i) % 4]).join('\n') + '\n<%def name="f()">${caller.body()}</%def>', 'deep', { data: { x: 1 }, ws: 'collapse' }),
  t('% if nested 201 deep is a TemplateSyntaxError naming the limit and the line', '% if x:\n'.repeat(201) + 'y\n' + '% endif\n'.repeat(201), err(SE, /nested more than 200 levels deep \(the limit\)/, { line: 201 })),
  t('defs nested 1000 deep are a TemplateSyntaxError naming the limit', 'a\n' + '<%def name="f()">'.repeat(1000) + '</%def>'.repeat(1000), err(SE, /more than 200 levels deep/, { line: 2 })),
  t('blocks nested 5000 deep are a TemplateSyntaxError', '<%block>'.repeat(5000) + '</%block>'.repeat(5000), err(SE, /more than 200 levels deep/)),
  t('JavaScript nested past the limit in ${} is a TemplateSyntaxError at its line', 'a\n${' + '['.repeat(3000) + ']'.repeat(3000) + '}', err(SE, /nested more than 500 levels deep \(the limit\)/, { line: 2 })),
  t('nested template literals past the limit', '${' + '`${'.repeat(1000) + '1' + '}`'.repeat(1000) + '}', err(SE, /levels deep/)),
  t('JavaScript blocks nested past the limit in <% %>', 'a\nb\n<% ' + '{'.repeat(2000) + '}'.repeat(2000) + ' %>', err(SE, /levels deep/, { line: 3 })),
  t('JavaScript nested 100 deep compiles', '${' + '['.repeat(100) + '1' + ']'.repeat(100) + '}', '1'),
  // ---- Python-era habits Mako's lexer accepts (real-world templates: gimmik, pysph)
  t('a first-line magic encoding comment is skipped', '# -*- coding: utf-8 -*-\nint x;\n', 'int x;\n', { mako: true }),
  t('a first-line ## encoding comment is skipped', '## -*- coding: utf-8 -*-\nhello\n', 'hello\n', { mako: true }),
  t('a first-line vim fileencoding comment is skipped', '# vim: set fileencoding=utf-8 :\nhi', 'hi', { mako: true }),
  t('a first-line coding= comment with CRLF is skipped', '# coding=latin-1\r\nhi', 'hi', { mako: true }),
  t('an encoding comment after the first line is text', 'x\n# -*- coding: utf-8 -*-\nhello\n', 'x\n# -*- coding: utf-8 -*-\nhello\n', { mako: true }),
  t('an indented encoding comment is text', '  # -*- coding: utf-8 -*-\nhi', '  # -*- coding: utf-8 -*-\nhi', { mako: true }),
  t('an encoding comment with no newline after it is text', '# coding: utf-8', '# coding: utf-8', { mako: true }),
  t('a skipped encoding comment keeps line numbers', '# -*- coding: utf-8 -*-\na\n${x +}', err(SE, undefined, { line: 3 })),
  t('a comma between tag attributes is accepted', '<%def name="f(k)", cached="False">k=${k}</%def>${f(1)}', 'k=1', { mako: true }),
  t('a comma with spaces around it between tag attributes', '<%def name="f(k)" , cached="False">k=${k}</%def>${f(1)}', 'k=1', { mako: true }),
  t('several commas between tag attributes', '<%def name="f(k)",, cached="False">k=${k}</%def>${f(1)}', 'k=1', { mako: true }),
  t('a comma before the first attribute is an error', '<%def ,name="f(k)">x</%def>', err(SE, /Invalid attribute syntax/, { line: 1 })),
  t('a comma after the last attribute is an error', '<%def name="f(k)",>x</%def>', err(SE, /comma before the end of the tag/, { line: 1 })),
  t('attributes with nothing between them are an error', '<%def name="f(k)"cached="False">x</%def>', err(SE, /separated by whitespace/, { line: 1 })),
]
