// The Python object model: how every Python value is held in TypeScript, and the attribute and
// call protocols (getattr with descriptors, setattr — in attributes.ts, re-exported here — and
// call) that the interpreter, the bindings and nn/ all go through. nn.Module is a native class built on this file, which is why nn/ imports it:
// Module semantics *are* Python attribute semantics. This file knows nothing about the evaluator;
// user code reaches it only through PyCallable.call, which the interpreter implements.
//
// Value representation (fixed; everything else relies on it):
//   None → null      bool → boolean     int → number (always integral) | bigint (outside ±2^53)
//   float → PyFloat  str → string       list → PyList   tuple → PyTuple   dict → PyDict  set → PySet
//   Tensor → the engine's Tensor object (its Python type is found through registerNativeType)
//   everything else → PyObject (instances, types, functions, modules, exceptions, nn.Module)

import { typeError } from '../errors';

/** Any Python value. `object` covers engine objects (Tensor) registered with registerNativeType. */
export type PyValue = null | boolean | number | bigint | string | object;

/** Keyword arguments, in call order. null when there are none (the common, fast case). */
export type KwArgs = Map<string, PyValue> | null;

/** A Python float. Boxed so that `1.0` stays distinct from the int `1`. */
export class PyFloat {
  constructor(readonly v: number) {}
}

export class PyList {
  constructor(public items: PyValue[] = []) {}
}

export class PyTuple {
  /** `cls` is set for tuple subclasses such as torch.Size; null means plain tuple. */
  constructor(
    readonly items: readonly PyValue[],
    readonly cls: PyType | null = null,
  ) {}
}

/** Sentinel for "attribute absent" (cheaper than throwing AttributeError on the hot path). */
export const MISSING: unique symbol = Symbol('MISSING');
export type Missing = typeof MISSING;

/** Base of all heap objects that have a Python class and (usually) an instance __dict__. */
export class PyObject {
  constructor(
    public cls: PyType,
    public dict: Map<string, PyValue> | null = new Map(),
  ) {}
}

/** Native behaviour a type can provide instead of Python-level dunder methods. */
export interface NativeSlots {
  /** Called when normal lookup fails (Python's `__getattr__`); return MISSING if absent. */
  getattr?(obj: PyValue, name: string): PyValue | Missing | Promise<PyValue | Missing>;
  /** Replaces the generic `__setattr__` for instances (nn.Module's rules). */
  setattr?(obj: PyValue, name: string, value: PyValue): void | Promise<void>;
  /** Replaces the generic `__delattr__` for instances. */
  delattr?(obj: PyValue, name: string): void | Promise<void>;
  /** Creates a blank instance for `cls` (the native base's `__new__`); `__init__` runs after. */
  create?(cls: PyType, args: PyValue[], kwargs: KwArgs): PyValue | Promise<PyValue>;
  /** Replaces the whole attribute lookup (Python's `__getattribute__`), e.g. for `super`
   * objects; return MISSING if absent. (Added by the interpreter; optional.) */
  getattribute?(obj: PyValue, name: string): PyValue | Missing | Promise<PyValue | Missing>;
}

export class PyType extends PyObject {
  mro: PyType[] = [];
  slots: NativeSlots = {};
  /** The nearest type in the MRO with `slots.create` decides how instances are made. */
  constructor(
    public name: string,
    public bases: PyType[],
    dict: Map<string, PyValue>,
    public module = 'builtins',
    public qualname = name,
    metaclass?: PyType,
  ) {
    super(metaclass ?? (TypeType as PyType | undefined) ?? (undefined as unknown as PyType), dict);
    this.mro = computeMro(this);
    // Inherit native slots from the first base that has each one.
    for (const b of this.mro.slice(1)) {
      for (const k of Object.keys(b.slots) as (keyof NativeSlots)[]) {
        if (this.slots[k] === undefined) (this.slots as Record<string, unknown>)[k] = b.slots[k];
      }
    }
  }

  /** Class attribute lookup along the MRO (no descriptors applied). */
  lookup(name: string): PyValue | undefined {
    for (const t of this.mro) {
      const d = t.dict!;
      if (d.has(name)) return d.get(name);
    }
    return undefined;
  }

  isSubtypeOf(other: PyType): boolean {
    return this === other || this.mro.includes(other);
  }
}

