// piglit: the HTML summary of a test run (index with nested groups, feature readiness, one
// result, run info, an empty page). index.mako's and feature.mako's module code is Python
// functions: ported function by function.
import { readFileSync } from 'node:fs'
import type { Edit, Port } from '../port.js'
import { repr } from '../python.js'

const pathHelpers: Edit[] = [
  ['  import posixpath  # this must be posixpath', "  import { posix as posixpath } from 'node:path'  // this must be posixpath", 'import posixpath -> node:path posix'],
  ['  import re\n', '', 'Python import of re: JS has regular expressions built in'],
  [`  def escape_filename(key):
      """Avoid reserved characters in filenames."""
      return re.sub(r'[<>:"|?*#]', '_', key)`, `  function escape_filename(key) {
      // Avoid reserved characters in filenames.
      return key.replace(/[<>:"|?*#]/g, '_')
  }`, 'def -> function; re.sub(p, r, s) -> s.replace(/p/g, r)'],
  [`  def escape_pathname(key):
      """ Remove / and \\\\ from names """
      return re.sub(r'[/\\\\]', '_', key)`, `  function escape_pathname(key) {
      // Remove / and \\\\ from names
      return key.replace(/[/\\\\]/g, '_')
  }`, 'def -> function; re.sub(p, r, s) -> s.replace(/p/g, r)'],
  [`  def normalize_href(href):
      """Force backward slashes in URLs."""
      return href.replace('\\\\', '/')`, `  function normalize_href(href) {
      // Force backward slashes in URLs.
      return href.replaceAll('\\\\', '/')
  }`, 'def -> function; str.replace -> replaceAll'],
  ['% for _ in range(len(results.results)):', '% for _ in Array.from({ length: results.results.length }):', 'range(len(x)) -> Array.from({ length: x.length })'],
]

