// The module `torch.nn.utils.rnn`: pad_sequence, pack_padded_sequence, pad_packed_sequence,
// pack_sequence, unpad_sequence, unpack_sequence, invert_permutation and the PackedSequence class.
// Each function transcribes PyTorch 2.6's Python (torch/nn/utils/rnn.py) onto the interpreter's
// protocols — `torch.as_tensor`, `torch.sort`, `.to`, `.index_select`, `transpose_`, `seq[mask]`
// are called through their Python bindings, so conversions, errors and grad_fns are those of a
// script doing the same — and hands the ATen kernels (nn/rnn_pack.ts) plain tensors, after the
// argument checks PyTorch's C++ arg parser makes (its TypeError texts). The PackedSequence type
// lives in nn/packed_sequence.ts (the RNN layers build it); its methods in packed_methods.ts.

import { PyError, typeError, valueError } from '../../../errors';
import { invertPermutation, PackedSequenceBaseType, PackedSequenceType, packedSequence } from '../../../nn/packed_sequence';
import { packPaddedKernel, padPackedKernel, padSequenceKernel } from '../../../nn/rnn_pack';
import { pyf, type Scalar } from '../../../tensor/scalar';
import { Tensor } from '../../../tensor/tensor';
import { checkInplace } from '../../../tensor/grad';
import { transpose } from '../../../tensor/ops/views';
import { compare, getitem, truthy as pyTruthy } from '../../builtins/ops';
import { getIter, toArray } from '../../builtins/iter';
import { repr } from '../../builtins/repr';
import { MISSING, PyBuiltinFunction, PyFloat, getattrOrMissing, PyList, PyModule, PyTuple, type KwArgs, type PyValue, callMethod, getattr, typeOf } from '../../object';
import { binder } from '../args';
import { torchAttr, torchCall } from '../data/py';
import './packed_methods';

const MODULE = 'torch.nn.utils.rnn';

/** A `float` parameter of an ATen binding: int/float/bool pass, anything else is the parser's TypeError. */
async function floatArg(v: PyValue, fn: string, name: string, pos: number): Promise<Scalar> {
  if (v instanceof PyFloat) return pyf(v.v);
  if (typeof v === 'number' || typeof v === 'boolean') return pyf(Number(v));
  if (typeof v === 'bigint') return pyf(Number(v));
  if (v instanceof Tensor && v.ndim === 0) return pyf(Number(v.item()));
  throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be float, not ${typeOf(v).name}`);
}

function tensorArg(v: PyValue, fn: string, name: string, pos: number): Tensor {
  if (v instanceof Tensor) return v;
  throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be Tensor, not ${typeOf(v).name}`);
}

const truthy = (v: PyValue): boolean => !(v === null || v === false || v === 0 || v === '' || (v instanceof PyFloat && v.v === 0));

async function padSequence(sequences: PyValue, batchFirst: PyValue, paddingValue: PyValue, side: PyValue): Promise<Tensor> {
  // `isinstance(sequences, Iterable)`, then `tuple(sequences)`
  try {
    await getIter(sequences);
  } catch (e) {
    if (e instanceof PyError && e.pyType === 'TypeError') {
      throw new PyError('RuntimeError', `pad_sequence: Expected iterable for input sequences, but got arg of type: ${await repr(typeOf(sequences))}`);
    }
    throw e;
  }
  const items = await toArray(sequences);
  const seqs = items.map((t, i) => {
    if (!(t instanceof Tensor)) throw typeError(`expected Tensor as element ${i} in argument 0, but got ${typeOf(t).name}`);
    return t;
  });
  const pad = await floatArg(paddingValue, 'pad_sequence', 'padding_value', 3);
  if (typeof side !== 'string') throw typeError(`pad_sequence(): argument 'padding_side' (position 4) must be str, not ${typeOf(side).name}`);
  return padSequenceKernel(seqs, truthy(batchFirst), pad, side);
}

async function packPaddedSequence(input: PyValue, lengths0: PyValue, batchFirst: PyValue, enforceSorted: PyValue): Promise<PyValue> {
  const int64 = torchAttr('int64');
  let lengths: PyValue =
    lengths0 instanceof Tensor
      ? await callMethod(lengths0, 'to', [], new Map([['dtype', int64]]))
      : await torchCall('as_tensor', [lengths0], { dtype: int64, device: 'cpu' });
  let sorted: PyValue = null;
  let x = input;
  if (!truthy(enforceSorted)) {
    const res = (await torchCall('sort', [lengths], { descending: true })) as PyTuple;
    [lengths, sorted] = res.items;
    sorted = await callMethod(sorted, 'to', [await getattr(x, 'device')]);
    x = await callMethod(x, 'index_select', [truthy(batchFirst) ? 0 : 1, sorted]);
  }
  const [data, batchSizes] = packPaddedKernel(
    tensorArg(x, '_pack_padded_sequence', 'input', 1),
    tensorArg(lengths, '_pack_padded_sequence', 'lengths', 2),
    truthy(batchFirst),
  );
  return packedSequence(data, batchSizes, sorted as Tensor | null, null);
}

