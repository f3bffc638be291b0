// torch.return_types.*: the named tuples multi-output ops return (`x.max(dim=0)` is a
// `torch.return_types.max(values=..., indices=...)`), as tuple subclasses with field properties
// PyTorch's multi-line repr and plain-tuple indexing.

import { Builtins, type PyType, type PyValue, PyBuiltinFunction, PyTuple, makeType, nativeProperty } from '../../../object';
import { getitem } from '../../../builtins/ops';
import { repr } from '../../../builtins/repr';

const FIELDS: Record<string, readonly string[]> = {
  max: ['values', 'indices'],
  min: ['values', 'indices'],
  sort: ['values', 'indices'],
  topk: ['values', 'indices'],
  kthvalue: ['values', 'indices'],
  mode: ['values', 'indices'],
  median: ['values', 'indices'],
  aminmax: ['min', 'max'],
  var_mean: ['0', '1'],
  nanmedian: ['values', 'indices'],
  cummax: ['values', 'indices'],
  cummin: ['values', 'indices'],
  frexp: ['mantissa', 'exponent'],
  linalg_qr: ['Q', 'R'],
  linalg_slogdet: ['sign', 'logabsdet'],
  slogdet: ['sign', 'logabsdet'],
};
const types = new Map<string, PyType>();

function returnType(name: string): PyType {
  let t = types.get(name);
  if (t) return t;
  t = makeType(name, [Builtins.tuple], 'torch.return_types');
  const fields = FIELDS[name] ?? ['0', '1'];
  fields.forEach((f, i) => t!.dict!.set(f, nativeProperty(f, (v) => (v as PyTuple).items[i])));
  // Indexing as a plain tuple (ints, slices, CPython's messages). Set on the type itself because
  // tuple.__getitem__ reached through a subclass re-dispatches to the subclass's own lookup.
  t.dict!.set('__getitem__', new PyBuiltinFunction('__getitem__', (a) => getitem(new PyTuple((a[0] as PyTuple).items), a[1])));
  t.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
    const items = (a[0] as PyTuple).items;
    const parts: string[] = [];
    for (let i = 0; i < fields.length; i++) parts.push(`${fields[i]}=${await repr(items[i])}`);
    return `torch.return_types.${name}(\n${parts.join(',\n')})`;
  }));
  types.set(name, t);
  return t;
}

export const returnTuple = (name: string, items: PyValue[]): PyTuple => new PyTuple(items, returnType(name));
