// Classes at run time: building a class from its executed body (`class C(B): ...` and 3-arg
// type()), calling a class (object creation through the nearest native `create` slot or a user
// `__new__`, then `__init__`, with CPython's "takes no arguments" rule), `super` objects, and the
// descriptor types staticmethod / classmethod / property as Python-callable builtins.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, MISSING, ObjectType, PyBuiltinFunction, PyCallable, PyClassMethod,
  PyObject, PyProperty, PyDict, PyBoundMethod, PyStaticMethod, PyTuple, PyType, TypeType, bindAttr, call, makeType,
  runtimeHooks, typeOf, ClassMethodType, PropertyType, StaticMethodType, nativeProperty,
} from '../object';
import { objectInit } from '../builtins/singletons';
import { PyFunction } from './function';

/** Build a class object from its namespace (after the body ran). */
export async function makeClass(name: string, qualname: string, bases: PyValue[], ns: Map<string, PyValue>, kw: Map<string, PyValue>): Promise<PyType> {
  const bs: PyType[] = [];
  for (const b of bases) {
    if (!(b instanceof PyType)) {
      const mro = typeOf(b).lookup('__mro_entries__');
      if (mro) throw new PyError('TypeError', 'base classes with __mro_entries__ are not supported');
      throw new PyError('TypeError', `bases must be types`);
    }
    bs.push(b);
  }
  const meta = kw.get('metaclass');
  const modName = ns.get('__module__');
  ns.delete('__qualname__');
  // A class that defines __eq__ but not __hash__ gets __hash__ = None: its instances are unhashable.
  if (ns.has('__eq__') && !ns.has('__hash__')) ns.set('__hash__', null);
  // __init_subclass__/metaclass keywords other than metaclass are accepted and ignored.
  const metaclass = meta instanceof PyType ? meta : bs.length ? (bs.map((b) => b.cls).find((m) => m !== TypeType) ?? TypeType) : TypeType;
  const t = new PyType(name, bs.length ? bs : [ObjectType], ns, typeof modName === 'string' ? modName : '__main__', qualname, metaclass);
  // functions defined in the body: __set_name__ on descriptors that want it
  for (const [k, v] of ns) {
    const sn = v !== null && typeof v === 'object' && !(v instanceof PyType) ? typeOf(v).lookup('__set_name__') : undefined;
    if (sn instanceof PyCallable && !(v instanceof PyFunction)) await call(sn, [v, t, k]);
  }
  return t;
}

// ---- calling a class ----------------------------------------------------------------------------

export const objectNew = new PyStaticMethod(new PyBuiltinFunction('__new__', async (a) => {
  const cls = a[0];
  if (!(cls instanceof PyType)) throw new PyError('TypeError', `object.__new__(X): X is not a type object (${typeOf(cls).name})`);
  return cls.slots.create ? cls.slots.create(cls, a.slice(1), null) : new PyObject(cls);
}, 'object.__new__'));
ObjectType.dict!.set('__new__', objectNew);

async function callType(t: PyType, args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
  if (t === TypeType) {
    if (args.length === 1 && (kwargs === null || kwargs.size === 0)) return typeOf(args[0]);
    if (args.length === 3) {
      const [name, bases, dict] = args;
      if (typeof name !== 'string' || !(bases instanceof PyTuple) || !(dict instanceof PyDict)) {
        throw new PyError('TypeError', 'type() argument 1 must be str, not ' + typeOf(name).name);
      }
      const ns = new Map<string, PyValue>();
      for (const [k, v] of dict.entries()) ns.set(k as string, v);
      if (!ns.has('__module__')) ns.set('__module__', '__main__');
      return makeClass(name, name, [...bases.items], ns, new Map());
    }
    throw new PyError('TypeError', 'type() takes 1 or 3 arguments');
  }
  const newAttr = t.lookup('__new__');
  let obj: PyValue;
  const userNew = newAttr !== undefined && newAttr !== objectNew;
  if (userNew) {
    const fn = newAttr instanceof PyStaticMethod ? newAttr.func : newAttr;
    obj = await call(fn, [t, ...args], kwargs);
  } else if (t.slots.create) {
    obj = await t.slots.create(t, args, kwargs);
  } else {
    obj = new PyObject(t);
  }
  if (!typeOf(obj).isSubtypeOf(t)) return obj;
  const init = t.lookup('__init__');
  if (init === objectInit || init === undefined) {
    if ((args.length > 0 || (kwargs !== null && kwargs.size > 0)) && !userNew && !t.slots.create) {
      throw new PyError('TypeError', `${t.name}() takes no arguments`);
    }
    return obj;
  }
  const r = await call(await bindAttr(init, obj), args, kwargs);
  if (r !== null) throw new PyError('TypeError', `__init__() should return None, not '${typeOf(r).name}'`);
  return obj;
}
runtimeHooks.callType = callType;

