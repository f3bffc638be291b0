// The `copy` module: copy() and deepcopy() with a memo (shared and cyclic references preserved),
// the `__copy__` / `__deepcopy__(memo)` hooks, and a registry through which engine objects
// (tensors, modules) supply their own copying without src/python depending on them.

import { PyError } from '../../errors';
import {
  type PyValue, PyBuiltinFunction, PyCallable, PyDict, PyFloat, PyList, PyModule, PyObject, PySet,
  PyTuple, PyType, call, instanceDict, typeOf,
} from '../object';
import { registerModule } from '../interp/modules';
import { objectId } from './repr';

export interface Copier {
  copy?(v: PyValue): PyValue | Promise<PyValue>;
  /** `deep(x)` deep-copies a nested value with the same memo. */
  deepcopy?(v: PyValue, deep: (x: PyValue) => Promise<PyValue>, memo: Map<unknown, PyValue>): PyValue | Promise<PyValue>;
}
const copiers: { test: (v: PyValue) => boolean; copier: Copier }[] = [];

/** Engine objects register how they copy: `registerCopier((v) => v instanceof Tensor, {...})`. */
export function registerCopier(test: (v: PyValue) => boolean, copier: Copier): void {
  copiers.push({ test, copier });
}

const atomic = (v: PyValue): boolean =>
  v === null || typeof v !== 'object' || v instanceof PyFloat || v instanceof PyType || v instanceof PyCallable || v instanceof PyModule;

export async function shallowCopy(v: PyValue): Promise<PyValue> {
  if (atomic(v)) return v;
  for (const c of copiers) if (c.copier.copy && c.test(v)) return c.copier.copy(v);
  if (v instanceof PyList) return new PyList(v.items.slice());
  if (v instanceof PyTuple) return v;
  if (v instanceof PyDict) {
    const d = PyDict.fromEntries(v.entries());
    d.cls = v.cls;
    return d;
  }
  if (v instanceof PySet) {
    const s = new PySet(v.values());
    s.frozen = v.frozen;
    return s;
  }
  const hook = typeOf(v).lookup('__copy__');
  if (hook instanceof PyCallable) return call(hook, [v]);
  return reconstruct(v, async (x) => x);
}

async function reconstruct(v: PyValue, each: (x: PyValue) => Promise<PyValue>, memo?: Map<unknown, PyValue>): Promise<PyValue> {
  if (!(v instanceof PyObject)) throw new PyError('TypeError', `cannot pickle '${typeOf(v).name}' object`);
  const o = new (v.constructor as new (cls: PyType, dict: Map<string, PyValue> | null) => PyObject)(v.cls, v.dict ? new Map() : null);
  memo?.set(v, o);
  Object.assign(o, Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'cls' && k !== 'dict')));
  const d = instanceDict(v);
  if (d && o.dict) for (const [k, x] of d) o.dict.set(k, await each(x));
  return o;
}

export async function deepCopy(v: PyValue, memo: Map<unknown, PyValue> = new Map()): Promise<PyValue> {
  if (atomic(v)) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  const deep = (x: PyValue) => deepCopy(x, memo);
  for (const c of copiers) {
    if (c.copier.deepcopy && c.test(v)) {
      const r = await c.copier.deepcopy(v, deep, memo);
      memo.set(v, r);
      return r;
    }
  }
  if (v instanceof PyList) {
    const out = new PyList();
    memo.set(v, out);
    for (const x of v.items) out.items.push(await deep(x));
    return out;
  }
  if (v instanceof PyTuple) {
    const items: PyValue[] = [];
    for (const x of v.items) items.push(await deep(x));
    const same = items.every((x, i) => x === v.items[i]);
    const out = same ? v : new PyTuple(items, v.cls);
    memo.set(v, out);
    return out;
  }
  if (v instanceof PyDict) {
    const out = new PyDict();
    out.cls = v.cls;
    memo.set(v, out);
    for (const [k, x] of v.entries()) out.set(await deep(k), await deep(x));
    return out;
  }
  if (v instanceof PySet) {
    const out = new PySet();
    out.frozen = v.frozen;
    memo.set(v, out);
    for (const x of v.values()) out.add(await deep(x));
    return out;
  }
  const hook = typeOf(v).lookup('__deepcopy__');
  if (hook instanceof PyCallable) {
    const pm = new PyDict();
    for (const [k, x] of memo) pm.set(objectId(k as PyValue), x);
    const r = await call(hook, [v, pm]);
    memo.set(v, r);
    return r;
  }
  return reconstruct(v, deep, memo);
}

function makeCopyModule(): PyModule {
  const m = new PyModule('copy');
  m.dict!.set('copy', new PyBuiltinFunction('copy', (a) => shallowCopy(a[0])));
  m.dict!.set('deepcopy', new PyBuiltinFunction('deepcopy', (a) => deepCopy(a[0])));
  return m;
}
registerModule('copy', makeCopyModule);
