// Python's exception classes and how exceptions cross between TypeScript and Python. Every
// builtin exception class is a PyType here (one per CPython 3.13 name), instances are
// PyBaseException objects (args, __cause__, __context__, traceback entries), and the thing that is
// actually thrown through JS frames is a PyException — a PyError subclass carrying the instance —
// so TypeScript code (nn/, bindings) can `try/finally` around user code and ask
// `e.isInstanceOf('AttributeError')` against the real class hierarchy, user subclasses included.
// A plain PyError thrown by the engine becomes an instance of its named builtin class the moment
// the interpreter catches it (toPyException). The attributes CPython keeps for its "Did you mean"
// hints (AttributeError.name/.obj, NameError.name, ImportError.name/.path/.name_from) live on the
// instance, so Python code sees them and the traceback printer (interp/suggestions.ts) reads them.

import { BUILTIN_EXCEPTION_BASES, type NameScope, PyError } from '../../errors';
import { suggestName } from './suggest';
import {
  type KwArgs, type PyValue, ObjectType, PyBuiltinFunction, PyObject, PyTuple, PyType, makeType,
  nativeProperty, typeOf,
} from '../object';

/** One traceback entry: where a frame was when the exception passed through it. */
export interface TbEntry {
  filename: string;
  line: number;
  name: string;
  /** Span of the failing expression within the line (for 3.13's carets), if known. */
  col?: number;
  endCol?: number;
  endLine?: number;
  /** Column of the operator / call paren anchor, for the `~~~^^^` style. */
  anchor?: { kind: 'binop' | 'call' | 'subscript'; start: number; end: number };
}

/** An instance of BaseException or a subclass. */
export class PyBaseException extends PyObject {
  args: PyValue[] = [];
  cause: PyValue = null;
  context: PyValue = null;
  suppressContext = false;
  /** Innermost frame last, as CPython's traceback lists it. */
  tb: TbEntry[] = [];
  /** The PyError this instance was made from (engine errors), so rethrowing keeps identity. */
  thrown: PyException | null = null;
  /** AttributeError.name / NameError.name / ImportError.name (None unless set). */
  name: PyValue = null;
  /** AttributeError.obj. */
  obj: PyValue = null;
  /** ImportError.path / ImportError.name_from. */
  path: PyValue = null;
  nameFrom: PyValue = null;
  /** Where a NameError's name was looked up (not visible to Python). */
  scope: NameScope | null = null;
  /** The frame the exception first arrived in: CPython's innermost traceback frame, whose
   * `self` decides whether an AttributeError hint may name `_private` attributes. */
  innermostFrame: object | null = null;
  /** Raised by native code standing in for a Python method of `obj` (see ErrorHint). */
  inOwnMethod = false;
  private last: object | null = null;
  /** The frame whose traceback entry was added last (an exception gets one entry per frame it
   * arrives in; an explicit `raise` clears this so the raising frame is listed again). */
  get lastFrame(): object | null {
    return this.last;
  }
  set lastFrame(f: object | null) {
    this.last = f;
    if (f !== null && this.innermostFrame === null) this.innermostFrame = f;
  }
}

/** The JS error thrown for a Python exception (see the file comment). */
export class PyException extends PyError {
  constructor(readonly exc: PyBaseException) {
    super(exc.cls.name, defaultStr(exc), exc.args);
    exc.thrown = this;
  }
  override isInstanceOf(type: string): boolean {
    return this.exc.cls.mro.some((t) => t.name === type);
  }
  // (a Python exception went through Python frames: its innermost frame tells who raised it)
  override noteAttributeLookup(obj: unknown, name: string): void {
    const e = this.exc;
    if (e.name === null && e.obj === null && e.cls.isSubtypeOf(excTypes.get('AttributeError')!)) {
      e.name = name;
      e.obj = obj as PyValue;
    }
  }
}

/** Errors that must not be caught by Python `except` clauses (limits). */
export const FATAL = Symbol('fatal');
export function isFatal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[FATAL] === true;
}

// ---- The class hierarchy -------------------------------------------------------------------

