# The application around pytest-bdd's template: pytest_bdd/generation.py generate_code
# (TemplateLookup over templates/, Mako's default filters) with the name helpers of
# pytest_bdd/scenario.py; features, scenarios and steps are objects with attributes.
import re
from types import SimpleNamespace

OPTIONS = {}


def make_python_name(string):
    string = re.sub(r"\W", "", string.replace(" ", "_"))
    return re.sub(r"^\d+_*", "", string).lower()


def make_python_docstring(string):
    return '"""{}."""'.format(string.replace('"""', '\\"\\"\\"'))


def make_string_literal(string):
    return "'{}'".format(string.replace("'", "\\'"))


def obj(v):
    if isinstance(v, dict):
        return SimpleNamespace(**{k: obj(x) for k, x in v.items()})
    if isinstance(v, list):
        return [obj(x) for x in v]
    return v


def data(case):
    d = {k: obj(v) for k, v in case['data'].items()}
    d.update(make_python_name=make_python_name, make_python_docstring=make_python_docstring,
             make_string_literal=make_string_literal)
    return d
