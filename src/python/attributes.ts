// The attribute protocol of the Python object model (object.ts re-exports all of it): getattr
// with descriptors (properties, static/class methods, functions binding to their instance),
// a class's own lookup through its MRO then its metaclass, the native slots nn.Module uses
// (getattr/setattr/delattr), CPython's AttributeError texts with the lookup's name and object
// attached for the traceback's "Did you mean" hint, and setattr/delattr.

import { PyError, attributeError } from '../errors';
import {
  type MaybeP, type Missing, type PyValue, MISSING, PyBoundMethod, PyBuiltinFunction, PyCallable, PyClassMethod, PyDict, PyProperty,
  PyStaticMethod, PyTuple, PyType, call, callMaybe, instanceDict, typeOf,
} from './object';


const isDataDescriptor = (a: PyValue): boolean => a instanceof PyProperty;

/** Apply the descriptor protocol to a class attribute found for `obj` (an instance of `type`). */
export async function bindAttr(attr: PyValue, obj: PyValue): Promise<PyValue> {
  return bindAttrMaybe(attr, obj);
}

/** bindAttr, synchronous unless a Python property getter has to wait. */
export function bindAttrMaybe(attr: PyValue, obj: PyValue): MaybeP<PyValue> {
  if (attr instanceof PyCallable && !(attr instanceof PyBoundMethod) && !(attr instanceof PyType)) {
    return new PyBoundMethod(obj, attr);
  }
  if (attr instanceof PyProperty) {
    if (!attr.fget) throw attributeError(`property '${attr.name}' of '${typeOf(obj).name}' object has no getter`);
    return attr.fget.callMaybe([obj], null);
  }
  if (attr instanceof PyStaticMethod) return attr.func;
  if (attr instanceof PyClassMethod) return new PyBoundMethod(typeOf(obj), attr.func);
  return attr;
}

/** getattr that returns MISSING instead of raising AttributeError for an absent attribute.
 * Errors raised by properties or `__getattr__` propagate (an AttributeError from `__getattr__`
 * included — callers that implement hasattr must catch it). */
export async function getattrOrMissing(obj: PyValue, name: string): Promise<PyValue | Missing> {
  return getattrMaybe(obj, name);
}

/** getattrOrMissing, synchronous unless a property, slot or `__getattr__` has to wait. */
export function getattrMaybe(obj: PyValue, name: string): MaybeP<PyValue | Missing> {
  if (obj instanceof PyType) return typeGetattr(obj, name);
  const type = typeOf(obj);
  if (type.slots.getattribute) return type.slots.getattribute(obj, name);
  const attr = type.lookup(name);
  if (attr !== undefined && isDataDescriptor(attr)) return bindAttrMaybe(attr, obj);
  const d = instanceDict(obj);
  if (d !== null) {
    const v = d.get(name);
    if (v !== undefined || d.has(name)) return v as PyValue;
  }
  if (attr !== undefined) return bindAttrMaybe(attr, obj);
  if (type.slots.getattr) return type.slots.getattr(obj, name);
  const ga = type.lookup('__getattr__');
  if (ga instanceof PyCallable) return ga.callMaybe([obj, name], null);
  return MISSING;
}

/** Attribute lookup on a class object: the class's MRO first, then the metaclass. */
function typeGetattr(t: PyType, name: string): MaybeP<PyValue | Missing> {
  // a class's own annotations, never a base's; {} (kept) when its body had none — CPython 3.10+
  if (name === '__annotations__' && t.dict !== null && t.module !== 'builtins') {
    const own = t.dict.get('__annotations__');
    if (own !== undefined) return own;
    const d = new PyDict();
    t.dict.set('__annotations__', d);
    return d;
  }
  const attr = t.lookup(name);
  if (attr !== undefined) {
    if (attr instanceof PyStaticMethod) return attr.func;
    if (attr instanceof PyClassMethod) return new PyBoundMethod(t, attr.func);
    return attr;
  }
  switch (name) {
    case '__name__':
      return t.name;
    case '__qualname__':
      return t.qualname;
    case '__module__':
      return t.module;
    case '__mro__':
      return new PyTuple(t.mro);
    case '__bases__':
      return new PyTuple(t.bases);
    case '__base__':
      return t.bases[0] ?? null;
  }
  const meta = t.cls;
  if (meta && meta !== t) {
    const m = meta.lookup(name);
    if (m !== undefined) return bindAttrMaybe(m, t);
  }
  return MISSING;
}