/** CPython 3.13 builtin exceptions beyond the ones errors.ts lists. */
const EXTRA_BASES: Record<string, string> = {
  StopAsyncIteration: 'Exception',
  ConnectionError: 'OSError',
  BrokenPipeError: 'ConnectionError',
  ConnectionAbortedError: 'ConnectionError',
  ConnectionRefusedError: 'ConnectionError',
  ConnectionResetError: 'ConnectionError',
  BlockingIOError: 'OSError',
  ChildProcessError: 'OSError',
  FileExistsError: 'OSError',
  FileNotFoundError: 'OSError',
  InterruptedError: 'OSError',
  IsADirectoryError: 'OSError',
  NotADirectoryError: 'OSError',
  PermissionError: 'OSError',
  ProcessLookupError: 'OSError',
  UnicodeDecodeError: 'UnicodeError',
  UnicodeEncodeError: 'UnicodeError',
  UnicodeTranslateError: 'UnicodeError',
  PythonFinalizationError: 'RuntimeError',
  ImportWarning: 'Warning',
  UnicodeWarning: 'Warning',
  BytesWarning: 'Warning',
  ResourceWarning: 'Warning',
  EncodingWarning: 'Warning',
};

const ALL_BASES: Record<string, string | undefined> = { ...BUILTIN_EXCEPTION_BASES, ...EXTRA_BASES };

export const excTypes = new Map<string, PyType>();

function excType(name: string): PyType {
  let t = excTypes.get(name);
  if (t) return t;
  const base = ALL_BASES[name];
  t = makeType(name, [base === undefined ? ObjectType : excType(base)]);
  excTypes.set(name, t);
  return t;
}
for (const name of Object.keys(ALL_BASES)) excType(name);

export const BaseExceptionType = excTypes.get('BaseException')!;

/** The builtin exception class of that name (unknown names fall back to a new Exception subclass
 * so engine errors with exotic names still behave). */
export function exceptionType(name: string): PyType {
  const t = excTypes.get(name);
  if (t) return t;
  const nt = makeType(name, [excTypes.get('Exception')!]);
  nt.slots.create ??= BaseExceptionType.slots.create;
  excTypes.set(name, nt);
  return nt;
}

export function isExceptionType(t: PyValue): t is PyType {
  return t instanceof PyType && t.isSubtypeOf(BaseExceptionType);
}

/** Create an exception instance of `cls` with `args` (no __init__ run). */
export function newException(cls: PyType, args: PyValue[]): PyBaseException {
  const e = new PyBaseException(cls);
  e.args = args;
  return e;
}

/** Build and return (for `throw`) a PyException of builtin class `name`. */
export function pyExc(name: string, message?: string): PyException {
  return new PyException(newException(exceptionType(name), message === undefined ? [] : [message]));
}

// ---- str / repr (the defaults; the printing layer supplies repr of args) --------------------

/** Hook set by the repr module: repr of an arbitrary value (sync for builtin values). */
export const excHooks: { repr: (v: PyValue) => string; str: (v: PyValue) => string } = {
  repr: (v) => String(v),
  str: (v) => String(v),
};

/** BaseException.__str__: '' / str(arg) / repr(args); KeyError shows repr of its one key. */
export function defaultStr(e: PyBaseException): string {
  const a = e.args;
  if (a.length === 0) return '';
  if (a.length === 1) {
    if (e.cls.isSubtypeOf(excTypes.get('KeyError')!)) return excHooks.repr(a[0]);
    return excHooks.str(a[0]);
  }
  return excHooks.repr(new PyTuple(a));
}

export function defaultRepr(e: PyBaseException): string {
  const a = e.args;
  if (a.length === 1) return `${e.cls.name}(${excHooks.repr(a[0])})`;
  const inner = excHooks.repr(new PyTuple(a));
  return `${e.cls.name}${a.length === 0 ? '()' : inner}`;
}

// ---- Crossing from TypeScript: any caught JS error → a Python exception instance --------------

/** The Python exception instance for a caught JS error, or null for internal (non-Python) errors
 * that must not be caught by user `except` clauses. Engine PyErrors are converted once. */
export function toPyException(e: unknown): PyBaseException | null {
  if (e instanceof PyException) return e.exc;
  if (e instanceof PyError) {
    const cached = converted.get(e);
    if (cached) return cached;
    const inst = newException(exceptionType(e.pyType), [...e.args] as PyValue[]);
    copyHint(e, inst);
    converted.set(e, inst);
    return inst;
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return newException(exceptionType('RecursionError'), ['maximum recursion depth exceeded']);
  }
  return null;
}
const converted = new WeakMap<PyError, PyBaseException>();