async function padPackedSequence(sequence: PyValue, batchFirst: PyValue, paddingValue: PyValue, totalLength: PyValue): Promise<PyValue> {
  const batchSizes = await getattr(sequence, 'batch_sizes');
  let maxSeq: PyValue = await callMethod(batchSizes, 'size', [0]);
  if (totalLength !== null) {
    if (await pyTruthy(await compare('Lt', totalLength, maxSeq))) {
      throw valueError(
        'Expected total_length to be at least the length of the longest sequence in input, but got ' +
          `total_length=${await repr(totalLength)} and max sequence length being ${await repr(maxSeq)}`,
      );
    }
    maxSeq = totalLength;
  }
  if (typeof maxSeq !== 'number' && typeof maxSeq !== 'bigint' && typeof maxSeq !== 'boolean')
    throw typeError(`_pad_packed_sequence(): argument 'total_length' (position 5) must be int, not ${typeOf(maxSeq).name}`);
  const data = tensorArg(await getattr(sequence, 'data'), '_pad_packed_sequence', 'data', 1);
  const [padded, lengths] = padPackedKernel(
    data,
    tensorArg(batchSizes, '_pad_packed_sequence', 'batch_sizes', 2),
    truthy(batchFirst),
    await floatArg(paddingValue, '_pad_packed_sequence', 'padding_value', 4),
    Number(maxSeq),
  );
  const unsorted = await getattr(sequence, 'unsorted_indices');
  if (unsorted === null) return new PyTuple([padded, lengths]);
  return new PyTuple([
    await callMethod(padded, 'index_select', [truthy(batchFirst) ? 0 : 1, unsorted]),
    await getitem(lengths, await callMethod(unsorted, 'cpu', [])),
  ]);
}

async function packSequence(sequences: PyValue, enforceSorted: PyValue): Promise<PyValue> {
  const sizes: PyValue[] = [];
  for (const v of await toArray(sequences)) sizes.push(await callMethod(v, 'size', [0]));
  const lengths = await torchCall('as_tensor', [new PyList(sizes)]);
  return packPaddedSequence(await padSequence(sequences, false, new PyFloat(0), 'right'), lengths, false, enforceSorted);
}

/** `padded.transpose_(0, 1)` — through the tensor's own method when the bindings have one; else
 * the same in-place metadata change here: the object's shape/strides swap, its version moves, and
 * a tensor with history gets TransposeBackward0 on top of it (a leaf requiring grad is refused). */
async function transposeInPlace(t: PyValue): Promise<void> {
  if (!(t instanceof Tensor) || (await getattrOrMissing(t, 'transpose_')) !== MISSING) {
    await callMethod(t, 'transpose_', [0, 1]);
    return;
  }
  checkInplace(t);
  const v = transpose(t, 0, 1);
  t.shape = v.shape.slice();
  t.strides = v.strides.slice();
  if (v.gradFn !== null) {
    v.gradFn.shownAs = 'TransposeBackward1'; // the in-place overload's node
    t.gradFn = v.gradFn;
    t.outputNr = 0;
  }
  t.bumpVersion();
}

async function unpadSequence(padded: PyValue, lengths: PyValue, batchFirst: PyValue): Promise<PyValue> {
  const out: PyValue[] = [];
  if (!truthy(batchFirst)) await transposeInPlace(padded);
  const maxLength = await getitem(await getattr(padded, 'shape'), 1);
  const idx = await torchCall('arange', [maxLength], { device: await getattr(lengths, 'device') });
  const seqs = await toArray(padded);
  const lens = await toArray(lengths);
  for (let i = 0; i < Math.min(seqs.length, lens.length); i++) {
    const mask = await compare('Lt', idx, lens[i]);
    out.push(await getitem(seqs[i], mask));
  }
  return new PyList(out);
}

async function unpackSequence(packed: PyValue): Promise<PyValue> {
  const [padded, lengths] = ((await padPackedSequence(packed, true, new PyFloat(0), null)) as PyTuple).items;
  return unpadSequence(padded, lengths, true);
}

function fn(sig: string, f: (v: PyValue[]) => PyValue | Promise<PyValue>): [string, PyValue] {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  return [name, new PyBuiltinFunction(name, (a: PyValue[], k: KwArgs) => f(bind(a, k).values), `${MODULE}.${name}`)];
}

/** The `torch.nn.utils.rnn` module object (made once per run by the nn bindings). */
export function rnnUtilsModule(): PyModule {
  const all = ['PackedSequence', 'invert_permutation', 'pack_padded_sequence', 'pad_packed_sequence', 'pad_sequence', 'unpad_sequence', 'pack_sequence', 'unpack_sequence'];
  return new PyModule(
    MODULE,
    new Map<string, PyValue>([
      ['__all__', new PyList(all)],
      ['PackedSequence_', PackedSequenceBaseType],
      ['PackedSequence', PackedSequenceType],
      fn('invert_permutation(permutation)', (v) => invertPermutation(v[0] === null ? null : tensorArg(v[0], 'invert_permutation', 'permutation', 1))),
      fn("pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side='right')", (v) => padSequence(v[0], v[1], v[2], v[3])),
      fn('pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)', (v) => packPaddedSequence(v[0], v[1], v[2], v[3])),
      fn('pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)', (v) => padPackedSequence(v[0], v[1], v[2], v[3])),
      fn('pack_sequence(sequences, enforce_sorted=True)', (v) => packSequence(v[0], v[1])),
      fn('unpad_sequence(padded_sequences, lengths, batch_first=False)', (v) => unpadSequence(v[0], v[1], v[2])),
      fn('unpack_sequence(packed_sequences)', (v) => unpackSequence(v[0])),
    ]),
  );
}
