// The one error type every layer below the interpreter throws: a Python exception named by its
// builtin class (`RuntimeError`, `TypeError`, `KeyError`, ...) with PyTorch's exact message. The
// engine and nn/ never see interpreter objects; the interpreter turns a PyError into an instance of
// the named builtin exception class when it crosses into Python code, and wraps Python exceptions
// raised by user code as PyError subclasses so they travel through TypeScript frames untouched.

export class PyError extends Error {
  /** `args` as Python would hold them; defaults to [message]. KeyError's str() is repr(args[0]). */
  readonly args: readonly unknown[];
  constructor(
    readonly pyType: string,
    message: string,
    args?: readonly unknown[],
  ) {
    super(message);
    this.name = pyType;
    this.args = args ?? [message];
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