export function noAttributeMessage(obj: PyValue, name: string): string {
  if (obj instanceof PyType) return `type object '${obj.name}' has no attribute '${name}'`;
  return `'${typeOf(obj).name}' object has no attribute '${name}'`;
}

/** The AttributeError for `name` missing on `obj`, carrying them as CPython's `.name` / `.obj`
 * (the traceback's "Did you mean" hint reads them). */
export function noAttributeError(obj: PyValue, name: string, message = noAttributeMessage(obj, name)): PyError {
  const e = new PyError('AttributeError', message);
  e.hint = { kind: 'attribute', name, obj, inOwnMethod: hasOwnGetattr(obj) };
  return e;
}

/** An error escaped the lookup of `name` on `obj` (from a property, `__getattr__`, a native
 * slot): an AttributeError without name/obj gets them, as every CPython attribute lookup does. */
export function noteFailedLookup(e: unknown, obj: PyValue, name: string): unknown {
  if (e instanceof PyError) e.noteAttributeLookup(obj, name, hasOwnGetattr(obj));
  return e;
}

/** Whether `obj`'s class defines `__getattr__`: then a failed lookup ends inside that method —
 * in PyTorch a Python method (nn.Module.__getattr__), so CPython's innermost frame has `self` =
 * obj even where ours is native code. (A user's Python `__getattr__` has a real frame anyway.) */
function hasOwnGetattr(obj: PyValue): boolean {
  return !(obj instanceof PyType) && typeOf(obj).lookup('__getattr__') !== undefined;
}

export async function getattr(obj: PyValue, name: string): Promise<PyValue> {
  let v: PyValue | Missing;
  try {
    v = await getattrOrMissing(obj, name);
  } catch (e) {
    throw noteFailedLookup(e, obj, name);
  }
  if (v === MISSING) throw noAttributeError(obj, name);
  return v;
}

/** Python's hasattr: true unless lookup raises AttributeError or finds nothing. */
export async function hasattr(obj: PyValue, name: string): Promise<boolean> {
  try {
    return (await getattrOrMissing(obj, name)) !== MISSING;
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) return false;
    throw e;
  }
}

/** Generic object.__setattr__: data descriptors first, then the instance dict. */
export async function genericSetattr(obj: PyValue, name: string, value: PyValue): Promise<void> {
  await genericSetattrMaybe(obj, name, value);
}

function genericSetattrMaybe(obj: PyValue, name: string, value: PyValue): MaybeP<unknown> {
  const type = typeOf(obj);
  const attr = type.lookup(name);
  if (attr instanceof PyProperty) {
    if (!attr.fset) throw attributeError(`property '${attr.name || name}' of '${type.name}' object has no setter`);
    return attr.fset.callMaybe([obj, value], null);
  }
  const d = instanceDict(obj);
  if (d === null) {
    throw attributeError(`'${type.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
  }
  d.set(name, value);
}

export async function setattr(obj: PyValue, name: string, value: PyValue): Promise<void> {
  await setattrMaybe(obj, name, value);
}

/** setattr, synchronous unless a Python `__setattr__`, setter or slot has to wait. */
export function setattrMaybe(obj: PyValue, name: string, value: PyValue): MaybeP<unknown> {
  if (obj instanceof PyType) {
    obj.dict!.set(name, value);
    return;
  }
  const type = typeOf(obj);
  const user = type.lookup('__setattr__');
  if (user instanceof PyCallable && !(user instanceof PyBuiltinFunction)) return user.callMaybe([obj, name, value], null);
  if (type.slots.setattr) return type.slots.setattr(obj, name, value);
  return genericSetattrMaybe(obj, name, value);
}

export async function genericDelattr(obj: PyValue, name: string): Promise<void> {
  const type = typeOf(obj);
  const attr = type.lookup(name);
  if (attr instanceof PyProperty) {
    if (!attr.fdel) throw attributeError(`property '${attr.name || name}' of '${type.name}' object has no deleter`);
    await attr.fdel.call([obj], null);
    return;
  }
  const d = instanceDict(obj);
  if (d === null || !d.delete(name)) throw attributeError(noAttributeMessage(obj, name));
}

export async function delattr(obj: PyValue, name: string): Promise<void> {
  if (obj instanceof PyType) {
    if (!obj.dict!.delete(name)) throw attributeError(noAttributeMessage(obj, name));
    return;
  }
  const type = typeOf(obj);
  const user = type.lookup('__delattr__');
  if (user instanceof PyCallable && !(user instanceof PyBuiltinFunction)) {
    await user.call([obj, name], null);
    return;
  }
  if (type.slots.delattr) return type.slots.delattr(obj, name);
  return genericDelattr(obj, name);
}

