# The application around GiMMiK's kernels: gimmik/__init__.py generate_mm
# (Template(tpl).render(dtype=, mat=, beta=, funcn=), Mako's default filters). mat is a
# numpy array there; the fixtures use non-integral floats and 0, whose str() agrees with JS.
OPTIONS = {}


def data(case):
    return dict(case['data'])
