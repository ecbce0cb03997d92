# The application around Mako's examples: examples/bench/basic.py (mako()) and
# examples/wsgi/run_wsgi.py (lookup over templates/ and htdocs/, query fields as data).
DIRECTORIES = ['bench', 'wsgi/templates', 'wsgi/htdocs']
OPTIONS = {}


def data(case):
    return dict(case['data'])
