// `optimizer.state`: PyTorch keeps it in a `collections.defaultdict(dict)` keyed by parameter, so
// `opt.state[p]` on a parameter never stepped reads as a fresh empty dict (and stores it). This is
// that mapping, native: a PyDict inside, the mapping protocol on the type, and defaultdict's repr.

import { PyBuiltinFunction, PyDict, PyList, PyObject, PyTuple, call, makeType, type PyType, type PyValue } from '../../../object';
import { str } from '../../../builtins/repr';

export const DefaultDictType: PyType = makeType('defaultdict', [], 'collections');

export class DefaultDictObject extends PyObject {
  constructor(readonly d = new PyDict()) {
    super(DefaultDictType, null);
  }
  /** `state[p]`: the entry, created empty when missing. */
  at(k: PyValue): PyDict {
    let v = this.d.get(k);
    if (v === undefined) this.d.set(k, (v = new PyDict()));
    return v as PyDict;
  }
}

const m = (name: string, f: (o: DefaultDictObject, a: PyValue[]) => PyValue | Promise<PyValue>): void => {
  DefaultDictType.dict!.set(name, new PyBuiltinFunction(name, (a) => f(a[0] as DefaultDictObject, a.slice(1)), `defaultdict.${name}`));
};
m('__getitem__', (o, [k]) => o.at(k));
m('__setitem__', (o, [k, v]) => (o.d.set(k, v), null));
m('__delitem__', (o, [k]) => (o.d.delete(k), null));
m('__len__', (o) => o.d.size);
m('__contains__', (o, [k]) => o.d.has(k));
m('__iter__', async (o) => call((await import('../../../interp')).BUILTINS.get('iter')!, [new PyList([...o.d.keys()])]));
m('keys', (o) => new PyList([...o.d.keys()]));
m('values', (o) => new PyList([...o.d.values()]));
m('items', (o) => new PyList([...o.d.entries()].map(([k, v]) => new PyTuple([k, v]))));
m('get', (o, [k, dflt]) => o.d.get(k) ?? dflt ?? null);
m('__repr__', async (o) => `defaultdict(<class 'dict'>, ${await str(o.d)})`);
