// The error classes of SPEC section 9, shared by the compiler, the runtime and the Node API
// (src/shared: what both sides use; nothing here imports either of them).

export interface ErrorPosition {
  uri?: string
  line?: number
  column?: number
  start?: number
  end?: number
  frame?: string
  code?: string
}

/** Base of every error this package throws on purpose (Mako's MakoException). */
export class MakoError extends Error {
  uri?: string
  line?: number
  column?: number
  start?: number
  end?: number
  frame?: string
  code?: string
  constructor(message: string, pos: ErrorPosition = {}) {
    super(message)
    this.name = new.target.name
    Object.assign(this, pos)
  }
}

/** A template that cannot be parsed (Mako's SyntaxException). */
export class TemplateSyntaxError extends MakoError {}
/** A template that parses but cannot be compiled (Mako's CompileException). */
export class CompileError extends TemplateSyntaxError {}
/** Rendering UNDEFINED, or reading an undefined name with strictUndefined. */
export class UndefinedError extends MakoError {}
/** A reserved name (context, loop, UNDEFINED, STOP_RENDERING) passed as data or declared in a template. */
export class NameConflictError extends MakoError {}
/** A template that cannot be found or resolved (Mako's TemplateLookupException). */
export class TemplateLookupException extends MakoError {}
/** Errors of the runtime's own rules (Mako's RuntimeException). */
export class RuntimeException extends MakoError {}
