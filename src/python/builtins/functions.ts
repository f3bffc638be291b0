// The builtins namespace: builtin functions (print, len, range, sorted, isinstance, ...) and the
// builtin types and exception classes under their Python names, all put into interp's BUILTINS
// table. Constructors of int/float/str/bool live in numberTypes.ts; container methods in
// containerMethods.ts; this file is the directory of names.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, Builtins, ClassMethodType, Ellipsis, MISSING, NotImplemented,
  ObjectType, PropertyType, PyBuiltinFunction, PyCallable, PyDict, PyList,
  PyObject, PySet, PySlice, PyTuple, PyType, SliceType, StaticMethodType, TypeType, call,
  delattr, getattrOrMissing, hasattr, setattr, typeOf, nativeProperty, genericSetattr, genericDelattr,
} from '../object';
import { sliceIndices } from './slice';
import { BUILTINS } from '../interp/builtinsTable';
import { argRange, exactlyOne, intArg, noKw, params } from './args';
import { excTypes } from './exceptions';
import { formatValue } from './format';
import './iter';
import './numbers';
import { lenOf, truthy } from './ops';
import { RangeType } from './range';
import { objectId, repr, reprPrimitive, str } from './repr';
import './containerMethods';
import { asciiOf } from './strutil';
import { rt } from '../interp/runtime';
import '../numfmt';
import { hashValue } from './hash';
import { loadAttrHook } from './hooks';
import { SuperType } from '../interp/classes';
import './numberTypes';
import './strMethods';
import './iterFunctions';
import './numberFunctions';
import './namespaces';
import { openFile } from '../stdlib/open';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  BUILTINS.set(name, new PyBuiltinFunction(name, f));
};

// ---- types and singletons ---------------------------------------------------------------------

for (const [k, t] of Object.entries({
  int: Builtins.int, float: Builtins.float, str: Builtins.str, bool: Builtins.bool, list: Builtins.list,
  tuple: Builtins.tuple, dict: Builtins.dict, set: Builtins.set, frozenset: Builtins.frozenset,
  object: ObjectType, type: TypeType, range: RangeType, slice: SliceType, property: PropertyType,
  staticmethod: StaticMethodType, classmethod: ClassMethodType, super: SuperType,
})) BUILTINS.set(k, t);
for (const [k, t] of excTypes) BUILTINS.set(k, t);
BUILTINS.set('NotImplemented', NotImplemented);
BUILTINS.set('Ellipsis', Ellipsis);
BUILTINS.set('__name__', 'builtins');
SliceType.slots.create = (_c, a) => {
  argRange('slice', a, 1, 3);
  return a.length === 1 ? new PySlice(null, a[0], null) : new PySlice(a[0], a[1], a.length > 2 ? a[2] : null);
};
SliceType.dict!.set('start', nativeProperty('start', (v) => (v as PySlice).start));
SliceType.dict!.set('stop', nativeProperty('stop', (v) => (v as PySlice).stop));
SliceType.dict!.set('step', nativeProperty('step', (v) => (v as PySlice).step));
SliceType.dict!.set('indices', new PyBuiltinFunction('indices', (a) => new PyTuple(sliceIndices(a[0] as PySlice, intArg(a[1]))), 'slice.indices'));
// object.__setattr__ / __getattribute__ / __delattr__ for user classes that override them
ObjectType.dict!.set('__setattr__', new PyBuiltinFunction('__setattr__', async (a) => (await genericSetattr(a[0], a[1] as string, a[2]), null), 'object.__setattr__'));
ObjectType.dict!.set('__delattr__', new PyBuiltinFunction('__delattr__', async (a) => (await genericDelattr(a[0], a[1] as string), null), 'object.__delattr__'));
ObjectType.dict!.set('__getattribute__', new PyBuiltinFunction('__getattribute__', (a) => loadAttrHook.load(a[0], a[1] as string), 'object.__getattribute__'));
ObjectType.dict!.set('__class__', nativeProperty('__class__', (v) => typeOf(v)));
SliceType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
  const s = a[0] as PySlice;
  return `slice(${await repr(s.start)}, ${await repr(s.stop)}, ${await repr(s.step)})`;
}));

// ---- output -------------------------------------------------------------------------------------

