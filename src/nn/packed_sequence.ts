// torch.nn.utils.rnn.PackedSequence: the object the pack functions return and RNN/LSTM/GRU accept
// and return. In PyTorch it is a NamedTuple `PackedSequence_(data, batch_sizes, sorted_indices,
// unsorted_indices)` subclassed by `PackedSequence`, whose `__new__` fills `unsorted_indices` as the
// inverse of `sorted_indices`. Here both classes are tuple subclasses (a PyTuple whose `cls` names
// the class, like torch.Size), so unpacking, len, indexing, == and the dump's "tuple" encoding are
// the tuple ones; the namedtuple face (field properties, `_fields`, the `Name(field=value, ...)`
// repr, `_asdict`, `_replace`) is defined on PackedSequence_. The layers (layers/rnn_packed.ts) only
// need `isPackedSequence` and `packedSequence`; the Python methods (`to`, `double`, ..., `is_cuda`)
// are added by the bindings (python/bindings/nn/packed_methods.ts), which reach the torch module.

import { PyError, typeError } from '../errors';
import { pyRepr } from './pyproto';
import { seqIndex, sliceArray } from '../python/builtins/slice';
import { bindArgs, parseSignature } from '../python/bindings/args';
import {
  Builtins, PyBuiltinFunction, PyDict, PyList, PySlice, PyTuple, type PyType, type PyValue, isinstance, makeType, nativeProperty, typeOf,
} from '../python/object';
import { toDevice } from '../tensor/ops/copy';
import { Storage } from '../tensor/storage';
import { Tensor } from '../tensor/tensor';

const MODULE = 'torch.nn.utils.rnn';
const FIELDS = ['data', 'batch_sizes', 'sorted_indices', 'unsorted_indices'] as const;

export const PackedSequenceBaseType: PyType = makeType('PackedSequence_', [Builtins.tuple], MODULE);
export const PackedSequenceType: PyType = makeType('PackedSequence', [PackedSequenceBaseType], MODULE);

const fn = (t: PyType, name: string, f: (self: PyTuple, a: PyValue[], kw: Map<string, PyValue> | null) => PyValue | Promise<PyValue>): void => {
  t.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => f(a[0] as PyTuple, a.slice(1), kw), `${t.name}.${name}`));
};

// ---- the NamedTuple face (PackedSequence_) -----------------------------------------------------

const B = PackedSequenceBaseType;
FIELDS.forEach((f, i) => B.dict!.set(f, nativeProperty(f, (s) => (s as PyTuple).items[i])));
B.dict!.set('_fields', new PyTuple([...FIELDS]));
B.dict!.set('_field_defaults', new PyDict());
const baseSig = parseSignature('PackedSequence_.__new__(_cls, data, batch_sizes, sorted_indices, unsorted_indices)');
B.slots.create = (cls, a, kw) => new PyTuple(bindArgs(baseSig, [cls, ...a], kw).values.slice(1), cls);
fn(B, '__init__', () => null);
fn(B, '__getitem__', (t, [k]) => (k instanceof PySlice ? new PyTuple(sliceArray(t.items, k)) : t.items[seqIndex(k, t.items.length, 'tuple', 'tuple')]));
fn(B, '__repr__', async (t) => {
  const parts: string[] = [];
  for (let i = 0; i < FIELDS.length; i++) parts.push(`${FIELDS[i]}=${await pyRepr(t.items[i])}`);
  return `${typeOf(t).name}(${parts.join(', ')})`;
});
fn(B, '_asdict', (t) => PyDict.fromEntries(FIELDS.map((f, i) => [f, t.items[i]])));
fn(B, '_replace', (t, _a, kw) => {
  const items = t.items.slice();
  for (const [k, v] of kw ?? []) {
    const i = (FIELDS as readonly string[]).indexOf(k);
    if (i < 0) throw new PyError('ValueError', `Got unexpected field names: ['${k}']`);
    items[i] = v;
  }
  return new PyTuple(items, t.cls);
});

// ---- PackedSequence.__new__ ----------------------------------------------------------------------

/** `invert_permutation(permutation)`: output[permutation[i]] = i (int64, like the input's
 * `empty_like(...).scatter_(0, permutation, arange(n))`); None stays None. */
export function invertPermutation(p: Tensor | null): Tensor | null {
  if (p === null) return null;
  if (p.dtype !== 'int64') throw new PyError('RuntimeError', 'scatter(): Expected dtype int64 for index');
  const src = p.dataSync();
  const n = src.length;
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const j = Number(src[i]);
    if (j < 0 || j >= n) throw new PyError('RuntimeError', `index ${j} is out of bounds for dimension 0 with size ${n}`);
    out[j] = BigInt(i);
  }
  // made on the host, then placed on the permutation's device (empty_like(permutation))
  return toDevice(new Tensor(new Storage(out, 'int64', 'cpu'), p.shape), p.device);
}

const asTensorOrNone = (v: PyValue): Tensor | null => (v instanceof Tensor ? v : null);

/** `_packed_sequence_init_args`: the four fields PyTorch's `PackedSequence.__new__` stores. */
export function packedInitArgs(data: PyValue, batchSizes: PyValue, sorted: PyValue, unsorted: PyValue): PyValue[] {
  const inv = unsorted === null ? invertPermutation(sorted === null ? null : tensorOrTypeError(sorted, 'permutation')) : unsorted;
  if (batchSizes !== null) {
    if (batchSizes instanceof Tensor && batchSizes.device !== 'cpu') {
      throw new PyError(
        'ValueError',
        'batch_sizes should always be on CPU. Instances of PackedSequence should never be created manually. They should be instantiated by ' +
          'functions like pack_sequence and pack_padded_sequences in nn.utils.rnn. https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence',
      );
    }
    return [data, batchSizes, sorted, inv];
  }
  const pair = data instanceof PyTuple || data instanceof PyList ? data.items : null;
  if (pair === null || pair.length !== 2) throw new PyError('AssertionError', '');
  return [pair[0], pair[1], sorted, inv];
}

function tensorOrTypeError(v: PyValue, what: string): Tensor {
  const t = asTensorOrNone(v);
  if (t === null) throw typeError(`${what} must be a Tensor or None`);
  return t;
}

const newSig = parseSignature('PackedSequence.__new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None)');
PackedSequenceType.slots.create = (cls, a, kw) => {
  const v = bindArgs(newSig, [cls, ...a], kw).values;
  return new PyTuple(packedInitArgs(v[1], v[2], v[3], v[4]), cls);
};

/** A PackedSequence made the way the RNN layers make their output: `PackedSequence(data,
 * batch_sizes, sorted_indices, unsorted_indices)` (so a None unsorted is inverted from sorted). */
export function packedSequence(data: Tensor, batchSizes: Tensor, sorted: Tensor | null, unsorted: Tensor | null): PyTuple {
  return new PyTuple(packedInitArgs(data, batchSizes, sorted, unsorted), PackedSequenceType);
}

export const isPackedSequence = (v: PyValue): v is PyTuple => v instanceof PyTuple && isinstance(v, PackedSequenceType);

/** The four fields of a PackedSequence (tuple-unpacked, as the layers do). */
export function packedFields(p: PyTuple): { data: Tensor; batchSizes: Tensor; sorted: Tensor | null; unsorted: Tensor | null } {
  const [data, batchSizes, sorted, unsorted] = p.items;
  if (!(data instanceof Tensor) || !(batchSizes instanceof Tensor)) throw typeError('PackedSequence fields data and batch_sizes must be tensors');
  return { data, batchSizes, sorted: asTensorOrNone(sorted), unsorted: asTensorOrNone(unsorted) };
}
