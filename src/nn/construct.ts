// Making module instances from TypeScript the way Python's `Cls(*args, **kwargs)` does: the
// class's native `create` slot makes a blank instance, then `__init__` runs through Python lookup
// (so a user subclass's __init__ and its super().__init__() chain apply). The interpreter does the
// same for script code; TS callers (bindings, tests, presets) use this.

import { typeError } from '../errors';
import { type KwArgs, PyBuiltinFunction, PyType, type PyValue, call, getattr } from '../python/object';
import { Module } from './module';

export async function construct(t: PyType, args: PyValue[] = [], kwargs: KwArgs = null): Promise<Module> {
  const create = t.slots.create;
  if (!create) throw typeError(`cannot create '${t.name}' instances`);
  const m = await create(t, args, kwargs);
  if (!(m instanceof Module)) throw typeError(`${t.name}() did not create an nn.Module`);
  await call(await getattr(m, '__init__'), args, kwargs);
  return m;
}

/** Define a Python-like subclass from TypeScript (tests, presets): methods are native functions. */
export function defineClass(
  name: string,
  base: PyType,
  methods: Record<string, (self: Module, args: PyValue[], kwargs: KwArgs) => PyValue | Promise<PyValue>>,
  module = '__main__',
): PyType {
  const dict = new Map<string, PyValue>();
  const t = new PyType(name, [base], dict, module);
  for (const [k, fn] of Object.entries(methods)) {
    dict.set(k, new NativeMethod(`${name}.${k}`, fn));
  }
  return t;
}

class NativeMethod extends PyBuiltinFunction {
  constructor(qualname: string, fn: (self: Module, args: PyValue[], kwargs: KwArgs) => PyValue | Promise<PyValue>) {
    super(qualname.slice(qualname.indexOf('.') + 1), (a, k) => fn(a[0] as Module, a.slice(1), k), qualname);
  }
}