// ---- super ----------------------------------------------------------------------------------

export const SuperType = makeType('super');
export class PySuper extends PyObject {
  constructor(readonly thisType: PyType, readonly obj: PyValue) {
    super(SuperType, null);
  }
}
SuperType.slots.create = (_cls, args) => {
  if (args.length === 0) throw new PyError('RuntimeError', 'super(): no arguments');
  const t = args[0];
  if (!(t instanceof PyType)) throw new PyError('TypeError', `super() argument 1 must be a type, not ${typeOf(t).name}`);
  const obj = args.length > 1 ? args[1] : null;
  if (args.length > 1) {
    const ok = obj instanceof PyType ? obj.isSubtypeOf(t) : typeOf(obj).isSubtypeOf(t);
    if (!ok) throw new PyError('TypeError', 'super(type, obj): obj must be an instance or subtype of type');
  }
  return new PySuper(t, obj);
};
SuperType.slots.getattribute = async (s, name) => {
  const sp = s as PySuper;
  if (name === '__class__') return SuperType;
  const start = sp.obj instanceof PyType ? sp.obj : typeOf(sp.obj);
  const mro = start.mro;
  const i = mro.indexOf(sp.thisType);
  for (let k = i + 1; k < mro.length; k++) {
    const d = mro[k].dict!;
    if (!d.has(name)) continue;
    const attr = d.get(name)!;
    if (sp.obj instanceof PyType) {
      if (attr instanceof PyClassMethod) return new PyBoundMethod(sp.obj, attr.func);
      if (attr instanceof PyStaticMethod) return attr.func;
      if (name === '__new__') return attr;
      return attr;
    }
    if (attr instanceof PyClassMethod) return new PyBoundMethod(start, attr.func);
    return bindAttr(attr, sp.obj);
  }
  return MISSING;
};
SuperType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', (a) => {
  const sp = a[0] as PySuper;
  return `<super: <class '${sp.thisType.name}'>, <${typeOf(sp.obj).name} object>>`;
}));

// ---- staticmethod / classmethod / property as callables -----------------------------------------

StaticMethodType.slots.create = (_c, a) => new PyStaticMethod(a[0]);
ClassMethodType.slots.create = (_c, a) => {
  if (!(a[0] instanceof PyCallable)) throw new PyError('TypeError', `'${typeOf(a[0]).name}' object is not callable`);
  return new PyClassMethod(a[0]);
};
StaticMethodType.dict!.set('__func__', nativeProperty('__func__', (v) => (v as PyStaticMethod).func));
ClassMethodType.dict!.set('__func__', nativeProperty('__func__', (v) => (v as PyClassMethod).func));

function asFn(v: PyValue | undefined): PyCallable | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyCallable) return v;
  // any callable object: wrap
  return new PyBuiltinFunction('fn', (a, k) => call(v, a, k));
}
function propName(f: PyCallable | null): string {
  return f ? f.name : '';
}
PropertyType.slots.create = (_c, a, kw) => {
  const fget = asFn(a[0] ?? kw?.get('fget'));
  const fset = asFn(a[1] ?? kw?.get('fset'));
  const fdel = asFn(a[2] ?? kw?.get('fdel'));
  return new PyProperty(fget, fset, fdel, propName(fget));
};
const pd = PropertyType.dict!;
// CPython 3.13 names a property after the attribute it is bound to (messages like
// "property 'x' of 'A' object has no setter"), even one built from a lambda.
pd.set('__set_name__', new PyBuiltinFunction('__set_name__', (a) => {
  (a[0] as PyProperty).name = String(a[2]);
  return null;
}, 'property.__set_name__'));
pd.set('setter', new PyBuiltinFunction('setter', (a) => {
  const p = a[0] as PyProperty;
  return new PyProperty(p.fget, asFn(a[1]), p.fdel, p.name);
}, 'property.setter'));
pd.set('deleter', new PyBuiltinFunction('deleter', (a) => {
  const p = a[0] as PyProperty;
  return new PyProperty(p.fget, p.fset, asFn(a[1]), p.name);
}, 'property.deleter'));
pd.set('getter', new PyBuiltinFunction('getter', (a) => {
  const p = a[0] as PyProperty;
  return new PyProperty(asFn(a[1]), p.fset, p.fdel, p.name);
}, 'property.getter'));
pd.set('fget', nativeProperty('fget', (v) => (v as PyProperty).fget));
