#!/usr/bin/python3
"""Python Mako side of the differential test (test/difftest/).

Reads batches from stdin, one JSON array per line; each item is
{key, templates: {uri: text}, entry, data, default_filters, renders, tick}.
Writes one JSON array per line back: {key, out: [text per render]} or {key, err: "Class: message"}.
One process renders a whole run; every case gets a fresh TemplateLookup. Needs Debian's
python3-mako (/usr/bin/python3).
"""
import json
import sys

from mako.cache import CacheImpl, register_plugin
from mako.lookup import TemplateLookup


class DictImpl(CacheImpl):
    """An in-memory cache per template (Mako's default, beaker, is not installed)."""

    def __init__(self, cache):
        super().__init__(cache)
        self.store = {}

    def get_or_create(self, key, creation_function, **kw):
        if key not in self.store:
            self.store[key] = creation_function()
        return self.store[key]

    def set(self, key, value, **kw):
        self.store[key] = value

    def get(self, key, **kw):
        return self.store.get(key)

    def invalidate(self, key, **kw):
        self.store.pop(key, None)


register_plugin('difftest_dict', __name__, 'DictImpl')


def render(job):
    lookup = TemplateLookup(default_filters=job['default_filters'], cache_impl='difftest_dict')
    for uri, text in job['templates'].items():
        lookup.put_string(uri, text)
    data = dict(job['data'])
    if job.get('tick'):
        count = [0]

        def tick():
            count[0] += 1
            return count[0]

        data['tick'] = tick
    template = lookup.get_template(job['entry'])
    return [template.render(**data) for _ in range(job.get('renders', 1))]


def main():
    for line in sys.stdin:
        results = []
        for job in json.loads(line):
            try:
                results.append({'key': job['key'], 'out': render(job)})
            except Exception as e:  # noqa: BLE001 - every error is a result here
                results.append({'key': job['key'], 'err': '%s: %s' % (type(e).__name__, str(e).split('\n')[0])})
        sys.stdout.write(json.dumps(results) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
