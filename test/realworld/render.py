#!/usr/bin/python3
"""Render every real-world case with Python Mako (the oracle) into <project>/expected/.

    /usr/bin/python3 test/realworld/render.py [project ...]

Needs Debian's python3-mako (1.2.4). For each project directory, `helpers.py` is the
application around the templates (what the upstream project passes in or imports):
`OPTIONS` (TemplateLookup keyword arguments, as the project sets them), `DIRECTORIES`
(the lookup's directories under orig/, default the whole of it) and `data(case)`
(the case's JSON data turned into what the project passes: objects with attributes,
functions). Templates load from `<project>/orig/` through `TemplateLookup(directories=...)`,
as the projects load them. A case is `{name, entry, data}` (render the template; `directories` may
override the project's, as a Sphinx theme that inherits another searches both;
`defaultFilters` replaces the project's default filters on both sides, e.g. `["h"]`) or
`{name, entry, def, data}` (render one def with the data as keyword arguments, as
pysph does with `template.get_def(name).render(**kw)`). The JavaScript side
(realworld.test.ts) compares its output with these files exactly.
"""
import importlib.util
import json
import os
import sys

from mako.lookup import TemplateLookup

HERE = os.path.dirname(os.path.abspath(__file__))


def load_helpers(project):
    path = os.path.join(HERE, project, 'helpers.py')
    spec = importlib.util.spec_from_file_location('helpers_' + project.replace('-', '_'), path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # importable by name (Mako loads cache plugins so)
    spec.loader.exec_module(mod)
    return mod


def render_project(project):
    base = os.path.join(HERE, project)
    helpers = load_helpers(project)
    cases = json.load(open(os.path.join(base, 'cases.json'), encoding='utf-8'))
    lookups = {}

    def lookup_for(case):
        names = tuple(case.get('directories') or getattr(helpers, 'DIRECTORIES', ['.']))
        filters = tuple(case.get('defaultFilters') or ())
        if (names, filters) not in lookups:
            dirs = [os.path.join(base, 'orig', d) for d in names]
            options = dict(getattr(helpers, 'OPTIONS', {}))
            if filters:
                options['default_filters'] = list(filters)
            lookups[(names, filters)] = TemplateLookup(directories=dirs, **options)
        return lookups[(names, filters)]

    out_dir = os.path.join(base, 'expected')
    os.makedirs(out_dir, exist_ok=True)
    for case in cases:
        data = helpers.data(case)
        template = lookup_for(case).get_template(case['entry'])
        if 'def' in case:
            text = template.get_def(case['def']).render(**data)
        else:
            text = template.render(**data)
        if isinstance(text, bytes):
            text = text.decode('utf-8')
        with open(os.path.join(out_dir, case['name'] + '.txt'), 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        print('%s/%s: %d chars' % (project, case['name'], len(text)))


def main(argv):
    projects = argv or sorted(
        d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, 'cases.json'))
    )
    for p in projects:
        render_project(p)


if __name__ == '__main__':
    main(sys.argv[1:])
