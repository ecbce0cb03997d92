// Namespaces (Mako's runtime.Namespace family): the template's own (self/local/parent/next),
// `<%namespace>` ones (file=, module=, inline), and `caller`.
import type { Context } from './context.js'
import { RuntimeException } from '../shared/errors.js'
import { services } from './registry.js'
import type { MakoTemplate } from './template.js'

type Fn = ((...args: unknown[]) => unknown) & { __M_params?: (string | undefined)[] }

export class Namespace {
  inherits: Namespace | null = null
  /** a def's name was assigned a value of its own on this namespace (renderBlock looks) */
  _assigned = false
  constructor(readonly name: string, readonly context: Context) {}
  /** true when `name` is a def of this namespace (or of those it inherits) */
  _hasDef(name: string): boolean {
    return !!this.inherits?._hasDef(name)
  }
}

/** A namespace over a template: its defs and blocks are properties, bound to its context. */
export class TemplateNamespace extends Namespace {
  declare readonly template: MakoTemplate
  private _attrCache?: Record<string, unknown>

  get uri(): string {
    return this.template.uri
  }
  get filename(): string | undefined {
    return this.template.filename
  }
  /** the names of the template's `<%! %>` blocks */
  get module(): Record<string, unknown> {
    return this.template.attr
  }
  /** module-level names, looked up through the inheritance chain; writable */
  get attr(): Record<string, unknown> {
    if (!this._attrCache) {
      const base = this.inherits instanceof TemplateNamespace ? this.inherits.attr : null
      this._attrCache = Object.assign(Object.create(base), this.template.attr)
    }
    return this._attrCache!
  }
  get cache(): unknown {
    return this.template.cache
  }
  body(args: Record<string, unknown> = {}): unknown {
    return this.template.body(this.context, args)
  }
  getNamespace(uri: string): Namespace {
    return services.namespaceForUri!(this.context, this.template, uri)
  }
  includeFile(uri: string, args: Record<string, unknown> = {}): unknown {
    return services.include!(this.context, this.template, uri, args)
  }
  override _hasDef(name: string): boolean {
    return Object.hasOwn(this.template.defs, name) || super._hasDef(name)
  }
}

/**
 * `child.inherits = parent`: a def the child lacks is found through what it inherits
 * (`self.header` defined by a parent). The prototype of every namespace from `self` down to
 * the child gets a forwarding getter for each of the parent's defs it does not have, once per
 * (prototype, parent's defs): later renders only link. The getters stay on the template's
 * prototype (answering `undefined`, like a missing def, where a namespace inherits nothing),
 * so a namespace keeps one shape; switching its prototype per render cost ~100 ns a level.
 * (A Proxy fallback in the prototype chain would make every property store on a namespace slow.)
 */
export function linkInherits(selfNs: Namespace, child: Namespace, parent: TemplateNamespace): void {
  child.inherits = parent
  const defs = parent.template.defs
  for (let ns: Namespace | null = selfNs; ns && ns !== parent; ns = ns.inherits) {
    // (the prototype makeTemplateNamespace gave it: Object.getPrototypeOf is a runtime call)
    addForwarding(((ns as { __M_proto?: object }).__M_proto ?? Object.getPrototypeOf(ns)) as Record<symbol, object[]>, defs)
  }
}

/** On a namespace prototype: the defs objects whose names it forwards already. */
const FORWARDED = Symbol('forwarded defs')

function addForwarding(proto: Record<symbol, object[]>, defs: Record<string, unknown>): void {
  let done = proto[FORWARDED]
  if (done === undefined) {
    // a namespace's own prototype made elsewhere: give it its own list
    Object.defineProperty(proto, FORWARDED, { value: (done = []), writable: true })
  }
  if (done.includes(defs)) return
  // hot updates make new defs objects: the list restarts (adding a getter again is skipped)
  if (done.length > 32) done.length = 0
  done.push(defs)
  for (const name of Object.keys(defs)) {
    if (name in proto) continue
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: Namespace) {
        return (this.inherits as unknown as Record<string, unknown> | null)?.[name]
      },
      set: ownValue(name),
    })
  }
}

/** Assigning a def's name on a namespace (`self.title = fn`) gives it a value of its own. */
function ownValue(name: string): (this: object, v: unknown) => void {
  return function (this: object, v: unknown) {
    ;(this as Namespace)._assigned = true
    Object.defineProperty(this, name, { value: v, writable: true, configurable: true, enumerable: true })
  }
}

