// zzzeeksphinx: the Mako themes of SQLAlchemy's documentation (zsbase, zsmako), rendering
// Sphinx's page context through a three-level inheritance chain.
import type { Port } from '../port.js'

const util = `
export const striptags = (text) => text.replace(/<[^>]*>/g, '')
export const strip_toplevel_anchors = (text) => text.replace(/(\\.html)?#[-\\w]+-toplevel/g, (_, html) => html || '#')
`

const headers: [string, string, string][] = [
  ['% if parents:', '% if parents.length:', 'truthiness: an empty JS array is truthy'],
  ["parents[-1]['title']", "parents.at(-1)['title']", 'x[-1] -> x.at(-1)'],
  ["parents[-1]['link']", "parents.at(-1)['link']", 'x[-1] -> x.at(-1)'],
  ["<%inherit file=\"${context['base']}\"/>", '<%inherit file="${context.get(\'base\')}"/>', "context['x'] -> context.get('x')"],
  ['% for scriptfile in script_files + self.attr.local_script_files:', '% for scriptfile in [...script_files, ...self.attr.local_script_files]:', 'list + list -> [...a, ...b]'],
  ["'withsidebar' if withsidebar else ''", "withsidebar ? 'withsidebar' : ''", 'x if c else y -> c ? x : y'],
]
const moduleCode: [string, string, string][] = [
  ['    local_script_files = []', '    const local_script_files = []', '<%! %> assignment -> const'],
  ['    default_css_files = [', '    const default_css_files = [', '<%! %> assignment -> const'],
]

