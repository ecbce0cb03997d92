# The application around piglit's HTML summary templates: framework/summary/html_.py
# (TemplateLookup over templates/, output_encoding='utf-8', Mako's default filters).
# index.mako imports `framework.grouptools` and `framework.status`: grouptools is re-written
# here as piglit has it; status is reduced to the names, values and fractions the templates
# use. `pages` is a frozenset in piglit (hash order): a list here, for a stable output.
import sys
import types
from types import SimpleNamespace

SEPARATOR = '@'
grouptools = types.ModuleType('framework.grouptools')


def splitname(group):
    i = group.rfind(SEPARATOR) + 1
    head, tail = group[:i], group[i:]
    return head.rstrip(SEPARATOR), tail


def split(group):
    return [] if group == '' else group.split(SEPARATOR)


def join(first, *args):
    args = (a for a in args)
    if not first:
        for group in args:
            if group:
                first = group
                break
    for group in args:
        if group:
            first = first + SEPARATOR + group
    return first


def commonprefix(args):
    if len(args) == 1:
        return args[0]
    elif any(e == '' for e in args):
        return ''
    common = []
    for elems in zip(*[split(a) for a in args]):
        if all(elems[0] == r for r in elems[1:]):
            common.append(elems[0])
        else:
            break
    return join(*common) if common else ''


grouptools.SEPARATOR = SEPARATOR
grouptools.splitname = splitname
grouptools.split = split
grouptools.join = join
grouptools.commonprefix = commonprefix
grouptools.testname = lambda group: splitname(group)[1]
grouptools.groupname = lambda group: splitname(group)[0]


class Status:
    def __init__(self, name, value, fraction=(0, 1)):
        self.name, self.value, self.fraction = name, value, fraction

    def __str__(self):
        return self.name

    def __lt__(self, other):
        return (self.fraction[1], self.value) < (other.fraction[1], other.value)


status = types.ModuleType('framework.status')
status.NOTRUN = Status('notrun', 0, (0, 0))
status.SKIP = Status('skip', 0, (0, 0))
_ALL = [status.NOTRUN, status.SKIP, Status('pass', 0, (1, 1)), Status('warn', 10), Status('dmesg-warn', 20),
        Status('fail', 30), Status('dmesg-fail', 40), Status('timeout', 50), Status('crash', 60),
        Status('incomplete', 100)]
status.status_lookup = lambda name: next(s for s in _ALL if s.name == name)

framework = types.ModuleType('framework')
framework.grouptools = grouptools
framework.status = status
sys.modules.update({'framework': framework, 'framework.grouptools': grouptools, 'framework.status': status})

OPTIONS = {'output_encoding': 'utf-8'}


def obj(v):
    if isinstance(v, dict):
        return SimpleNamespace(**{k: obj(x) for k, x in v.items()})
    if isinstance(v, list):
        return [obj(x) for x in v]
    return v


def data(case):
    d = dict(case['data'])
    if 'results' in d:
        r = d['results']
        runs = []
        for run in r['results']:
            tests = {name: SimpleNamespace(result=status.status_lookup(t['result']),
                                           subtests={k: status.status_lookup(s) for k, s in t.get('subtests', {}).items()})
                     for name, t in run['tests'].items()}
            runs.append(SimpleNamespace(name=run['name'], tests=tests, totals=run.get('totals', {})))
        d['results'] = SimpleNamespace(
            results=runs, names=SimpleNamespace(**r.get('names', {})), features=r.get('features', []),
            feat_status=r.get('feat_status', {}), feat_fractions=r.get('feat_fractions', {}))
    if 'value' in d:
        images = d['value'].get('images')
        d['value'] = obj(d['value'])
        d['value'].images = images  # a list of dicts in piglit
    return d
