#!/usr/bin/python3
"""Differential cases: random templates built only from constructs that are spelled the
same in Python and JavaScript, rendered by Python Mako (default_filters=['h']) to get the
expected output. Writes cases/generated.ts. Deterministic (seeded).

    /usr/bin/python3 test/conformance/gen_cases.py [count] [seed]
"""
import json, random, sys
from mako.lookup import TemplateLookup

import itertools
UNIQ = itertools.count()
N = int(sys.argv[1]) if len(sys.argv) > 1 else 150
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261125)
DATA = {'x': '<b>&"', 'n': 1, 'items': [1, 2], 'word': ' pad '}

TEXTS = ['a', 'b c', '  ', '\n', 'x\n', '  y  \n', '<p>', '</p>', 'z', '\n\n', '\t', 'end\n', '(', ')']
EXPRS = ['${x}', '${n + 1}', "${'s'}", '${word | trim}', '${word | u}', '${x | n}', '${items[0]}', '${ n }']


class G:
    def __init__(self):
        self.out = []
        self.defs = []

    def at_line_start(self):
        s = ''.join(self.out)
        return s == '' or s.endswith('\n')

    def nl(self):
        if not self.at_line_start():
            self.out.append('\n')

    def emit(self, s):
        self.out.append(s)

    def indent(self):
        return rng.choice(['', '', '  ', '\t'])

    def block(self, depth, loopvar=None):
        for _ in range(rng.randint(3, 8) if depth == 0 else rng.randint(1, 4)):
            self.item(depth, loopvar)

    def item(self, depth, loopvar):
        k = rng.random()
        if k < 0.25:
            self.emit(rng.choice(TEXTS))
        elif k < 0.42:
            loopexprs = ['${%s}' % loopvar, '${loop.index}', '${loop.reverse_index}', "${loop.cycle('e', 'o')}"] if loopvar else []
            if loopvar and loopvar != 'i0':
                loopexprs.append('${loop.parent.index}')
            self.emit(rng.choice(EXPRS + loopexprs))
        elif k < 0.45 and loopvar:
            self.nl(); self.emit(self.indent() + rng.choice(['% if loop.first:\n', '% if loop.last:\n', '% if loop.even:\n', '% if loop.odd:\n']))
            self.block(depth + 1, loopvar)
            self.nl(); self.emit(self.indent() + '% endif\n')
        elif k < 0.50 and depth < 3:
            self.nl(); self.emit(self.indent() + '% if n == 1:\n'); self.block(depth + 1, loopvar)
            if rng.random() < 0.5:
                self.nl(); self.emit(self.indent() + '% else:\n'); self.block(depth + 1, loopvar)
            self.nl(); self.emit(self.indent() + '% endif\n')
        elif k < 0.57 and depth < 3:
            v = 'i%d' % depth
            self.nl(); self.emit(self.indent() + '%% for %s in items:\n' % v); self.block(depth + 1, v)
            self.nl(); self.emit(self.indent() + '% endfor\n')
        elif k < 0.62:
            self.nl(); self.emit(self.indent() + '## comment\n')
        elif k < 0.66:
            self.emit('<%doc>hidden ${nope}</%doc>')
        elif k < 0.70:
            self.emit(rng.choice(['\\\n', ' \\\n']))
        elif k < 0.76 and depth < 3:
            self.emit('<%block>'); self.block(depth + 1, loopvar); self.emit('</%block>')
        elif k < 0.80:
            self.emit('<%text>${raw} <%def> % x</%text>')
        elif k < 0.86 and depth < 3:
            sub = G(); sub.defs = self.defs; sub.block(depth + 1)
            name = 'd%d' % len(self.defs)
            self.defs.append('<%%def name="%s()">%s</%%def>' % (name, ''.join(sub.out)))
            self.emit('${%s()}' % name)
        elif k < 0.92 and depth < 3:
            tag = rng.choice(['call', 'custom'])
            self.emit('<%call expr="w()">' if tag == 'call' else '<%self:w>')
            self.block(depth + 1, loopvar)
            self.emit('</%call>' if tag == 'call' else '</%self:w>')
        elif k < 0.93:
            self.emit('<%  %>')
        elif k < 0.955 and depth < 2 and loopvar is None:
            b = 'b%d' % next(UNIQ)
            self.emit('<%%block name="%s">' % b); self.block(depth + 1); self.emit('</%block>')
            if rng.random() < 0.5:
                self.emit('${self.%s()}' % b)
        elif k < 0.965:
            ns = 'ns%d' % next(UNIQ)
            self.emit('<%%namespace name="%s">\n  <%%def name="f()">NS${n}</%%def>\n</%%namespace>${%s.f()}' % (ns, ns))
        elif k < 0.975:
            self.emit('<%%def\n    name="m%d()"\n>M</%%def>' % next(UNIQ))
        else:
            self.emit('<%%def name="u%d()">U</%%def>' % next(UNIQ))


def build():
    g = G()
    g.block(0)
    body = ''.join(g.out)
    if rng.random() < 0.15:
        body = rng.choice(['<%page/>', '<%page/>\n', '<%page args="n = 5"/>']) + body
    crlf = rng.random() < 0.2
    defs = g.defs + ['<%def name="w()">[${caller.body()}]</%def>']
    # defs go before, between or after the body text
    pos = rng.choice(['after', 'before', 'middle'])
    d = ''.join(defs) if rng.random() < 0.5 else '\n'.join(defs) + '\n'
    if pos == 'before':
        src = d + body
    elif pos == 'after':
        src = body + ('' if body.endswith('\n') or not body else '\n') + d
    else:
        cut = rng.randint(0, len(body))
        # never cut inside a construct: cut only at a newline boundary
        nl = body.rfind('\n', 0, cut)
        cut = nl + 1 if nl >= 0 else 0
        src = body[:cut] + d + body[cut:]
    return src.replace('\n', '\r\n') if crlf else src


def render(src):
    lk = TemplateLookup(default_filters=['h'])
    lk.put_string('main.mako', src)
    return lk.get_template('main.mako').render(**DATA)


cases = []
seen = set()
tries = 0
while len(cases) < N and tries < N * 20:
    tries += 1
    src = build()
    if src in seen:
        continue
    seen.add(src)
    try:
        out = render(src)
    except Exception:
        continue
    cases.append((src, str(out)))

lines = [
    '// GENERATED by gen_cases.py: random templates spelled the same in Python and JavaScript,',
    "// expectations rendered by Python Mako with default_filters=['h']. Do not edit by hand.",
    "import type { Case } from '../types.js'",
    '',
    'const data = %s' % json.dumps(DATA),
    '',
    'export const generated: Case[] = [',
]
for i, (src, out) in enumerate(cases):
    lines.append('  { name: %s, templates: { \'main.mako\': %s }, data, expect: %s, mako: true },' % (
        json.dumps('mako-diff #%d' % i), json.dumps(src, ensure_ascii=False), json.dumps(out, ensure_ascii=False)))
lines.append(']')
open(__file__.rsplit('/', 1)[0] + '/cases/generated.ts', 'w').write('\n'.join(lines) + '\n')
print('wrote %d cases (%d tries)' % (len(cases), tries))
