// TemplateLookup: templates by uri, from strings or directories (Mako's mako.lookup).
import { statSync, readFileSync, realpathSync } from 'node:fs'
import { isAbsolute, join, resolve, sep } from 'node:path'
import { posix } from 'node:path'
import { LRUCache } from 'lru-cache'
import type { TemplateOptions } from './compiler/index.js'
import { TemplateLookupException } from './shared/errors.js'
import { _templatesChanged } from './runtime/template.js'
import { Template } from './template.js'
import { isInside, quoteUri } from './contain.js'

export interface TemplateLookupOptions extends TemplateOptions {
  directories?: string[]
  /** compiled templates are kept here and reused by a new process while their source is unchanged */
  moduleDirectory?: string
  /** recompile a template whose file changed (default true) */
  filesystemChecks?: boolean
  /**
   * with filesystemChecks, stat a template's file at most once per this many milliseconds
   * (default 1000): renders in between do no I/O, and an edited file is seen within the
   * interval. 0 checks on every getTemplate (Mako's behaviour).
   */
  filesystemCheckInterval?: number
  /** how many compiled templates to keep (LRU); default unbounded */
  collectionSize?: number
  /** Mako's format_exceptions for every template of the lookup (see Template) */
  formatExceptions?: boolean
  /**
   * read templates through symbolic links that lead out of their directory (and write
   * modules through links that lead out of moduleDirectory); default false: such a
   * template is a TemplateLookupException (docs/security.md)
   */
  allowExternalSymlinks?: boolean
}

interface Entry {
  template: Template
  filename?: string
  /** the directory of `directories` that holds `filename` */
  dir?: string
  mtime?: number
  /** performance.now() of the last stat of `filename` */
  checkedAt?: number
}

/** `a/./b/../c` -> `a/c`; leading slashes dropped; null when it climbs above the root. */
function normalize(uri: string): string | null {
  const parts: string[] = []
  for (const p of uri.replace(/\\/g, '/').split('/')) {
    if (!p || p === '.') continue
    if (p === '..') {
      if (!parts.length) return null
      parts.pop()
    } else parts.push(p)
  }
  return parts.join('/')
}

/**
 * Results of the pure uri functions, kept: every render that inherits or includes resolves
 * uris again, and `posix.join` + `normalize` cost more than the rest of the inheritance set-up
 * (measured: 12k of 25k instructions of a layout render's fixed cost). Bounded: dynamic uris
 * (`${}`) can be many.
 */
const MEMO_LIMIT = 5000
const normalizedUris = new Map<string, string | null>()
/** relativeTo -> uri -> adjusted (two levels: no key string made per lookup) */
const adjustedUris = new Map<string, Map<string, string>>()

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, value)
  return value
}

function normalizeCached(uri: string): string | null {
  const hit = normalizedUris.get(uri)
  if (hit !== undefined || normalizedUris.has(uri)) return hit as string | null
  return remember(normalizedUris, uri, normalize(uri))
}

function aboveRoot(uri: string): TemplateLookupException {
  return new TemplateLookupException(`Template uri '${quoteUri(uri)}' resolves above the root of the lookup`, { uri })
}

export class TemplateLookup {
  readonly directories: string[]
  readonly options: TemplateLookupOptions
  private readonly collection: Map<string, Entry> | LRUCache<string, Entry>
  private readonly strings = new Map<string, string>()
  private readonly loading = new Set<string>()
  /** filesystemCheckInterval, validated */
  private readonly checkInterval: number
  /** adjustUri is a pure function of its arguments: a template may keep its answers */
  readonly adjustUriIsPure = true

  constructor(options: TemplateLookupOptions = {}) {
    this.options = { filesystemChecks: true, filesystemCheckInterval: 1000, ...options }
    const interval = this.options.filesystemCheckInterval
    this.checkInterval = typeof interval === 'number' && interval > 0 ? interval : 0
    this.directories = (options.directories ?? []).map((d) => resolve(d))
    const size = options.collectionSize
    this.collection = size !== undefined && size > 0 ? new LRUCache<string, Entry>({ max: size }) : new Map()
  }

  /**
   * Mako's adjust_uri: `/`-rooted stays; a relative uri resolves against the calling template's.
   * One that climbs above the root is an error naming it (SPEC 11), where Mako's normpath
   * would stop at the root: `../../x.mako` from `/a/main.mako` is not `/x.mako`.
   */
  adjustUri(uri: string, relativeTo?: string): string {
    if (uri.startsWith('/')) return uri
    if (relativeTo) {
      const from = adjustedUris.get(relativeTo) ?? remember(adjustedUris, relativeTo, new Map<string, string>())
      const hit = from.get(uri)
      if (hit !== undefined) return hit
      const dir = posix.dirname(relativeTo.replace(/\\/g, '/'))
      const joined = dir === '.' ? uri : posix.join(dir, uri)
      if (normalizeCached(dir === '.' || dir === '/' ? uri : `${dir}/${uri}`) === null) throw aboveRoot(uri)
      return remember(from, uri, joined)
    }
    return '/' + uri
  }

  adjust_uri(uri: string, relativeTo?: string): string {
    return this.adjustUri(uri, relativeTo)
  }