const port: Port = {
  options: { defaultFilters: ['str'] },
  files: { 'framework.mjs': readFileSync(new URL('./framework.mjs', import.meta.url), 'utf8') },
  edits: {
    'index.mako': [
      ['  import os\n', '', 'os.path.join -> posixpath.join below'],
      ['  from framework import grouptools, status', "  import { grouptools, status } from './framework.mjs'", 'from m import a, b -> import { a, b } from'],
      [`  def group_changes(test, current):
      group = grouptools.groupname(test)
      common = grouptools.commonprefix((current, group))

      common = grouptools.split(common)
      open = grouptools.split(group)[len(common):]
      close = grouptools.split(current)[len(common):]

      return open, close`, `  function group_changes(test, current) {
      const group = grouptools.groupname(test)
      let common = grouptools.commonprefix([current, group])

      common = grouptools.split(common)
      const open = grouptools.split(group).slice(common.length)
      const close = grouptools.split(current).slice(common.length)

      return [open, close]
  }`, 'def -> function; x[n:] -> x.slice(n); tuple return -> array'],
      [`  def group_result(result, group):
      """Get the worst status in a group."""
      if group not in result.totals:
          return status.NOTRUN

      return max([status.status_lookup(s) for s, v in
                  result.totals[group].items() if v > 0])`, `  function group_result(result, group) {
      // Get the worst status in a group.
      if (!(group in result.totals))
          return status.NOTRUN

      return status.max(Object.entries(result.totals[group])
                  .filter(([s, v]) => v > 0).map(([s]) => status.status_lookup(s)))
  }`, 'list comprehension -> filter/map; max() of objects ordered by __lt__ -> a helper'],
      [`  def group_fraction(result, group):
      """Get the fraction value for a group."""
      if group not in result.totals:
          return '0/0'

      num = 0
      den = 0
      for k, v in result.totals[group].items():
          if v > 0:
              s = status.status_lookup(k)
              num += s.fraction[0] * v
              den += s.fraction[1] * v

      return '{}/{}'.format(num, den)`, `  function group_fraction(result, group) {
      // Get the fraction value for a group.
      if (!(group in result.totals))
          return '0/0'

      let num = 0
      let den = 0
      for (const [k, v] of Object.entries(result.totals[group])) {
          if (v > 0) {
              const s = status.status_lookup(k)
              num += s.fraction[0] * v
              den += s.fraction[1] * v
          }
      }
      return \`\${num}/\${den}\`
  }`, 'def -> function; d.items() -> Object.entries(d); str.format -> template literal'],
      ...pathHelpers,
      ['os.path.join(', 'posixpath.join(', 'os.path.join -> posixpath.join'],
      ["% for test in sorted(getattr(results.names, page if page == 'all' else 'all_' + page)):",
        "% for test in [...results.names[page == 'all' ? page : 'all_' + page]].sort():", 'sorted(getattr(o, n)) -> [...o[n]].sort()'],
      [`          open, close = group_changes(test, group)
          depth -= len(close)  # lower the indent for the groups we're not using
          if close:
            # remove the groups we're not using from current
            group = grouptools.split(group)[:-len(close)]
            if group:
              group = grouptools.join(*group)
            else:
              group = ''`, `          [open, close] = group_changes(test, group)
          depth -= close.length  // lower the indent for the groups we're not using
          if (close.length) {
            // remove the groups we're not using from current
            group = grouptools.split(group).slice(0, -close.length)
            if (group.length)
              group = grouptools.join(...group)
            else
              group = ''
          }`, 'tuple unpacking -> destructuring; len -> .length; x[:-n] -> x.slice(0, -n); *args -> ...args; truthiness of lists -> .length'],
      ['        % if open:', '        % if open.length:', 'truthiness: an empty JS array is truthy'],
      [`            raw = res.tests.get(test)
            if raw is not None:
              result = raw.result
              href = normalize_href(posixpath.join(escape_pathname(res.name),
                                                   escape_filename(test)))
            else:
              raw = res.tests.get(grouptools.groupname(test))
              name = grouptools.testname(test)
              if raw is not None and name in raw.subtests:
                result = raw.subtests[name]
                href = normalize_href(posixpath.join(escape_pathname(res.name),
                                                     escape_filename(grouptools.groupname(test))))
              else:
                result = status.NOTRUN
            del raw  # we don't need this, so don't let it leak`, `            raw = res.tests[test]
            if (raw != null) {
              result = raw.result
              href = normalize_href(posixpath.join(escape_pathname(res.name),
                                                   escape_filename(test)))
            } else {
              raw = res.tests[grouptools.groupname(test)]
              name = grouptools.testname(test)
              if (raw != null && name in raw.subtests) {
                result = raw.subtests[name]
                href = normalize_href(posixpath.join(escape_pathname(res.name),
                                                     escape_filename(grouptools.groupname(test))))
              } else
                result = status.NOTRUN
            }
            raw = undefined  // we don't need this, so don't let it leak`, 'Python block -> braces; d.get(k) -> d[k]; is not None -> != null; del x -> x = undefined; # -> //'],
      ['            # Get the raw result, if it\'s none check to see if it\'s a subtest, if that\'s still None\n            # then declare it not run\n            # This very intentionally uses posix path, we\'re generating urls, and while\n            # some windows based browsers support \\\\ as a url separator, *nix systems do not,\n            # which would make a result generated on windows non-portable',
        '            // Get the raw result, if it\'s none check to see if it\'s a subtest, if that\'s still None\n            // then declare it not run\n            // This very intentionally uses posix path, we\'re generating urls, and while\n            // some windows based browsers support \\\\ as a url separator, *nix systems do not,\n            // which would make a result generated on windows non-portable', '# comment -> // comment'],
      ['${str(result)}', '${String(result)}', 'str(x) -> String(x)'],
      ['% if str(result) not in exclude and result is not status.NOTRUN:', '% if !exclude.includes(String(result)) && result !== status.NOTRUN:', 'x not in list -> !list.includes(x); is not -> !=='],
    ],
    'feature.mako': [
      [`  def feat_result(result):
      """Percentage result string"""
      return '{}/{}'.format(result[0], result[1])`, `  function feat_result(result) {
      // Percentage result string
      return \`\${result[0]}/\${result[1]}\`
  }`, 'def -> function; str.format -> template literal'],
      ...pathHelpers,
    ],
    'test_result.mako': [
      ['% if value.images:', '% if value.images?.length:', 'truthiness: an empty JS array is truthy (and None -> null)'],
      [/\$\{image\['(image_ref|image_render)'\] if '\1' in image else None\}/g, "${'$1' in image ? image['$1'] : null}", 'x if c else y -> c ? x : y; None -> null'],
    ],
    'testrun_info.mako': [
      ['% for key, value in sorted(totals.items(), key=lambda i: (i[1], i[0]), reverse=True):',
        '% for key, value in Object.entries(totals).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)):', 'sorted(d.items(), key=..., reverse=True) -> Object.entries(d).sort(compare)'],
      ['${sum(totals.values())}', '${Object.values(totals).reduce((a, b) => a + b, 0)}', 'sum(d.values()) -> Object.values(d).reduce'],
      ['${options}', '${repr(options)}', "str(dict) is Python's repr: no JS equivalent, a helper"],
      ['% for key, sub in sorted(info.items()):', '% for key, sub in Object.entries(info).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)):', 'sorted(d.items()) -> Object.entries(d).sort(compare)'],
      ['% if isinstance(sub, str):', "% if typeof sub === 'string':", "isinstance(x, str) -> typeof x === 'string'"],
      ['% for subkey, value in sorted(sub.items()):', '% for subkey, value in Object.entries(sub).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)):', 'sorted(d.items()) -> Object.entries(d).sort(compare)'],
    ],
  },
  data: (c) => {
    const d: Record<string, unknown> = { ...c.data }
    // piglit passes Status objects: str() gives the name
    const st = (name: string) => ({ name, toString: () => name })
    if (d.results) {
      const r = d.results as { results: { name: string; tests: Record<string, { result: string; subtests?: Record<string, string> }>; totals?: object }[] }
      d.results = {
        ...r,
        results: r.results.map((run) => ({
          name: run.name,
          totals: run.totals ?? {},
          tests: Object.fromEntries(Object.entries(run.tests).map(([n, t]) => [n, {
            result: st(t.result),
            subtests: Object.fromEntries(Object.entries(t.subtests ?? {}).map(([k, s]) => [k, st(s)])),
          }])),
        })),
      }
    }
    if ('options' in d) d.repr = repr
    return d
  },
}
export default port
