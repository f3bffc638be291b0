// torch.Size: a tuple subclass (PyTuple with cls = SizeType) whose repr is `torch.Size([2, 3])`,
// with numel(), and whose slicing and `+` keep the Size type, as PyTorch's C implementation does.
// Everything else (len, iteration, unpacking, ==, hashing) is the builtin tuple's.

import { PyError } from '../../../../errors';
import { Builtins, type PyValue, PyBuiltinFunction, PyList, PySlice, PyTuple, makeType, typeOf } from '../../../object';
import { toArray } from '../../../builtins/iter';
import { setTpName } from '../tpname';
import { Tensor } from '../../../../tensor';

export const SizeType = makeType('Size', [Builtins.tuple], 'torch');
setTpName(SizeType, 'torch.Size');

export const makeSize = (shape: readonly number[]): PyTuple => new PyTuple(shape.slice(), SizeType);

const items = (v: PyValue): readonly PyValue[] => (v as PyTuple).items;
const repr = (v: PyValue): string => `torch.Size([${items(v).map(String).join(', ')}])`;

const d = SizeType.dict!;
d.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => repr(a[0]), 'Size.__repr__'), { syncRepr: repr }));
d.set('__str__', new PyBuiltinFunction('__str__', (a) => repr(a[0]), 'Size.__str__'));
d.set('numel', new PyBuiltinFunction('numel', (a) => items(a[0]).reduce<number>((p, x) => p * Number(x), 1), 'Size.numel'));
d.set('__add__', new PyBuiltinFunction('__add__', (a) => {
  const o = a[1];
  if (!(o instanceof PyTuple)) {
    throw new PyError('TypeError', `can only concatenate tuple (not "${typeOf(o).name}") to tuple`);
  }
  return new PyTuple([...items(a[0]), ...o.items], SizeType);
}, 'Size.__add__'));
d.set('__getitem__', new PyBuiltinFunction('__getitem__', (a) => {
  const it = items(a[0]);
  const k = a[1];
  if (k instanceof PySlice) {
    const n = it.length;
    const step = k.step === null ? 1 : Number(k.step);
    const norm = (x: PyValue, dflt: number): number => {
      if (x === null) return dflt;
      let v = Number(x);
      if (v < 0) v += n;
      return step > 0 ? Math.min(Math.max(v, 0), n) : Math.min(Math.max(v, -1), n - 1);
    };
    const start = norm(k.start, step > 0 ? 0 : n - 1);
    const stop = norm(k.stop, step > 0 ? n : -1);
    const out: PyValue[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(it[i]);
    return new PyTuple(out, SizeType);
  }
  if (typeof k !== 'number' && typeof k !== 'boolean') {
    throw new PyError('TypeError', `tuple indices must be integers or slices, not ${typeOf(k).name}`);
  }
  let i = Number(k);
  if (i < 0) i += it.length;
  if (i < 0 || i >= it.length) throw new PyError('IndexError', 'tuple index out of range');
  return it[i];
}, 'Size.__getitem__'));
SizeType.slots.create = async (_cls, args) => {
  const src = args[0] ?? new PyTuple([]);
  const vals = src instanceof PyList || src instanceof PyTuple ? src.items : await toArray(src);
  const out: PyValue[] = vals.map((x, i) => {
    if (typeof x === 'number' || typeof x === 'bigint') return x;
    if (x instanceof Tensor && x.numel() === 1) return Number(x.item());
    throw new PyError('TypeError', `torch.Size() takes an iterable of 'int' (item ${i} is '${typeOf(x).name}')`);
  });
  return new PyTuple(out, SizeType);
};
