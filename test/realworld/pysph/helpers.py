# The application around pysph's templates. point_tree.mako and tree.mako:
# pysph/base/gpu_nnps_helper.py renders one def at a time with
# `template.get_def(name).render(data_t=..., **kwargs)` (Mako drops the keywords a def does
# not take). integrator_cython.mako: pysph/sph/integrator_cython_helper.py
# `Template(filename=...).render(helper=self)`; the helper below answers from the fixture
# what IntegratorCythonHelper computes from the integrator's steppers.
# `cached="True"` needs a cache plugin: Mako's default (Beaker) is replaced by a dict.
from types import SimpleNamespace

from mako.cache import CacheImpl, register_plugin


class DictCache(CacheImpl):
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


register_plugin('realworld_dict', __name__, 'DictCache')
OPTIONS = {'cache_impl': 'realworld_dict'}


class Helper:
    def __init__(self, h):
        self.h = h
        self.object = SimpleNamespace(steppers=dict(h['steppers']))

    def get_helper_code(self):
        return self.h['helper_code']

    def get_stepper_code(self):
        return self.h['stepper_code']

    def get_particle_array_names(self):
        return self.h['particle_array_names']

    def get_stepper_defs(self):
        return '\n'.join('cdef public {cls} {name}'.format(cls=cls, name=dest + '_stepper')
                         for dest, cls in self.object.steppers.items())

    def get_stepper_init(self):
        return '\n'.join('self.{name} = {cls}(**steppers["{dest}"].__dict__)'.format(
            name=dest + '_stepper', cls=cls, dest=dest) for dest, cls in self.object.steppers.items())

    def get_timestep_code(self):
        return self.h['timestep_code']

    def get_stepper_method_wrapper_names(self):
        return list(self.h['methods'])

    def get_array_declarations(self, method):
        return '\n'.join('cdef double* %s' % a for a in self.h['arrays'][method])

    def get_py_stage_code(self, dest, method):
        return self.h['py_stage'].get(dest + '/' + method, '')

    def has_stepper_loop(self, dest, method):
        return method in self.h['loops'][dest]

    def get_array_setup(self, dest, method):
        return '\n'.join('%s = dst.%s.data' % (n, n[2:]) for n in self.h['arrays'][method])

    def get_parallel_range(self, start, stop=None, step=1, nogil=True):
        return 'prange(%s, nogil=True)' % start

    def get_stepper_loop(self, dest, method):
        return 'self.{obj}.{method}({args})'.format(
            obj=dest + '_stepper', method=method, args=', '.join(['d_idx'] + self.h['arrays'][method] + ['dt']))


def data(case):
    d = dict(case['data'])
    if 'helper' in d:
        d['helper'] = Helper(d['helper'])
    return d
