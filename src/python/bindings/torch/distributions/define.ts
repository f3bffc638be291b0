// How one distribution class is declared: its Python name and module, the base it extends, class
// attributes (`arg_constraints`, `support`, `has_rsample`, ...), `__init__`, properties, lazy
// properties and methods, each method with its Python signature (bound with CPython's argument
// rules). Every distribution file is one or two of these; the methods are written against ops.ts
// so they run PyTorch's op sequence.

import { PyBuiltinFunction, PyDict, makeType, nativeProperty, type PyObject, type PyType, type PyValue } from '../../../object';
import { binder } from '../../args';
import { DistributionType, lazyProperty } from './distribution';
import type { V } from './ops';

export type Method = (self: V, args: V[]) => Promise<V>;

export interface DistSpec {
  name: string;
  /** The class's `__module__`, e.g. 'torch.distributions.normal'. */
  module: string;
  base?: PyType;
  attrs?: Record<string, PyValue>;
  /** Keyed by the Python signature: `'log_prob(self, value)'`. `__init__` returns None. */
  methods?: Record<string, Method>;
  props?: Record<string, (self: V) => Promise<V>>;
  lazy?: Record<string, (self: PyObject) => Promise<V>>;
}

export function defineDistribution(spec: DistSpec): PyType {
  const t = makeType(spec.name, [spec.base ?? DistributionType], spec.module);
  const d = t.dict!;
  for (const [k, v] of Object.entries(spec.attrs ?? {})) d.set(k, v);
  for (const [sig, fn] of Object.entries(spec.methods ?? {})) {
    const bind = binder(sig);
    const name = sig.slice(0, sig.indexOf('('));
    d.set(name, new PyBuiltinFunction(name, async (a, kw) => {
      const values = bind(a, kw).values;
      return fn(values[0], values.slice(1));
    }, `${spec.name}.${name}`));
  }
  for (const [k, get] of Object.entries(spec.props ?? {})) d.set(k, nativeProperty(k, get));
  for (const [k, get] of Object.entries(spec.lazy ?? {})) lazyProperty(t, k, get);
  return t;
}

/** `{'loc': constraints.real, ...}` in the given order. */
export const constraintDict = (entries: Record<string, PyValue>): PyDict => PyDict.fromEntries(Object.entries(entries));
