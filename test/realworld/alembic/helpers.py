# The application around alembic's templates: alembic/script/base.py _generate_template
# and util/pyfiles.py template_to_file (Template(filename=...).render_unicode(**kw), Mako's
# default filters), with comma=util.format_as_comma; multidb reads `config`.
from collections.abc import Iterable

OPTIONS = {}


def format_as_comma(value):
    # as alembic.util.messaging.format_as_comma
    if value is None:
        return ""
    elif isinstance(value, str):
        return value
    elif isinstance(value, Iterable):
        return ", ".join(value)
    else:
        raise ValueError("Don't know how to comma-format %r" % value)


class Config:
    def __init__(self, databases):
        self.databases = databases

    def get_main_option(self, name):
        return self.databases if name == 'databases' else None


def data(case):
    d = dict(case['data'])
    for k in ('down_revision', 'branch_labels', 'depends_on'):
        if isinstance(d.get(k), list):
            d[k] = tuple(d[k])  # alembic passes tuples
    if 'databases' in d:
        d['config'] = Config(d.pop('databases'))
    d['comma'] = format_as_comma
    return d
