# The application around zzzeeksphinx's themes: zzzeeksphinx/mako.py MakoBridge
# (TemplateLookup over the theme's directory then zsbase's, imports=["from zzzeeksphinx
# import util"], Mako's default filters) rendering Sphinx's page context. `util` is
# zzzeeksphinx/util.py (which imports sphinx: re-written here); pathto, hasdoc, parent_toc
# and local_toc stand in for Sphinx's and zzzeeksphinx/toc.py's.
import re
import sys
import types

util = types.ModuleType('zzzeeksphinx.util')
util.striptags = lambda text: re.compile(r"<[^>]*>").sub("", text)
util.strip_toplevel_anchors = lambda text: re.compile(r"(\.html)?#[-\w]+-toplevel").sub(
    lambda m: m.group(1) or "#", text)
package = types.ModuleType('zzzeeksphinx')
package.util = util
sys.modules['zzzeeksphinx'] = package
sys.modules['zzzeeksphinx.util'] = util

DIRECTORIES = ['zsbase']
OPTIONS = {'imports': ['from zzzeeksphinx import util']}


def data(case):
    d = dict(case['data'])
    docs = d.pop('docs')
    prefix = '../' * d['current_page_name'].count('/')

    def pathto(otheruri, resource=False):
        return prefix + otheruri if resource else prefix + otheruri + '.html'

    def parent_toc(current_page_name, outermost_link_item):
        outer = '(none)' if outermost_link_item is None else outermost_link_item
        return '<ul class="subtoc" data-page="%s" data-outer="%s"><li>%s</li></ul>' % (
            current_page_name, outer, d['toc'] or '')

    def local_toc(current_page_name, apply_exact_top_anchor=False):
        return '<li><a href="#%s"%s>%s</a></li>' % (
            current_page_name.replace('/', '-'),
            ' class="exact"' if apply_exact_top_anchor else '', d['title'])

    d.update(
        pathto=pathto,
        hasdoc=lambda name: name in docs,
        parent_toc=parent_toc,
        local_toc=local_toc,
        _=lambda x: x,
    )
    return d