/** Carry an engine error's hint context onto its Python instance (the attributes CPython sets). */
function copyHint(e: PyError, inst: PyBaseException): void {
  const h = e.hint;
  if (h === null) return;
  switch (h.kind) {
    case 'attribute':
      inst.name = h.name;
      inst.obj = h.obj as PyValue;
      inst.inOwnMethod = h.inOwnMethod === true;
      break;
    case 'name':
      inst.name = h.name;
      inst.scope = h.scope;
      break;
    case 'import':
      inst.name = h.module;
      inst.nameFrom = h.nameFrom;
      inst.path = h.path;
      break;
  }
}

/** The JS error to throw for an instance (reusing the original one when it has it). */
export function asThrowable(exc: PyBaseException): PyException {
  return exc.thrown ?? new PyException(exc);
}

// ---- Python-visible members of BaseException --------------------------------------------------

function self(v: PyValue): PyBaseException {
  if (!(v instanceof PyBaseException)) throw new PyError('TypeError', `descriptor requires a 'BaseException' object but received a '${typeOf(v).name}'`);
  return v;
}

const bd = BaseExceptionType.dict!;
BaseExceptionType.slots.create = (cls: PyType, args: PyValue[]) => newException(cls, [...args]);
// Subclasses made above copied their slots before this one existed.
for (const t of excTypes.values()) t.slots.create ??= BaseExceptionType.slots.create;
bd.set('__init__', new PyBuiltinFunction('__init__', (a: PyValue[], _kw: KwArgs) => {
  self(a[0]).args = a.slice(1);
  return null;
}, 'BaseException.__init__'));
bd.set('args', nativeProperty('args', (v) => new PyTuple(self(v).args), (v, x) => {
  self(v).args = x instanceof PyTuple ? [...x.items] : [x];
}));
bd.set('__cause__', nativeProperty('__cause__', (v) => self(v).cause, (v, x) => {
  const e = self(v);
  e.cause = x;
  e.suppressContext = true;
}));
bd.set('__context__', nativeProperty('__context__', (v) => self(v).context, (v, x) => void (self(v).context = x)));
bd.set('__suppress_context__', nativeProperty('__suppress_context__', (v) => self(v).suppressContext, (v, x) => void (self(v).suppressContext = x === true)));
bd.set('__traceback__', nativeProperty('__traceback__', () => null));
bd.set('with_traceback', new PyBuiltinFunction('with_traceback', (a) => a[0], 'BaseException.with_traceback'));
bd.set('__str__', new PyBuiltinFunction('__str__', (a) => defaultStr(self(a[0])), 'BaseException.__str__'));
bd.set('__repr__', new PyBuiltinFunction('__repr__', (a) => defaultRepr(self(a[0])), 'BaseException.__repr__'));
bd.set('add_note', new PyBuiltinFunction('add_note', () => null, 'BaseException.add_note'));

// ---- The attributes behind the "Did you mean" hints ------------------------------------------

/** `name`, `obj`, ... as instance attributes of `cls`, and an `__init__` taking them as keywords
 * (`AttributeError('m', name='x', obj=o)`); other keywords are CPython's TypeError. */
function hintAttributes(clsName: string, fields: Record<string, keyof Pick<PyBaseException, 'name' | 'obj' | 'path' | 'nameFrom'>>): void {
  const d = excTypes.get(clsName)!.dict!;
  for (const [py, field] of Object.entries(fields)) {
    d.set(py, nativeProperty(py, (v) => self(v)[field], (v, x) => void (self(v)[field] = x)));
  }
  d.set('__init__', new PyBuiltinFunction('__init__', (a: PyValue[], kw: KwArgs) => {
    const e = self(a[0]);
    if (kw !== null) {
      for (const k of kw.keys()) {
        if (Object.hasOwn(fields, k)) continue;
        const hint = suggestName(Object.keys(fields), k);
        throw new PyError('TypeError', `${clsName}() got an unexpected keyword argument '${k}'${hint === null ? '' : `. Did you mean '${hint}'?`}`);
      }
    }
    e.args = a.slice(1);
    for (const [py, field] of Object.entries(fields)) e[field] = kw?.get(py) ?? null;
    return null;
  }, `${clsName}.__init__`));
}
hintAttributes('AttributeError', { name: 'name', obj: 'obj' });
hintAttributes('NameError', { name: 'name' });
hintAttributes('ImportError', { name: 'name', path: 'path', name_from: 'nameFrom' });