  private key(uri: string): string {
    const k = normalizeCached(uri)
    if (k === null) throw aboveRoot(uri)
    return k
  }

  /** Register a template from a string (returns the lookup, so calls chain). */
  putString(uri: string, text: string): this {
    // compiled on first getTemplate, so templates can be registered in any order
    const key = this.key(uri)
    this.strings.set(key, text)
    this.collection.delete(key)
    // templates that include this one have new combined digests
    _templatesChanged()
    return this
  }

  put_string(uri: string, text: string): this {
    return this.putString(uri, text)
  }

  /** Register an already made template. */
  putTemplate(uri: string, template: Template): this {
    template.lookup = this
    this.collection.set(this.key(uri), { template })
    return this
  }

  hasTemplate(uri: string): boolean {
    try {
      this.getTemplate(uri)
      return true
    } catch (err) {
      if (err instanceof TemplateLookupException) return false
      throw err
    }
  }

  has_template(uri: string): boolean {
    return this.hasTemplate(uri)
  }

  getTemplate(uri: string): Template {
    if (typeof uri !== 'string' || !uri) throw new TemplateLookupException(`Invalid template uri: ${typeof uri === 'string' ? "''" : uri === null ? 'null' : `a ${typeof uri}`} (expected a non-empty string)`)
    const key = this.key(uri)
    const entry = this.collection.get(key)
    if (entry) {
      if (entry.filename && this.options.filesystemChecks) return this.checkFile(key, entry)
      return entry.template
    }
    const text = this.strings.get(key)
    if (text !== undefined) {
      const template = this.compile(uri, text)
      this.collection.set(key, { template })
      return template
    }
    for (const dir of this.directories) {
      const filename = join(dir, ...key.split('/'))
      if (!isInside(dir, filename)) continue
      let mtime: number
      try {
        const st = statSync(filename)
        if (!st.isFile()) continue
        mtime = st.mtimeMs
      } catch {
        continue
      }
      return this.load(key, '/' + key, dir, filename, mtime)
    }
    throw new TemplateLookupException(`Can't locate template for uri '${quoteUri(uri)}'`, { uri })
  }

  get_template(uri: string): Template {
    return this.getTemplate(uri)
  }

  /** The uri of a file under one of the directories. */
  filenameToUri(filename: string): string {
    const abs = isAbsolute(filename) ? filename : resolve(filename)
    for (const dir of this.directories) if (abs.startsWith(dir + sep)) return '/' + abs.slice(dir.length + 1).split(sep).join('/')
    return '/' + abs.split(sep).pop()
  }

  private checkFile(key: string, entry: Entry): Template {
    // a monotonic clock: a wall clock set back would stop the checks
    const now = performance.now()
    if (this.checkInterval && now - entry.checkedAt! < this.checkInterval) return entry.template
    let mtime: number
    try {
      mtime = statSync(entry.filename!).mtimeMs
    } catch {
      this.collection.delete(key)
      throw new TemplateLookupException(`Can't locate template for uri '/${quoteUri(key)}' (file removed)`, { uri: '/' + key })
    }
    if (mtime === entry.mtime) {
      entry.checkedAt = now
      return entry.template
    }
    return this.load(key, entry.template.uri, entry.dir!, entry.filename!, mtime)
  }

  /**
   * The file to read for `filename` (under `dir`): its real path, refused when a symbolic
   * link (of the file or of a folder on the way) leads out of the real `dir`. Once per
   * load, not per render: a cached template costs nothing more; a link changed later is
   * checked again when filesystemChecks sees the file change.
   */
  private realFile(uri: string, dir: string, filename: string): string {
    if (this.options.allowExternalSymlinks) return filename
    let real: string
    let realDir: string
    try {
      real = realpathSync.native(filename)
      realDir = realpathSync.native(dir)
    } catch {
      throw new TemplateLookupException(`Can't locate template for uri '${quoteUri(uri)}'`, { uri })
    }
    if (!isInside(realDir, real)) {
      throw new TemplateLookupException(
        `Template uri '${quoteUri(uri)}' is a symbolic link that leads out of its template directory (the option allowExternalSymlinks allows it)`,
        { uri },
      )
    }
    return real
  }

  private load(key: string, uri: string, dir: string, filename: string, mtime: number): Template {
    if (this.loading.has(key)) throw new TemplateLookupException(`Template '${quoteUri(uri)}' is being loaded already (a cycle?)`, { uri })
    this.loading.add(key)
    try {
      // read what was checked: the real path, not the link (which may change in between)
      const text = readFileSync(this.realFile(uri, dir, filename), 'utf8')
      const template = this.compile(uri, text, filename)
      this.collection.set(key, { template, filename, dir, mtime, checkedAt: performance.now() })
      return template
    } finally {
      this.loading.delete(key)
    }
  }

  private compile(uri: string, text: string, filename?: string): Template {
    const { directories: _d, filesystemChecks: _f, filesystemCheckInterval: _i, collectionSize: _c, ...templateOptions } = this.options
    void _d, _f, _i, _c
    return new Template(text, { ...templateOptions, uri, filename, lookup: this })
  }
}
