#!/usr/bin/env node
// mako-render: render a template file from the command line (Mako's mako-render).
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { BUILTIN_FILTERS } from './compiler/nodes.js'
import { isInside, quoteUri } from './contain.js'
import { textErrorTemplate } from './exceptions.js'
import { TemplateLookup } from './lookup.js'
import { Template } from './template.js'

const USAGE = `Usage: mako-render [options] <template-file | ->

Render a Mako template (JavaScript expressions) to standard output.

Options:
  --var name=value       a template variable (a string); repeatable
  --data file.json       template variables from a JSON object (--var values win)
  --template-dir DIR     where <%include>, <%inherit> and <%namespace> look for
                         templates; repeatable (default: the template file's directory,
                         or the current directory for -)
  --output FILE          write the output to FILE instead of standard output
                         (--output-file is accepted too)
  --async                compile in async mode (render awaits thenables)
  --strict-undefined     reading an undefined name is an error
  --default-filter NAME  default filters instead of h (repeatable; e.g. str for Mako's default):
                         h, x, u, trim, entity, str, n or decode.<encoding>
  -h, --help             this text

Syntax and runtime errors are printed as a traceback of template files and lines to
standard error, and the exit code is 1. Usage errors exit with 2.
`

class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void
  stderr: (s: string) => void
  stdin: () => string
  cwd: string
}

function parseVar(spec: string): [string, string] {
  const eq = spec.indexOf('=')
  if (eq <= 0) throw new UsageError(`--var expects name=value, got '${spec}'`)
  return [spec.slice(0, eq), spec.slice(eq + 1)]
}

/** Run mako-render with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        var: { type: 'string', multiple: true },
        data: { type: 'string' },
        'template-dir': { type: 'string', multiple: true },
        output: { type: 'string' },
        'output-file': { type: 'string' },
        async: { type: 'boolean' },
        'strict-undefined': { type: 'boolean' },
        'default-filter': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    io.stderr(`mako-render: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  if (positionals.length > 1) {
    io.stderr(`mako-render: one template file expected, got ${positionals.length}\n\n${USAGE}`)
    return 2
  }
  const file = positionals[0] ?? '-'

  let data: Record<string, unknown> = {}
  let text: string
  let filename: string | undefined
  try {
    if (typeof values.data === 'string') {
      let parsed: unknown
      try {
        parsed = JSON.parse(readFileSync(resolve(io.cwd, values.data), 'utf8'))
      } catch (err) {
        throw new UsageError(`--data ${values.data}: ${(err as Error).message}`)
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--data ${values.data}: expected a JSON object`)
      data = parsed as Record<string, unknown>
    }
    for (const spec of (values.var as string[] | undefined) ?? []) {
      const [k, v] = parseVar(spec)
      data[k] = v
    }
    if (file === '-') text = io.stdin()
    else {
      filename = resolve(io.cwd, file)
      try {
        text = readFileSync(filename, 'utf8')
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`)
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`mako-render: ${err.message}\n`)
      return 2
    }
    throw err
  }

  const dirs = ((values['template-dir'] as string[] | undefined) ?? [filename ? dirname(filename) : io.cwd]).map((d) => resolve(io.cwd, d))
  const usage = (message: string): number => (io.stderr(`mako-render: ${message}\n`), 2)
  for (const d of dirs) {
    let isDir = false
    try {
      isDir = statSync(d).isDirectory()
    } catch {
      /* missing */
    }
    if (!isDir) return usage(`--template-dir ${quoteUri(d)}: not a directory`)
  }
  for (const f of (values['default-filter'] as string[] | undefined) ?? []) {
    if (!(f in BUILTIN_FILTERS) && !/^decode\.[\w-]+$/.test(f)) return usage(`--default-filter ${quoteUri(f)}: unknown filter (h, x, u, trim, entity, str, n, decode.<encoding>)`)
  }
  const options = {
    async: !!values.async,
    strictUndefined: !!values['strict-undefined'],
    ...(values['default-filter'] ? { defaultFilters: values['default-filter'] as string[] } : {}),
  }
  const previousLimit = Error.stackTraceLimit
  // template stacks are deep (namespaces, includes, inheritance): keep every frame for the report
  Error.stackTraceLimit = Math.max(previousLimit, 200)
  try {
    const lookup = new TemplateLookup({ directories: dirs, ...options })
    let template: Template
    // the named file is read as given; its uri is its place in a template directory, by
    // real paths (a link to a file elsewhere is a template of its own, like one outside)
    const real = filename ? realpathSync(filename) : undefined
    const dir = real ? lookup.directories.find((d) => isInside(realpathSync(d), real)) : undefined
    if (real && dir) template = lookup.getTemplate('/' + relative(realpathSync(dir), real).split(sep).join('/'))
    else {
      const uri = filename ? '/' + basename(filename) : '/<stdin>'
      template = new Template(text, { ...options, uri, filename, lookup })
    }
    const out = await template.render(data)
    const target = (values.output ?? values['output-file']) as string | undefined
    if (target) writeFileSync(isAbsolute(target) ? target : resolve(io.cwd, target), out)
    else io.stdout(out)
    return 0
  } catch (err) {
    io.stderr(textErrorTemplate(err))
    return 1
  } finally {
    Error.stackTraceLimit = previousLimit
  }
}

/** A failed write to standard output: a message, not a stack trace; a closed pipe (`| head`) is no error. */
function onStdoutError(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(`mako-render: cannot write to standard output: ${err.code ?? err.message}\n`)
  process.exit(1)
}

function defaultIO(): CliIO {
  process.stdout.on('error', onStdoutError)
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: () => readFileSync(0, 'utf8'),
    cwd: process.cwd(),
  }
}

// run when executed (node dist/cli.js, the mako-render bin), not when imported by tests
const invoked = process.argv[1] ? resolve(process.argv[1]) : ''
const self = fileURLToPath(import.meta.url)
if (invoked && (invoked === self || invoked.replace(/\.js$/, '') === self.replace(/\.js$/, '') || basename(invoked) === 'mako-render')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      process.stderr.write(textErrorTemplate(err))
      process.exitCode = 1
    },
  )
}
