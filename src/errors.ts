// The one error type every layer below the interpreter throws: a Python exception named by its
// builtin class (`RuntimeError`, `TypeError`, `KeyError`, ...) with PyTorch's exact message. The
// engine and nn/ never see interpreter objects; the interpreter turns a PyError into an instance of
// the named builtin exception class when it crosses into Python code, and wraps Python exceptions
// raised by user code as PyError subclasses so they travel through TypeScript frames untouched.
// An error may carry the context CPython keeps for its "Did you mean" hints (`hint`): the missing
// name and the object of an AttributeError, the name and the scope of a NameError, the module and
// name of a failed `from m import x`.

/** The names a NameError's frame could see, read lazily when a traceback is printed. */
export interface NameScope {
  /** The frame's locals, then its globals, then the builtins (CPython's order: ties go to the first). */
  candidates(): string[];
  /** The frame's local `self`, or undefined when it has none (CPython suggests `self.name`). */
  self(): unknown;
}

/** What CPython 3.13 keeps on an exception for its print-time "Did you mean" hint. */
export type ErrorHint =
  /** AttributeError.name / .obj (set by every failed attribute lookup). `inOwnMethod`: raised by
   * native code standing in for a Python method of `obj` (nn.Module.__getattr__), so CPython's
   * innermost frame would have `self` = obj and the hint may name `_private` attributes. */
  | { kind: 'attribute'; name: string; obj: unknown; inOwnMethod?: boolean }
  /** NameError.name, with the scope where the name was looked up */
  | { kind: 'name'; name: string; scope: NameScope | null }
  /** ImportError.name (the module) / .name_from (the missing name) / .path (the module's file) */
  | { kind: 'import'; module: string; nameFrom: string; path: string | null };

export class PyError extends Error {
  /** `args` as Python would hold them; defaults to [message]. KeyError's str() is repr(args[0]). */
  readonly args: readonly unknown[];
  /** Context for the traceback's "Did you mean" hint (copied onto the Python exception). */
  hint: ErrorHint | null = null;
  constructor(
    readonly pyType: string,
    message: string,
    args?: readonly unknown[],
  ) {
    super(message);
    this.name = pyType;
    this.args = args ?? [message];
  }

  /** A failed lookup of `name` on `obj` ended in this error: if it is an AttributeError that has
   * no name/obj yet, it gets them (CPython does this for every attribute lookup, so an error
   * raised inside a `__getattr__` or property is named after the outermost missing attribute
   * only when nothing inside named it). */
  noteAttributeLookup(obj: unknown, name: string, inOwnMethod = false): void {
    if (this.hint === null && this.isInstanceOf('AttributeError')) this.hint = { kind: 'attribute', name, obj, inOwnMethod };
  }

  /** True if this error is an instance of the builtin class `type` (walking the builtin hierarchy).
   * Interpreter-raised exceptions override this with their real class hierarchy. */
  isInstanceOf(type: string): boolean {
    let t: string | undefined = this.pyType;
    while (t !== undefined) {
      if (t === type) return true;
      t = BUILTIN_EXCEPTION_BASES[t];
    }
    return false;
  }
}

/** Parent of each builtin exception class (CPython 3.13), enough for `except` matching. */
export const BUILTIN_EXCEPTION_BASES: Record<string, string | undefined> = {
  BaseException: undefined,
  Exception: 'BaseException',
  SystemExit: 'BaseException',
  KeyboardInterrupt: 'BaseException',
  GeneratorExit: 'BaseException',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  FloatingPointError: 'ArithmeticError',
  AssertionError: 'Exception',
  AttributeError: 'Exception',
  BufferError: 'Exception',
  EOFError: 'Exception',
  ImportError: 'Exception',
  ModuleNotFoundError: 'ImportError',
  LookupError: 'Exception',
  IndexError: 'LookupError',
  KeyError: 'LookupError',
  MemoryError: 'Exception',
  NameError: 'Exception',
  UnboundLocalError: 'NameError',
  OSError: 'Exception',
  TimeoutError: 'OSError',
  ReferenceError: 'Exception',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  StopIteration: 'Exception',
  SyntaxError: 'Exception',
  IndentationError: 'SyntaxError',
  TabError: 'IndentationError',
  SystemError: 'Exception',
  TypeError: 'Exception',
  ValueError: 'Exception',
  UnicodeError: 'ValueError',
  Warning: 'Exception',
  UserWarning: 'Warning',
  DeprecationWarning: 'Warning',
  PendingDeprecationWarning: 'Warning',
  FutureWarning: 'Warning',
  RuntimeWarning: 'Warning',
  SyntaxWarning: 'Warning',
};

export const runtimeError = (msg: string): PyError => new PyError('RuntimeError', msg);
export const typeError = (msg: string): PyError => new PyError('TypeError', msg);
export const valueError = (msg: string): PyError => new PyError('ValueError', msg);
export const indexError = (msg: string): PyError => new PyError('IndexError', msg);
export const attributeError = (msg: string): PyError => new PyError('AttributeError', msg);
/** `name 'x' is not defined`, with the scope the traceback's hint searches. */
export function nameError(name: string, scope: NameScope | null): PyError {
  const e = new PyError('NameError', `name '${name}' is not defined`);
  e.hint = { kind: 'name', name, scope };
  return e;
}
/** KeyError's message is the repr of its key, e.g. `'r'`; pass the key as Python would. */
export const keyError = (key: string, shown?: string): PyError =>
  new PyError('KeyError', shown ?? pyStrRepr(key), [key]);
export const notImplementedError = (msg: string): PyError => new PyError('NotImplementedError', msg);

/** repr() of a Python str: single quotes unless the text holds ' and no ". */
export function pyStrRepr(s: string): string {
  const useDouble = s.includes("'") && !s.includes('"');
  const q = useDouble ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}