const port: Port = {
  directories: ['zsbase'],
  options: { defaultFilters: ['str'], imports: ["import * as util from './util.mjs'"] },
  files: { 'util.mjs': util, 'zsbase/util.mjs': util, 'zsmako/util.mjs': util },
  edits: {
    'zsbase/static_base.mako': [
      ["${metatags and metatags or ''}", "${metatags && metatags || ''}", 'and/or -> &&/||'],
      ['% for cssfile in self.attr.default_css_files + css_files:', '% for cssfile in [...self.attr.default_css_files, ...css_files]:', 'list + list -> [...a, ...b]'],
    ],
    'zsbase/layout.mako': [
      ...moduleCode,
      ...headers,
      ["<%\n    if builder == 'epub':\n        next.body()\n        return\n%>", "<%\n    if (builder == 'epub') {\n        next.body()\n        return\n    }\n%>", 'Python block (indentation) -> JS braces'],
      ["withsidebar = bool(toc) and (\n    theme_index_sidebar is True or current_page_name != 'index'\n)",
        "withsidebar = Boolean(toc) && (\n    theme_index_sidebar === true || current_page_name != 'index'\n)", 'bool(x) -> Boolean(x); and/or -> &&/||; is -> ==='],
      ["% if theme_index_sidebar or current_page_name != 'index':", "% if theme_index_sidebar || current_page_name != 'index':", 'or -> ||'],
      ['"in development" if not release_date else "pre release"', '!release_date ? "in development" : "pre release"', 'x if c else y -> c ? x : y'],
      ['% if not withsidebar:', '% if !withsidebar:', 'not -> !'],
      [`            breadcrumb = parents[:]
            if not breadcrumb or breadcrumb[0]['link'] != pathto('index'):
                breadcrumb = [{'link': pathto('index'), 'title': docstitle}] + breadcrumb

            if len(breadcrumb) > 1:
                breadcrumb = breadcrumb[1:]
            h3_toc_item = breadcrumb[0]
            if len(breadcrumb) > 1:
                outermost_link_item = breadcrumb[1]['link']
            elif not parents:
                outermost_link_item = None
            else:
                outermost_link_item = ''
`, `            breadcrumb = parents.slice()
            if (!breadcrumb.length || breadcrumb[0]['link'] != pathto('index'))
                breadcrumb = [{'link': pathto('index'), 'title': docstitle}, ...breadcrumb]

            if (breadcrumb.length > 1)
                breadcrumb = breadcrumb.slice(1)
            h3_toc_item = breadcrumb[0]
            if (breadcrumb.length > 1)
                outermost_link_item = breadcrumb[1]['link']
            else if (!parents.length)
                outermost_link_item = null
            else
                outermost_link_item = ''
`, 'Python statements -> JS: x[:] -> x.slice(), len -> .length, [a] + b -> [a, ...b], elif -> else if, None -> null'],
      ['local_toc(current_page_name, apply_exact_top_anchor=True)', 'local_toc(current_page_name, true)', 'keyword argument -> positional; True -> true'],
      ['current_page_name.replace("/", "-")', 'current_page_name.replaceAll("/", "-")', 'str.replace replaces every match; JS replace only the first -> replaceAll'],
      ["${', withsidebar' if withsidebar else ''}", "${withsidebar ? ', withsidebar' : ''}", 'x if c else y -> c ? x : y'],
    ],
    'zsmako/layout.mako': [
      ...moduleCode,
      ...headers,
      ["withsidebar = bool(toc) and current_page_name != 'index'", "withsidebar = Boolean(toc) && current_page_name != 'index'", 'bool(x) -> Boolean(x); and -> &&'],
      ["% if current_page_name not in ('index', 'genindex'):", "% if !['index', 'genindex'].includes(current_page_name):", 'x not in (a, b) -> ![a, b].includes(x)'],
    ],
    'zsbase/notfound.mako': [
      ["    local_script_files = ['_static/searchtools.js']", "    const local_script_files = ['_static/searchtools.js']", '<%! %> assignment -> const'],
    ],
    'zsbase/search.mako': [
      ["    local_script_files = ['_static/searchtools.js', '_static/language_data.js']", "    const local_script_files = ['_static/searchtools.js', '_static/language_data.js']", '<%! %> assignment -> const'],
    ],
    'zsbase/genindex.mako': [
      [/% for i, \(key, (dummy|entries)\) in enumerate\(genindexentries\):/g, '% for [i, [key, $1]] in genindexentries.entries():', 'enumerate(x) -> x.entries(); nested tuple target -> array pattern'],
      ["${i != 0 and '| ' or ''}", "${i != 0 && '| ' || ''}", 'and/or -> &&/||'],
      ["${i > 0 and '| ' or ''}", "${i > 0 && '| ' || ''}", 'and/or -> &&/||'],
      ['breakat = genindexcounts[i] // 2', 'breakat = Math.floor(genindexcounts[i] / 2)', 'a // b -> Math.floor(a / b)'],
      ['% for entryname, (links, subitems) in [(a, b[0:2]) for a, b in entries]:', '% for [entryname, [links, subitems]] in entries.map(([a, b]) => [a, b.slice(0, 2)]):', 'list comprehension -> map; x[0:2] -> x.slice(0, 2)'],
      ['% if links:', '% if links.length:', 'truthiness: an empty JS array is truthy'],
      ['% for unknown, link in links[1:]:', '% for unknown, link in links.slice(1):', 'x[1:] -> x.slice(1)'],
      ['% if subitems:', '% if subitems.length:', 'truthiness: an empty JS array is truthy'],
      ['% for subentryname, subentrylinks in subitems[0:2]:', '% for subentryname, subentrylinks in subitems.slice(0, 2):', 'x[0:2] -> x.slice(0, 2)'],
      ['% for j, (unknown, link) in enumerate(subentrylinks[1:]):', '% for [j, [unknown, link]] in subentrylinks.slice(1).entries():', 'enumerate(x[1:]) -> x.slice(1).entries()'],
      ['numitems = numitems + 1 + len(subitems)', 'numitems = numitems + 1 + subitems.length', 'len(x) -> x.length'],
      ['% if numcols <2 and numitems > breakat:', '% if numcols <2 && numitems > breakat:', 'and -> &&'],
    ],
  },
  data: (c) => {
    const { docs, ...d } = c.data as Record<string, unknown> & { docs: string[]; current_page_name: string; toc: string | null; title: string }
    const prefix = '../'.repeat(d.current_page_name.split('/').length - 1)
    return {
      ...d,
      pathto: (otheruri: string, resource = 0) => (resource ? prefix + otheruri : prefix + otheruri + '.html'),
      hasdoc: (name: string) => docs.includes(name),
      parent_toc: (name: string, outer: string | null) =>
        `<ul class="subtoc" data-page="${name}" data-outer="${outer === null ? '(none)' : outer}"><li>${d.toc || ''}</li></ul>`,
      local_toc: (name: string, exact = false) =>
        `<li><a href="#${name.replaceAll('/', '-')}"${exact ? ' class="exact"' : ''}>${d.title}</a></li>`,
      _: (x: string) => x,
    }
  },
}
export default port
