// torch.utils.data.dataset: the map-style and iterable dataset classes — Dataset (the base users
// subclass with __getitem__/__len__; `a + b` makes a ConcatDataset), IterableDataset (abstract
// __iter__; `a + b` makes a ChainDataset), TensorDataset, ConcatDataset, ChainDataset, Subset and
// StackDataset. Each method transcribes PyTorch 2.6's Python (torch/utils/data/dataset.py) onto the
// interpreter's protocols: attributes live in the instance dict (`ds.tensors`, `subset.indices`,
// `cat.cumulative_sizes` are the script's own objects), and len/indexing go through the dunders, so
// a user subclass overriding any of them is honoured. random_split lives in split.ts.

import { PyError } from '../../../errors';
import {
  type PyValue, MISSING, PyBuiltinFunction, PyDict, PyList, PyObject, PyStaticMethod, PyTuple, call, callMethod, isinstance, makeType,
  setattr,
} from '../../object';
import { isCallable } from '../../stdlib/native';
import { getitem, lenOf, lessThan, truthy, eq, unaryOp, binop } from '../../builtins/ops';
import { getIter, toArray } from '../../builtins/iter';
import { attrOrNone, builtin, def, genericAlias, getattr, pyGenerator } from './py';

const MODULE = 'torch.utils.data.dataset';
const assert = (ok: boolean, msg: string): void => {
  if (!ok) throw new PyError('AssertionError', msg);
};

export const DatasetType = makeType('Dataset', [], MODULE);
export const IterableDatasetType = makeType('IterableDataset', [DatasetType], MODULE);
export const TensorDatasetType = makeType('TensorDataset', [DatasetType], MODULE);
export const StackDatasetType = makeType('StackDataset', [DatasetType], MODULE);
export const ConcatDatasetType = makeType('ConcatDataset', [DatasetType], MODULE);
export const ChainDatasetType = makeType('ChainDataset', [IterableDatasetType], MODULE);
export const SubsetType = makeType('Subset', [DatasetType], MODULE);
for (const t of [DatasetType, IterableDatasetType, TensorDatasetType, StackDatasetType, ConcatDatasetType, ChainDatasetType, SubsetType]) genericAlias(t);

// ---- Dataset / IterableDataset ------------------------------------------------------------------

def(DatasetType, '__getitem__', '(index)', () => {
  throw new PyError('NotImplementedError', 'Subclasses of Dataset should implement __getitem__.');
});
def(DatasetType, '__add__', '(other)', (self, [other]) => call(ConcatDatasetType, [new PyList([self, other])]));

// IterableDataset derives from typing.Iterable (an ABC): without __iter__ it cannot be instantiated.
IterableDatasetType.slots.create = (cls) => {
  if (cls.lookup('__iter__') === undefined)
    throw new PyError('TypeError', `Can't instantiate abstract class ${cls.name} without an implementation for abstract method '__iter__'`);
  return new PyObject(cls);
};
def(IterableDatasetType, '__add__', '(other)', (self, [other]) => call(ChainDatasetType, [new PyList([self, other])]));

// ---- TensorDataset ------------------------------------------------------------------------------

def(TensorDatasetType, '__init__', '(*tensors)', async (self, _v, tensors) => {
  // assert all(tensors[0].size(0) == tensor.size(0) for tensor in tensors)
  for (const t of tensors) {
    const first = await callMethod(tensors[0], 'size', [0]);
    if (!(await truthy(await eq(first, await callMethod(t, 'size', [0]))))) assert(false, 'Size mismatch between tensors');
  }
  await setattr(self, 'tensors', new PyTuple(tensors));
  return null;
});
def(TensorDatasetType, '__getitem__', '(index)', async (self, [index]) => {
  const out: PyValue[] = [];
  for (const t of await toArray(await getattr(self, 'tensors'))) out.push(await getitem(t, index));
  return new PyTuple(out);
});
def(TensorDatasetType, '__len__', '()', async (self) => callMethod(await getitem(await getattr(self, 'tensors'), 0), 'size', [0]));

// ---- StackDataset -------------------------------------------------------------------------------

def(StackDatasetType, '__init__', '(*args, **kwargs)', async (self, _v, args, kwargs) => {
  let datasets: PyValue[];
  if (args.length) {
    if (kwargs.size)
      throw new PyError('ValueError', 'Supported either ``tuple``- (via ``args``) or``dict``- (via ``kwargs``) like input/output, but both types are given.');
    datasets = args;
  } else if (kwargs.size) datasets = [...kwargs.values()];
  else throw new PyError('ValueError', 'At least one dataset should be passed');
  const length = await lenOf(datasets[0]);
  for (const d of datasets) if ((await lenOf(d)) !== length) throw new PyError('ValueError', 'Size mismatch between datasets');
  await setattr(self, '_length', length);
  await setattr(self, 'datasets', args.length ? new PyTuple(args) : PyDict.fromEntries([...kwargs]));
  return null;
});
def(StackDatasetType, '__getitem__', '(index)', async (self, [index]) => {
  const ds = await getattr(self, 'datasets');
  if (ds instanceof PyDict) {
    const out = new PyDict();
    for (const [k, d] of ds.entries()) out.set(k, await getitem(d, index));
    return out;
  }
  const out: PyValue[] = [];
  for (const d of await toArray(ds)) out.push(await getitem(d, index));
  return new PyTuple(out);
});

/** `dataset.__getitems__(indices)` when the dataset has a callable one, checked against the
 * batch size; else `[dataset[i] for i in indices]`. */
