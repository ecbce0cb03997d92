# The application around pecan's templates: pecan/templating.py's MakoRenderer
# (TemplateLookup(directories=[path], output_encoding='utf-8'), Mako's default filters),
# the namespace of the controller passed as keyword arguments.
DIRECTORIES = ['scaffold', 'tests']
OPTIONS = {'output_encoding': 'utf-8'}


def data(case):
    return dict(case['data'])