function computeMro(t: PyType): PyType[] {
  // C3 linearization.
  const seqs: PyType[][] = [...t.bases.map((b) => [...b.mro]), [...t.bases]];
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let head: PyType | undefined;
    for (const s of nonEmpty) {
      const cand = s[0];
      if (!nonEmpty.some((o) => o.indexOf(cand) > 0)) {
        head = cand;
        break;
      }
    }
    if (!head) {
      throw typeError(
        `Cannot create a consistent method resolution order (MRO) for bases ${t.bases.map((b) => b.name).join(', ')}`,
      );
    }
    out.push(head);
    for (const s of nonEmpty) if (s[0] === head) s.shift();
  }
}

// ---- The two roots: `object` and `type` -------------------------------------------------------

export const ObjectType: PyType = Object.create(PyType.prototype) as PyType;
export const TypeType: PyType = Object.create(PyType.prototype) as PyType;
for (const [t, name, bases] of [
  [ObjectType, 'object', []],
  [TypeType, 'type', [ObjectType]],
] as const) {
  Object.assign(t, { cls: TypeType, dict: new Map(), name, qualname: name, module: 'builtins', bases, slots: {} });
  t.mro = [t, ...bases];
}

/** Make a builtin type (`int`, `list`, `torch.Tensor`, ...). */
export function makeType(name: string, bases: PyType[] = [ObjectType], module = 'builtins', qualname = name): PyType {
  return new PyType(name, bases.length ? bases : [ObjectType], new Map(), module, qualname, TypeType);
}

// ---- Callables --------------------------------------------------------------------------------

/** A value now or later: the interpreter's "maybe-async" results. Python values are never JS
 * promises, so `instanceof Promise` tells the two apart. */
export type MaybeP<T> = T | Promise<T>;

/** Anything callable from Python. The interpreter's functions and all builtins extend this. */
export abstract class PyCallable extends PyObject {
  abstract readonly name: string;
  abstract call(args: PyValue[], kwargs: KwArgs): Promise<PyValue>;
  /** The same call, but a synchronous result when the callee finished without waiting (the
   * interpreter's hot path: no promise, no microtask). Errors may be thrown synchronously. */
  callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    return this.call(args, kwargs);
  }
}

export const BuiltinFunctionType = makeType('builtin_function_or_method');
export const MethodType = makeType('method');
export const PropertyType = makeType('property');
export const StaticMethodType = makeType('staticmethod');
export const ClassMethodType = makeType('classmethod');

export type NativeFn = (args: PyValue[], kwargs: KwArgs) => PyValue | Promise<PyValue>;

/** A function implemented in TypeScript. As a class attribute it binds like a Python function. */
export class PyBuiltinFunction extends PyCallable {
  constructor(
    readonly name: string,
    readonly fn: NativeFn,
    /** qualified name for reprs: `<built-in method add of Tensor object at ...>` etc. */
    readonly qualname = name,
  ) {
    super(BuiltinFunctionType, null);
  }
  async call(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    return this.callMaybe(args, kwargs);
  }
  override callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    const h = nativeRetry.hook;
    return h === null ? this.fn(args, kwargs) : callRetrying(this, h, args, kwargs, 0);
  }
}

/**
 * A device whose values may still be on the accelerator (the 'webgpu' device) cannot be read by
 * a synchronous native: the read throws, the download is async. While such a device is active,
 * run/device.ts installs this hook around every native call: `begin` before each attempt, then
 * `done` (a promise to await before the result is handed back — e.g. downloads that keep host
 * copies current between Python-level calls) or `failed` (how to call again after an error that
 * means "await this, then call me again", or null to raise it). Unset — every CPU-only run —
 * native calls cost exactly what they did.
 */
export interface NativeRetryHook {
  begin(qualname: string, args: readonly PyValue[], kwargs: KwArgs): unknown;
  done(mark: unknown): Promise<void> | null;
  failed(e: unknown, mark: unknown, attempt: number, qualname: string): ((retry: () => MaybeP<PyValue>) => Promise<PyValue>) | null;
}
export const nativeRetry: { hook: NativeRetryHook | null } = { hook: null };