fn('print', (a, kw) => {
  // Plain values and no keywords (the common case) print synchronously, so a user `__eq__` or
  // `__hash__` that prints still answers at once (dict keys need that, see dict.ts).
  if (kw === null || kw.size === 0) {
    let text = '';
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      const p = typeof v === 'string' ? v : reprPrimitive(v);
      if (p === undefined) return printSlow(a, kw);
      text += i === 0 ? p : ' ' + p;
    }
    rt().write(text + '\n');
    return null;
  }
  return printSlow(a, kw);
});
async function printSlow(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [sep, end, file, flush] = params('print', [], kw, 0, ['sep', 'end', 'file', 'flush']);
  void flush;
  const sepS = sep === undefined || sep === null ? ' ' : sep;
  const endS = end === undefined || end === null ? '\n' : end;
  if (typeof sepS !== 'string') throw new PyError('TypeError', `sep must be None or a string, not ${typeOf(sepS).name}`);
  if (typeof endS !== 'string') throw new PyError('TypeError', `end must be None or a string, not ${typeOf(endS).name}`);
  // CPython writes piece by piece — each argument's str(), the separators, the end — so the text
  // before an argument whose __str__ raises is already out, and a file object sees each write.
  const run = rt();
  let write: (text: string) => unknown = (t) => run.write(t);
  if (file !== undefined && file !== null) {
    const w = await getattrOrMissing(file, 'write');
    if (file === run.modules.get('sys.stderr') || (file instanceof PyObject && (file as { isStderr?: boolean }).isStderr)) write = (t) => run.writeErr(t);
    else if (w !== MISSING && !(file instanceof PyObject && (file as { isStdout?: boolean }).isStdout)) write = (t) => call(w, [t]);
  }
  for (let i = 0; i < a.length; i++) {
    if (i > 0) await write(sepS);
    await write(await str(a[i]));
  }
  await write(endS);
  return null;
}
// open() works on the run's virtual file system (stdlib/vfs.ts): text files, and binary files that
// torch.save / torch.load use.
fn('open', openFile);
fn('input', () => {
  throw new PyError('EOFError', 'EOF when reading a line');
});
// Builtins outside the playground's subset: present, so a script gets a clear reason instead of
// a NameError that reads like a typo.
for (const [name, why] of [
  ['eval', 'running code from a string'],
  ['exec', 'running code from a string'],
  ['compile', 'compiling code from a string'],
  ['breakpoint', 'the debugger'],
] as const) {
  fn(name, () => {
    throw new PyError('NotImplementedError', `${name}() is not supported in this playground: ${why} is outside its Python subset`);
  });
}

// ---- introspection ------------------------------------------------------------------------------

fn('len', (a, kw) => {
  noKw('len', kw);
  exactlyOne('len', a);
  const v = a[0];
  // Builtin containers answer at once (see print); anything else may run __len__.
  if (typeof v === 'string') return v.length;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.size;
  return lenOf(v);
});
fn('repr', async (a) => (exactlyOne('repr', a), repr(a[0])));
fn('ascii', async (a) => (exactlyOne('ascii', a), asciiOf(await repr(a[0]))));
fn('format', async (a) => {
  argRange('format', a, 1, 2);
  const spec = a.length > 1 ? a[1] : '';
  if (typeof spec !== 'string') throw new PyError('TypeError', `format() argument 2 must be str, not ${typeOf(spec).name}`);
  return formatValue(a[0], spec);
});
fn('id', (a) => (exactlyOne('id', a), objectId(a[0])));
fn('hash', (a) => (exactlyOne('hash', a), hashValue(a[0])));
fn('callable', (a) => {
  exactlyOne('callable', a);
  const v = a[0];
  return v instanceof PyCallable || v instanceof PyType || typeOf(v).lookup('__call__') !== undefined;
});
/** isinstance/issubclass: synchronous unless a `__instancecheck__`/`__subclasscheck__` hook runs
 * (a user `__eq__` used by dict keys calls isinstance and must not wait, see dict.ts). */
function isInst(v: PyValue, t: PyValue, sub: boolean): boolean | Promise<boolean> {
  if (t instanceof PyTuple) return anyInst(v, t.items, 0, sub);
  if (!(t instanceof PyType)) {
    const hook = typeOf(t).lookup(sub ? '__subclasscheck__' : '__instancecheck__');
    if (hook instanceof PyCallable) return call(hook, [t, v]).then(truthy);
    throw new PyError('TypeError', `${sub ? 'issubclass' : 'isinstance'}() arg 2 must be a type, a tuple of types, or a union`);
  }
  const hook = t.cls.lookup(sub ? '__subclasscheck__' : '__instancecheck__');
  if (hook instanceof PyCallable) return call(hook, [t, v]).then(truthy);
  if (sub) {
    if (!(v instanceof PyType)) throw new PyError('TypeError', 'issubclass() arg 1 must be a class');
    return v.isSubtypeOf(t);
  }
  return typeOf(v).isSubtypeOf(t);
}
function anyInst(v: PyValue, ts: readonly PyValue[], i: number, sub: boolean): boolean | Promise<boolean> {
  for (; i < ts.length; i++) {
    const r = isInst(v, ts[i], sub);
    if (r instanceof Promise) return r.then((ok) => ok || anyInst(v, ts, i + 1, sub));
    if (r) return true;
  }
  return false;
}
fn('isinstance', (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `isinstance expected 2 arguments, got ${a.length}`);
  return isInst(a[0], a[1], false);
});
fn('issubclass', (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `issubclass expected 2 arguments, got ${a.length}`);
  return isInst(a[0], a[1], true);
});
fn('getattr', async (a) => {
  argRange('getattr', a, 2, 3);
  const name = a[1];
  if (typeof name !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(name).name}'`);
  if (a.length === 2) return loadAttrHook.load(a[0], name);
  try {
    const v = await getattrOrMissing(a[0], name);
    return v === MISSING ? a[2] : v;
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) return a[2];
    throw e;
  }
});
fn('hasattr', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `hasattr expected 2 arguments, got ${a.length}`);
  if (typeof a[1] !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(a[1]).name}'`);
  return hasattr(a[0], a[1]);
});
fn('setattr', async (a) => {
  if (a.length !== 3) throw new PyError('TypeError', `setattr expected 3 arguments, got ${a.length}`);
  if (typeof a[1] !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(a[1]).name}'`);
  await setattr(a[0], a[1], a[2]);
  return null;
});
fn('delattr', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `delattr expected 2 arguments, got ${a.length}`);
  await delattr(a[0], a[1] as string);
  return null;
});
