# The application around cyarray's templates: cyarray/generator.py
# (Template(filename=...).render(), Mako's default filters).
OPTIONS = {}


def data(case):
    return dict(case['data'])