function callRetrying(f: PyBuiltinFunction, h: NativeRetryHook, args: PyValue[], kwargs: KwArgs, attempt: number): MaybeP<PyValue> {
  const mark = h.begin(f.qualname, args, kwargs);
  let r: MaybeP<PyValue>;
  try {
    r = f.fn(args, kwargs);
  } catch (e) {
    return retryAfter(f, h, args, kwargs, attempt, mark, e);
  }
  if (r instanceof Promise) return r.then((v) => settle(h, mark, v), (e: unknown) => retryAfter(f, h, args, kwargs, attempt, mark, e));
  return settle(h, mark, r);
}
function settle(h: NativeRetryHook, mark: unknown, v: PyValue): MaybeP<PyValue> {
  const wait = h.done(mark);
  return wait === null ? v : wait.then(() => v);
}
function retryAfter(f: PyBuiltinFunction, h: NativeRetryHook, args: PyValue[], kwargs: KwArgs, attempt: number, mark: unknown, e: unknown): Promise<PyValue> {
  const again = h.failed(e, mark, attempt, f.qualname);
  if (again === null) throw e;
  return again(() => callRetrying(f, h, args, kwargs, attempt + 1));
}

/** `obj.method`: a function bound to its first argument. */
export class PyBoundMethod extends PyCallable {
  constructor(
    readonly self: PyValue,
    readonly func: PyCallable,
  ) {
    super(MethodType, null);
  }
  get name(): string {
    return this.func.name;
  }
  call(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    return this.func.call([this.self, ...args], kwargs);
  }
  override callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    const n = args.length;
    const all: PyValue[] = new Array(n + 1);
    all[0] = this.self;
    for (let i = 0; i < n; i++) all[i + 1] = args[i];
    return this.func.callMaybe(all, kwargs);
  }
}

/** A data descriptor (Python's `property`), with native or Python getter/setter. */
export class PyProperty extends PyObject {
  constructor(
    readonly fget: PyCallable | null,
    readonly fset: PyCallable | null = null,
    readonly fdel: PyCallable | null = null,
    /** The attribute name; `__set_name__` sets it when the class body binds the property. */
    public name = '',
  ) {
    super(PropertyType, null);
  }
}

export class PyStaticMethod extends PyObject {
  constructor(readonly func: PyValue) {
    super(StaticMethodType, null);
  }
}

export class PyClassMethod extends PyObject {
  constructor(readonly func: PyCallable) {
    super(ClassMethodType, null);
  }
}

/** Native property helper: `nativeProperty('shape', (t) => ...)`. */
export function nativeProperty(
  name: string,
  get: (self: PyValue) => PyValue | Promise<PyValue>,
  set?: (self: PyValue, v: PyValue) => void | Promise<void>,
): PyProperty {
  return new PyProperty(
    new PyBuiltinFunction(name, (a) => get(a[0])),
    set ? new PyBuiltinFunction(name, async (a) => (await set(a[0], a[1]), null)) : null,
    null,
    name,
  );
}

// ---- typeOf -----------------------------------------------------------------------------------

/** Builtin types the interpreter fills in (their dicts get the methods). */
export const Builtins = {
  NoneType: makeType('NoneType'),
  bool: null as unknown as PyType, // set below (subclass of int)
  int: makeType('int'),
  float: makeType('float'),
  str: makeType('str'),
  list: makeType('list'),
  tuple: makeType('tuple'),
  dict: makeType('dict'),
  set: makeType('set'),
  frozenset: makeType('frozenset'),
};
Builtins.bool = makeType('bool', [Builtins.int]);

type NativeTypeResolver = (v: object) => PyType;
const nativeTypes: { ctor: abstract new (...a: never[]) => object; resolve: NativeTypeResolver }[] = [];

/** Tell typeOf how to find the Python type of an engine object (e.g. Tensor → torch.Tensor or
 * nn.Parameter). Checked with instanceof, in registration order. */
export function registerNativeType(ctor: abstract new (...a: never[]) => object, resolve: NativeTypeResolver): void {
  nativeTypes.push({ ctor, resolve });
}

export function typeOf(v: PyValue): PyType {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Builtins.int;
    case 'string':
      return Builtins.str;
    case 'boolean':
      return Builtins.bool;
  }
  if (v === null) return Builtins.NoneType;
  if (v instanceof PyObject) return v.cls;
  if (v instanceof PyFloat) return Builtins.float;
  if (v instanceof PyList) return Builtins.list;
  if (v instanceof PyTuple) return v.cls ?? Builtins.tuple;
  if (v instanceof PyDict) return v.cls ?? Builtins.dict;
  if (v instanceof PySet) return v.frozen ? Builtins.frozenset : Builtins.set;
  for (const n of nativeTypes) if (v instanceof n.ctor) return n.resolve(v as object);
  throw new Error(`typeOf: not a Python value: ${String(v)}`);
}

export const isinstance = (v: PyValue, t: PyType): boolean => typeOf(v).isSubtypeOf(t);