async function nestedItems(dataset: PyValue, indices: PyValue): Promise<PyValue[]> {
  const gi = await attrOrNone(dataset, '__getitems__');
  const idx = await toArray(indices);
  if (gi !== null && isCallable(gi)) {
    const items = await call(gi, [indices]);
    const n = await lenOf(items);
    if (n !== idx.length) throw new PyError('ValueError', `Nested dataset's output size mismatch. Expected ${idx.length}, got ${n}`);
    return toArray(items);
  }
  const out: PyValue[] = [];
  for (const i of idx) out.push(await getitem(dataset, i));
  return out;
}

def(StackDatasetType, '__getitems__', '(indices)', async (self, [indices]) => {
  const ds = await getattr(self, 'datasets');
  const n = await lenOf(indices);
  if (ds instanceof PyDict) {
    const batch = Array.from({ length: n }, () => new PyDict());
    for (const [k, d] of ds.entries()) (await nestedItems(d, indices)).forEach((x, i) => batch[i].set(k, x));
    return new PyList(batch);
  }
  const batch: PyValue[][] = Array.from({ length: n }, () => []);
  for (const d of await toArray(ds)) (await nestedItems(d, indices)).forEach((x, i) => batch[i].push(x));
  return new PyList(batch.map((b) => new PyTuple(b)));
});
def(StackDatasetType, '__len__', '()', (self) => getattr(self, '_length'));

// ---- ConcatDataset ------------------------------------------------------------------------------

/** ConcatDataset.cumsum: running totals of len(e). */
async function cumsum(sequence: PyValue): Promise<PyList> {
  const r: PyValue[] = [];
  let s: PyValue = 0;
  for (const e of await toArray(sequence)) {
    s = await binop('Add', await lenOf(e), s);
    r.push(s);
  }
  return new PyList(r);
}
ConcatDatasetType.dict!.set('cumsum', new PyStaticMethod(new PyBuiltinFunction('cumsum', (a) => cumsum(a[0]), 'ConcatDataset.cumsum')));

def(ConcatDatasetType, '__init__', '(datasets)', async (self, [datasets]) => {
  const list = (await call(builtin('list'), [datasets])) as PyList;
  await setattr(self, 'datasets', list);
  assert(list.items.length > 0, 'datasets should not be an empty iterable');
  for (const d of list.items) assert(!isinstance(d, IterableDatasetType), 'ConcatDataset does not support IterableDataset');
  await setattr(self, 'cumulative_sizes', await callMethod(self, 'cumsum', [list]));
  return null;
});
def(ConcatDatasetType, '__len__', '()', async (self) => getitem(await getattr(self, 'cumulative_sizes'), -1));
def(ConcatDatasetType, '__getitem__', '(idx)', async (self, [idx0]) => {
  let idx = idx0;
  if (await lessThan(idx, 0)) {
    if (await lessThan(await lenOf(self), await unaryOp('USub', idx)))
      throw new PyError('ValueError', 'absolute value of index should not exceed dataset length');
    idx = await binop('Add', await lenOf(self), idx);
  }
  const sizes = await getattr(self, 'cumulative_sizes');
  // bisect.bisect_right(sizes, idx)
  const a = await toArray(sizes);
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await lessThan(idx, a[mid])) hi = mid;
    else lo = mid + 1;
  }
  const sample = lo === 0 ? idx : await binop('Sub', idx, await getitem(sizes, lo - 1));
  return getitem(await getitem(await getattr(self, 'datasets'), lo), sample);
});

// ---- ChainDataset -------------------------------------------------------------------------------

def(ChainDatasetType, '__init__', '(datasets)', async (self, [datasets]) => {
  await setattr(self, 'datasets', datasets);
  return null;
});
const chainOnly = (d: PyValue): void => assert(isinstance(d, IterableDatasetType), 'ChainDataset only supports IterableDataset');
def(ChainDatasetType, '__iter__', '()', (self) =>
  pyGenerator(async function* () {
    const outer = await getIter(await getattr(self, 'datasets'));
    for (let d = await outer.next(); d !== MISSING; d = await outer.next()) {
      chainOnly(d);
      const inner = await getIter(d);
      for (let x = await inner.next(); x !== MISSING; x = await inner.next()) yield x;
    }
  }),
);
def(ChainDatasetType, '__len__', '()', async (self) => {
  let total: PyValue = 0;
  for (const d of await toArray(await getattr(self, 'datasets'))) {
    chainOnly(d);
    total = await binop('Add', total, await lenOf(d));
  }
  return total;
});

// ---- Subset -------------------------------------------------------------------------------------

def(SubsetType, '__init__', '(dataset, indices)', async (self, [dataset, indices]) => {
  await setattr(self, 'dataset', dataset);
  await setattr(self, 'indices', indices);
  return null;
});
def(SubsetType, '__getitem__', '(idx)', async (self, [idx]) => {
  const dataset = await getattr(self, 'dataset');
  const indices = await getattr(self, 'indices');
  if (idx instanceof PyList) {
    const picked: PyValue[] = [];
    for (const i of idx.items) picked.push(await getitem(indices, i));
    return getitem(dataset, new PyList(picked));
  }
  return getitem(dataset, await getitem(indices, idx));
});
def(SubsetType, '__getitems__', '(indices)', async (self, [wanted]) => {
  const dataset = await getattr(self, 'dataset');
  const gi = await attrOrNone(dataset, '__getitems__');
  const indices = await getattr(self, 'indices');
  const picked: PyValue[] = [];
  for (const i of await toArray(wanted)) picked.push(await getitem(indices, i));
  if (gi !== null && isCallable(gi)) return call(gi, [new PyList(picked)]);
  const out: PyValue[] = [];
  for (const i of picked) out.push(await getitem(dataset, i));
  return new PyList(out);
});
def(SubsetType, '__len__', '()', async (self) => lenOf(await getattr(self, 'indices')));
