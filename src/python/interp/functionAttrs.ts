// The special attributes of Python functions (a `def` or `lambda` at run time, function.ts): what
// scripts and decorators read — `__name__`, `__qualname__`, `__module__`, `__doc__`,
// `__defaults__`, `__kwdefaults__`, `__code__` — installed on the `function` type as properties,
// with CPython's rules for which can be assigned (functools.wraps writes the first four) and its
// TypeError texts. Other attributes (`__wrapped__`, user data) live in the function's own dict.
// A bound method answers `__func__`, `__self__` and reads these through its function, as CPython's
// method objects do.

import { PyError } from '../../errors';
import { type PyValue, BuiltinFunctionType, MethodType, PyBuiltinFunction, PyBoundMethod, PyDict, PyObject, PyTuple, getattr, makeType, nativeProperty } from '../object';
import { FunctionType, PyFunction } from './function';

const fn = (v: PyValue): PyFunction => v as PyFunction;

function needStr(attr: string, v: PyValue): string {
  if (typeof v !== 'string') throw new PyError('TypeError', `${attr} must be set to a string object`);
  return v;
}

/** A read-only view of a function's Code: the co_* fields scripts inspect. */
const CodeType = makeType('code');
function codeObject(f: PyFunction): PyObject {
  const c = f.code;
  const o = new PyObject(CodeType, new Map());
  const d = o.dict!;
  d.set('co_name', c.name);
  d.set('co_qualname', c.qualname);
  d.set('co_filename', c.filename);
  d.set('co_firstlineno', c.firstLine);
  d.set('co_argcount', c.posonly.length + c.args.length);
  d.set('co_posonlyargcount', c.posonly.length);
  d.set('co_kwonlyargcount', c.kwonly.length);
  d.set('co_varnames', new PyTuple([...c.varnames]));
  return o;
}

const props: [string, ReturnType<typeof nativeProperty>][] = [
  ['__name__', nativeProperty('__name__', (v) => fn(v).name, (v, x) => void (fn(v).name = needStr('__name__', x)))],
  ['__qualname__', nativeProperty('__qualname__', (v) => fn(v).qualname, (v, x) => void (fn(v).qualname = needStr('__qualname__', x)))],
  ['__module__', nativeProperty('__module__', (v) => fn(v).module, (v, x) => void (fn(v).module = x as string))],
  ['__doc__', nativeProperty('__doc__', (v) => fn(v).doc, (v, x) => void (fn(v).doc = x))],
  [
    '__defaults__',
    nativeProperty('__defaults__', (v) => (fn(v).defaults.length === 0 ? null : new PyTuple([...fn(v).defaults])), (v, x) => {
      if (x === null) fn(v).defaults = [];
      else if (x instanceof PyTuple) fn(v).defaults = [...x.items];
      else throw new PyError('TypeError', '__defaults__ must be set to a tuple object');
    }),
  ],
  [
    '__kwdefaults__',
    nativeProperty('__kwdefaults__', (v) => {
      const kw = fn(v).kwdefaults;
      if (kw === null || kw.size === 0) return null;
      const d = new PyDict();
      for (const [k, x] of kw) d.set(k, x);
      return d;
    }),
  ],
  ['__code__', nativeProperty('__code__', (v) => codeObject(fn(v)))],
  [
    '__annotations__',
    nativeProperty('__annotations__', (v) => (fn(v).annotations ??= new PyDict()), (v, x) => {
      if (!(x instanceof PyDict)) throw new PyError('TypeError', '__annotations__ must be set to a dict object');
      fn(v).annotations = x;
    }),
  ],
];

for (const [name, p] of props) FunctionType.dict!.set(name, p);

const method = (v: PyValue): PyBoundMethod => v as PyBoundMethod;
MethodType.dict!.set('__func__', nativeProperty('__func__', (v) => method(v).func));
MethodType.dict!.set('__self__', nativeProperty('__self__', (v) => method(v).self));
for (const name of ['__name__', '__qualname__', '__module__', '__doc__', '__defaults__', '__kwdefaults__', '__code__', '__annotations__', '__wrapped__']) {
  MethodType.dict!.set(name, nativeProperty(name, (v) => getattr(method(v).func, name)));
}

// Natives (print, len, torch functions, nn methods written in TypeScript) name themselves too.
const native = (v: PyValue): PyBuiltinFunction => v as PyBuiltinFunction;
BuiltinFunctionType.dict!.set('__name__', nativeProperty('__name__', (v) => native(v).name));
BuiltinFunctionType.dict!.set('__qualname__', nativeProperty('__qualname__', (v) => native(v).qualname));
BuiltinFunctionType.dict!.set('__doc__', nativeProperty('__doc__', () => null));