/** The instance __dict__ of a value, if it has one. Native objects may expose one via `pyDict`. */
export function instanceDict(v: PyValue): Map<string, PyValue> | null {
  if (v instanceof PyObject) return v.dict;
  if (v !== null && typeof v === 'object' && 'pyDict' in v) return (v as { pyDict: Map<string, PyValue> | null }).pyDict;
  return null;
}

// ---- Attribute protocol: src/python/attributes.ts ------------------------------------------

export {
  bindAttr, bindAttrMaybe, getattrOrMissing, getattrMaybe, noAttributeMessage, noAttributeError, noteFailedLookup,
  getattr, hasattr, genericSetattr, setattr, setattrMaybe, genericDelattr, delattr,
} from './attributes';
import { getattr } from './attributes';

// ---- Calls ------------------------------------------------------------------------------------

/** Hook the interpreter installs: how to call a type (instance creation + __init__). */
export const runtimeHooks: {
  callType: (t: PyType, args: PyValue[], kwargs: KwArgs) => Promise<PyValue>;
} = {
  callType: async (t) => {
    throw typeError(`cannot create '${t.name}' instances (interpreter not installed)`);
  },
};

/** Call any Python callable: functions, bound methods, types, objects with __call__. */
export async function call(fn: PyValue, args: PyValue[], kwargs: KwArgs = null): Promise<PyValue> {
  return callMaybe(fn, args, kwargs);
}

/** call(), synchronous when the callee finished without waiting (see PyCallable.callMaybe). */
export function callMaybe(fn: PyValue, args: PyValue[], kwargs: KwArgs = null): MaybeP<PyValue> {
  if (fn instanceof PyCallable) return fn.callMaybe(args, kwargs);
  if (fn instanceof PyType) {
    // type(x) answers at once (a user __eq__ behind a dict key may ask it; see dict.ts).
    if (fn === TypeType && args.length === 1 && (kwargs === null || kwargs.size === 0)) return typeOf(args[0]);
    return runtimeHooks.callType(fn, args, kwargs);
  }
  const c = typeOf(fn).lookup('__call__');
  if (c instanceof PyCallable) return c.callMaybe([fn, ...args], kwargs);
  throw typeError(`'${typeOf(fn).name}' object is not callable`);
}

/** Call a method by name: `callMethod(m, 'forward', [x])`. */
export async function callMethod(obj: PyValue, name: string, args: PyValue[], kwargs: KwArgs = null): Promise<PyValue> {
  return call(await getattr(obj, name), args, kwargs);
}

// ---- dict and set: src/python/dict.ts ------------------------------------------------------

export { hashKey, syncCalls, PyDict, PySet } from './dict';
import { PyDict, PySet } from './dict';

// ---- Small helpers used across layers ---------------------------------------------------------

export const pyFloat = (v: number): PyFloat => new PyFloat(v);
export const tuple = (...items: PyValue[]): PyTuple => new PyTuple(items);
export const isInt = (v: PyValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
/** Python truthiness is the interpreter's job (it may call __bool__/__len__); see interp. */

// ---- Additions by the interpreter (additive; the API above is stable) -------------------------

export const SliceType = makeType('slice');
/** A Python slice object `a:b:c` (each part any Python value, usually int or None). Tensor
 * indexing receives these in `__getitem__` keys, as well as `Ellipsis` and None. */
export class PySlice extends PyObject {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super(SliceType, null);
  }
}

export const NotImplementedType = makeType('NotImplementedType');
export const EllipsisType = makeType('ellipsis');
/** The NotImplemented singleton a binary dunder returns to let the other operand try. */
export const NotImplemented = new PyObject(NotImplementedType, null);
/** The `...` singleton (tensor indexing uses it). */
export const Ellipsis = new PyObject(EllipsisType, null);

/** A module object (`torch`, `math`, a user module). Attributes live in `dict`. */
export const ModuleType = makeType('module');
export class PyModule extends PyObject {
  constructor(readonly name: string, dict: Map<string, PyValue> = new Map()) {
    super(ModuleType, dict);
    if (!dict.has('__name__')) dict.set('__name__', name);
  }
}

/** Convenience for bindings: a native method on a type (`self` is args[0]). */
export function defineMethod(t: PyType, name: string, fn: NativeFn): PyBuiltinFunction {
  const f = new PyBuiltinFunction(name, fn, `${t.name}.${name}`);
  t.dict!.set(name, f);
  return f;
}
