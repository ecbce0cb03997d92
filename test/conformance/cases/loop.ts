// The loop context (runtime.rst "The Loop Context").
import type { Case } from '../types.js'
import { t, err } from './util.js'

const checkerJs = `<table>
% for consonant in 'pbj':
  <tr>
  % for vowel in 'iou':
    <td class="\${loop.parent.even == loop.even ? 'black' : 'red'}">
      \${consonant + vowel}t
    </td>
  % endfor
  </tr>
% endfor
</table>`
const checkerPy = checkerJs.replace("${loop.parent.even == loop.even ? 'black' : 'red'}", "${'black' if (loop.parent.even == loop.even) else 'red'}")

const checkerOut = `<table>
  <tr>
    <td class="black">
      pit
    </td>
    <td class="red">
      pot
    </td>
    <td class="black">
      put
    </td>
  </tr>
  <tr>
    <td class="red">
      bit
    </td>
    <td class="black">
      bot
    </td>
    <td class="red">
      but
    </td>
  </tr>
  <tr>
    <td class="black">
      jit
    </td>
    <td class="red">
      jot
    </td>
    <td class="black">
      jut
    </td>
  </tr>
</table>`

export const loop: Case[] = [
  t('loop.index (runtime.rst)', '<ul>\n% for a in ["one", "two", "three"]:\n    <li>Item ${loop.index}: ${a}</li>\n% endfor\n</ul>',
    '<ul>\n    <li>Item 0: one</li>\n    <li>Item 1: two</li>\n    <li>Item 2: three</li>\n</ul>', { mako: true }),
  t('loop.cycle (runtime.rst)', "<ul>\n% for item in ['spam', 'ham', 'eggs']:\n  <li class=\"${loop.cycle('even', 'odd')}\">${item}</li>\n% endfor\n</ul>",
    '<ul>\n  <li class="even">spam</li>\n  <li class="odd">ham</li>\n  <li class="even">eggs</li>\n</ul>', { mako: true }),
  t('loop.cycle with three values', "% for x in [1, 2, 3, 4]:\n${loop.cycle('a', 'b', 'c')}\\\n% endfor\n", 'abca', { mako: true }),
  t('loop.parent: checkered table (runtime.rst)', checkerJs, checkerOut, { mako: { templates: { 'main.mako': checkerPy } } }),
  t('loop.first', '% for x in [1, 2, 3]:\n% if loop.first:\nfirst \\\n% endif\n${x}\\\n% endfor\n', 'first 123', { mako: true }),
  t('loop.last', '% for x in [1, 2, 3]:\n${x}\\\n% if not loop.last:\n, \\\n% endif\n% endfor\n'.replace('not loop.last', '!loop.last'), '1, 2, 3',
    { mako: { templates: { 'main.mako': '% for x in [1, 2, 3]:\n${x}\\\n% if not loop.last:\n, \\\n% endif\n% endfor\n' } } }),
  t('loop.first and loop.last render as booleans', '% for x in [1, 2]:\n${loop.first}/${loop.last} \\\n% endfor\n', 'true/false false/true '),
  t('loop.even and loop.odd', '% for x in ["a", "b", "c"]:\n${loop.even}:${loop.odd} \\\n% endfor\n', 'true:false false:true true:false '),
  t('loop.reverse_index', '% for x in ["a", "b", "c"]:\n${loop.reverse_index}\\\n% endfor\n', '210', { mako: true }),
  t('loop.index over a Map', '% for k, v in m:\n${loop.index}${k}${v} \\\n% endfor\n', '0a1 1b2 ', { data: { m: new Map([['a', 1], ['b', 2]]) } }),
  t('loop.last over a Set', '% for v in s:\n${v}${loop.last ? "." : ","}\\\n% endfor\n', 'x,y.', { data: { s: new Set(['x', 'y']) } }),
  t('loop.last over a string', '% for c in "ab":\n${c}${loop.last ? "!" : ""}\\\n% endfor\n', 'ab!'),
  t('loop.last over object keys', '% for k in o:\n${k}${loop.last ? "." : ","}\\\n% endfor\n', 'a,b.', { data: { o: { a: 1, b: 2 } } }),
  t('loop.index over a generator', '<%! function* g() { yield "x"; yield "y" } %>\\\n% for v in g():\n${loop.index}${v}\\\n% endfor\n', '0x1y'),
  t('loop.parent.index in nested loops', '% for a in [1, 2]:\n% for b in [1, 2]:\n${loop.parent.index}${loop.index} \\\n% endfor\n% endfor\n', '00 01 10 11 ', { mako: true }),
  t('loop is restored after an inner loop', '% for a in [1, 2]:\n% for b in [1]:\n% endfor\n${loop.index}\\\n% endfor\n', '01', { mako: true }),
  t('loop inside a while inside a for', '% for a in ["p", "q"]:\n<% let i = 0 %>\\\n% while i < 1:\n${loop.index}${a}\\\n<% i++ %>\\\n% endwhile\n% endfor\n', '0p1q'),
  t('reading loop outside a for names loop (SPEC 11)', '${loop.index}', err('*', /loop/)),
  t('loop is reserved: passing it as data is NameConflictError', '${x}', err('NameConflictError', /loop/), { data: { x: 1, loop: 2 }, mako: true }),
  t('enableLoop false: loop is an ordinary name', '${loop}', 'mine', { data: { loop: 'mine' }, options: { enableLoop: false }, mako: true }),
  t('enableLoop false: loop inside a for is the data value', '% for x in [1]:\n${loop}\n% endfor\n', 'L\n', { data: { loop: 'L' }, options: { enableLoop: false }, mako: true }),
  t('<%page enable_loop="True"> re-enables loop', '<%page enable_loop="True"/>\\\n% for i in ["a", "b"]:\n${i} ${loop.index}\n% endfor\n', 'a 0\nb 1\n', { options: { enableLoop: false }, mako: true }),
  t('<%page enable_loop="False"> makes loop a data name', '<%page enable_loop="False"/>${loop}', 'data', { data: { loop: 'data' } }),
  t('loop inside a def called from a for is not that for loop (Mako)', '<%def name="f()">${loop.index}</%def>\n% for x in [1]:\n${f()}\n% endfor\n', err('*', /loop/), { mako: true }),
  t('loop.index inside an anonymous block in a for', '% for x in ["a", "b"]:\n<%block>${loop.index}${x}</%block>\\\n% endfor\n', '0a1b'),
  t('loop.reverse_index over a Map', '% for k, v in m:\n${loop.reverse_index}\\\n% endfor\n', '10', { data: { m: new Map([['a', 1], ['b', 2]]) } }),
  t('loop.cycle inside nested loops uses the inner index', '% for a in [1, 2]:\n% for b in [1, 2, 3]:\n${loop.cycle("x", "y")}\\\n% endfor\n|\\\n% endfor\n', 'xyx|xyx|'),
  t('loop.last over a generator without length is a TypeError (runtime.rst)', '<%! function* g() { yield 1 } %>\\\n% for x in g():\n${loop.last}\n% endfor\n', err('TypeError')),
  t('loop.index and loop.cycle work over a generator (runtime.rst)', '<%! function* g() { yield "a"; yield "b" } %>\\\n% for x in g():\n${loop.index}${loop.cycle("+", "-")}${x}\\\n% endfor\n', '0+a1-b'),
  t('for over a long generator with break stays lazy', '<%! function* nat() { let i = 0; while (i < 1e7) yield i++ } %>\\\n% for x in nat():\n% if x == 3:\n% break\n% endif\n${x}\\\n% endfor\n', '012'),
  t('loop inside a while only is an error naming loop', '<% let i = 0 %>\n% while i < 1:\n${loop.index}\n<% i++ %>\n% endwhile\n', err('*', /loop/),
    { mako: { templates: { 'main.mako': '<% i = 0 %>\n% while i < 1:\n${loop.index}\n<% i += 1 %>\n% endwhile\n' } } }),
]