/**
 * Bind a def of `template` to the namespace's context, keeping the def's name. With `str`
 * (the def's string-passing form, sync mode), the buffer's string goes through it: the
 * def's own function would do the same one frame deeper.
 */
export function bindDef(ns: Namespace, fn: Fn, name: string, params?: (string | undefined)[], str?: Fn): Fn {
  const ctx = ns.context
  const bound = (str
    ? {
        [name]: (...args: unknown[]) => {
          const b = ctx._r.buf
          const pending = b.s
          b.s = ''
          const rest = str(ctx, pending, ...args) as string
          b.s += rest
          return ''
        },
      }
    : { [name]: (...args: unknown[]) => fn(ctx, ...args) })[name] as Fn
  bound.__M_params = params
  return bound
}

/** The per-template prototype whose getters bind defs lazily. */
export function namespacePrototype(template: MakoTemplate): object {
  const proto = Object.create(TemplateNamespace.prototype)
  Object.defineProperty(proto, FORWARDED, { value: [], writable: true })
  for (const name of Object.keys(template.defs)) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: TemplateNamespace) {
        const fn = bindDef(this, template.defs[name] as Fn, name, template.params[name], template.strs?.[name] as Fn | undefined)
        Object.defineProperty(this, name, { value: fn, writable: true, configurable: true, enumerable: true })
        return fn
      },
      set: ownValue(name),
    })
  }
  return proto
}

export function makeTemplateNamespace(name: string, context: Context, template: MakoTemplate): TemplateNamespace {
  const proto = template._nsProto()
  const ns = Object.create(proto) as Record<string, unknown>
  ns.__M_proto = proto
  ns.name = name
  ns.context = context
  ns.inherits = null
  ns._assigned = false
  ns.template = template
  ns._attrCache = undefined
  return ns as unknown as TemplateNamespace
}

/** `<%namespace module="...">`: the module's functions, called with the context first. */
export function makeModuleNamespace(name: string, context: Context, mod: Record<string, unknown>): Namespace {
  const ns = new Namespace(name, context) as Namespace & Record<string, unknown>
  const fns = new Set<string>()
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v !== 'function') continue
    fns.add(k)
    ns[k] = bindDef(ns, v as Fn, k, paramNames(v as Fn).slice(1))
  }
  ns.module = mod
  ns.attr = mod
  ns._hasDef = (n: string) => fns.has(n)
  return ns
}

/** An inline `<%namespace name="x"><%def .../></%namespace>`. */
export function makeInlineNamespace(name: string, context: Context, defs: Record<string, Fn>, params: Record<string, (string | undefined)[]>): Namespace {
  const ns = new Namespace(name, context) as Namespace & Record<string, unknown>
  for (const [k, fn] of Object.entries(defs)) ns[k] = bindDef(ns, fn, k, params[k])
  ns._hasDef = (n: string) => n in defs
  return ns
}

/** The `caller` a `<%call>` hands to the def it calls: `body()` and the defs inside the call. */
export function makeCaller(context: Context, fns: Record<string, Fn>): Namespace {
  const ns = new Namespace('caller', context) as Namespace & Record<string, unknown>
  Object.assign(ns, fns)
  ns._hasDef = (n: string) => n in fns
  return ns
}

/** `<%ns:def a="1">`: attributes bind to the def's parameters by name. */
export function callTag(ns: unknown, defname: string, attrs: Record<string, unknown>): unknown {
  const fn = (ns as Record<string, unknown> | null | undefined)?.[defname] as Fn | undefined
  if (typeof fn !== 'function') throw new RuntimeException(`Namespace '${(ns as Namespace)?.name ?? ns}' has no def '${defname}'`)
  const names = fn.__M_params ?? paramNames(fn)
  for (const k of Object.keys(attrs)) {
    if (!names.includes(k)) throw new RuntimeException(`Def '${defname}' has no parameter '${k}' (attributes bind to parameters by name)`)
  }
  return fn(...names.map((n) => (n === undefined ? undefined : attrs[n])))
}

/** Parameter names from a function's source (for module functions). */
function paramNames(fn: Fn): (string | undefined)[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn))
  if (!m) return []
  return m[1].split(',').map((p) => p.replace(/=[\s\S]*$/, '').replace(/\/\*.*?\*\//g, '').trim()).filter(Boolean).map((p) => (/^[\w$]+$/.test(p) ? p : undefined))
}

