#!/usr/bin/python3
"""Cross-check case expectations against real (Python) Mako.

Not part of the vitest run: `bash test/conformance/oracle.sh` dumps the cases
to JSON and this script renders every case that has a `mako` field with Python
Mako (default_filters=['h'], as SPEC section 5 sets for us), comparing with
the case's expectation. Needs Debian's python3-mako.
"""
import json, re, sys
from mako.lookup import TemplateLookup
from mako import exceptions

ERRMAP = {
    'TemplateSyntaxError': ('SyntaxException',),
    'CompileError': ('CompileException',),
    'UndefinedError': ('NameError',),
    'NameConflictError': ('NameConflictError',),
    'TemplateLookupException': ('TemplateLookupException', 'TopLevelLookupException'),
    'ReferenceError': ('UnboundLocalError', 'NameError'),
}

FILL = []

def collapse(s):
    return re.sub(r'\s+', ' ', s).strip()

def main(path, only=None):
    areas = json.load(open(path))
    ok = bad = 0
    for area, cases in areas.items():
        for c in cases:
            m = c.get('mako')
            if not m:
                continue
            if only and only not in area + '/' + c['name']:
                continue
            if m is True:
                m = {}
            templates = m.get('templates') or c['templates']
            data = m.get('data', c.get('data') or {})
            opts = {'default_filters': ['h']}
            o = c.get('options') or {}
            if 'defaultFilters' in o:
                opts['default_filters'] = o['defaultFilters']
            if o.get('strictUndefined'):
                opts['strict_undefined'] = True
            if 'enableLoop' in o:
                opts['enable_loop'] = o['enableLoop']
            opts.update(m.get('options') or {})
            exp = c['expect']
            try:
                lk = TemplateLookup(**opts)
                for uri, text in templates.items():
                    lk.put_string(uri, text)
                got = lk.get_template(c.get('entry') or 'main.mako').render(**data)
                err = None
            except Exception as e:
                got = None
                err = e
            name = area + ' / ' + c['name']
            if isinstance(exp, str):
                if err is not None:
                    print('ERR  %s: %s: %s' % (name, type(err).__name__, err)); bad += 1; continue
                same = collapse(got) == collapse(exp) if c.get('ws') == 'collapse' else got == exp
                if same:
                    ok += 1
                else:
                    bad += 1
                    print('DIFF %s\n  expect %s\n  mako   %s' % (name, json.dumps(exp), json.dumps(got)))
                    if exp == '?':
                        FILL.append((c['name'], got))
            else:
                es = exp['error'] if isinstance(exp['error'], list) else [exp['error']]
                want = sum((ERRMAP.get(e, (e,)) for e in es), ())
                if err is not None and ('*' in es or type(err).__name__ in want):
                    ok += 1
                else:
                    bad += 1
                    print('EXC  %s: want %s, mako gave %s %r' % (name, exp['error'], type(err).__name__ if err else 'output', str(err) if err else got))
    print('oracle: %d agree, %d differ' % (ok, bad))
    if FILL:
        json.dump(FILL, open('/tmp/oracle-fill.json', 'w'))

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
