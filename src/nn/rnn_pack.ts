// The three ATen kernels under torch.nn.utils.rnn, written with engine ops on Tensors: pad_sequence
// (torch._C._nn.pad_sequence), _pack_padded_sequence and _pad_packed_sequence (ATen's
// PackedSequence.cpp). Each follows ATen's loop so that values, checks, error texts and the
// recorded autograd match: pad_sequence and _pad_packed_sequence write slices of a `full` tensor
// with copy_ (their result's grad_fn is CopySlices, as PyTorch shows), while _pack_padded_sequence
// is one autograd op in PyTorch (derivatives.yaml), so its forward runs without recording and the
// result gets a PackPaddedSequenceBackward0 node whose formula is ATen's
// _pack_padded_sequence_backward. The Python wrappers (python/bindings/nn/rnn_utils.ts) do the
// argument handling, sorting and permutations around these.

import { PyError } from '../errors';
import { registerFormula } from '../tensor/autograd/registry';
import { ctxField } from '../tensor/autograd/meta';
import { recordOp, withNoGrad } from '../tensor/grad';
import { copy_ } from '../tensor/ops/copy';
import { full, zeros } from '../tensor/ops/creation';
import { cat } from '../tensor/ops/join';
import { contiguous, narrow, select, sliceDim, transpose, view } from '../tensor/ops/views';
import type { Scalar } from '../tensor/scalar';
import { Storage } from '../tensor/storage';
import { Tensor } from '../tensor/tensor';

/** A CPU int64 tensor of `values`: batch_sizes and lengths stay on the CPU whatever the data's
 * device (ATen makes them with the CPU lengths' options), not on the call's ambient device. */
export function cpuLong(values: readonly (number | bigint)[]): Tensor {
  return new Tensor(new Storage(BigInt64Array.from(values, (v) => BigInt(v)), 'int64', 'cpu'), [values.length]);
}

/** The int64 values of a 1-D CPU tensor (lengths, batch_sizes) as JS numbers. */
export function longValues(t: Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number | bigint>, (v) => Number(v));
}

const dtypeName: Record<string, string> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
};

/** ATen's checkLongTensor (PackedSequence.cpp). */
function checkLongTensor(t: Tensor, what: string): void {
  if (t.ndim !== 1 || t.device !== 'cpu' || t.dtype !== 'int64') {
    throw new PyError('RuntimeError', `'${what}' argument should be a 1D CPU int64 tensor, but got ${t.ndim}D ${t.device === 'cpu' ? 'cpu' : `${t.device}:0`} ${dtypeName[t.dtype] ?? t.dtype} tensor`);
  }
}

/** `torch._C._nn.pad_sequence(sequences, batch_first, padding_value, padding_side)`. */
export function padSequenceKernel(seqs: readonly Tensor[], batchFirst: boolean, paddingValue: Scalar, side: string): Tensor {
  if (seqs.length === 0) throw new PyError('RuntimeError', 'received an empty list of sequences');
  const first = seqs[0];
  // `max_size.slice(1)` on the first sequence's sizes comes before any size(0)
  if (first.ndim === 0) throw new PyError('RuntimeError', 'ArrayRef: invalid slice, N = 1; size = 0');
  const trailing = first.shape.slice(1);
  let maxLen = 0;
  for (const s of seqs) {
    if (s.ndim === 0) throw new PyError('IndexError', 'Dimension specified as 0 but tensor has no dimensions');
    maxLen = Math.max(maxLen, s.shape[0]);
  }
  const dims = batchFirst ? [seqs.length, maxLen, ...trailing] : [maxLen, seqs.length, ...trailing];
  const out = full(dims, paddingValue, { dtype: first.dtype, device: first.device });
  out.bumpVersion(); // at::full is empty + fill_: the result starts at version 1
  if (side !== 'left' && side !== 'right') throw new PyError('RuntimeError', `Expected padding_side to be one of left or right, but got ${side}.`);
  seqs.forEach((s, i) => {
    const len = s.shape[0];
    const start = side === 'left' ? maxLen - len : 0;
    // index notation (select/narrow views) so the writes land in `out` and record CopySlices
    const dst = batchFirst ? narrow(select(out, 0, i), 0, start, len) : select(narrow(out, 0, start, len), 1, i);
    copy_(dst, s);
  });
  return out;
}

/** `_VF._pack_padded_sequence(input, lengths, batch_first)` → (data, batch_sizes). */
export function packPaddedKernel(input0: Tensor, lengthsT: Tensor, batchFirst: boolean): [Tensor, Tensor] {
  if (input0.numel() === 0) throw new PyError('RuntimeError', 'Cannot pack empty tensors.');
  const { data, batchSizes } = withNoGrad(() => {
    const input = batchFirst ? transpose(input0, 0, 1) : input0;
    checkLongTensor(lengthsT, 'lengths');
    const lengths = longValues(lengthsT);
    const batch = input.shape[1];
    if (lengths.length !== batch) {
      throw new PyError('RuntimeError', `Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${batch})`);
    }
    if (!(lengths[batch - 1] > 0)) {
      throw new PyError('RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
    }
    for (let i = 0; i < batch - 1; i++) {
      if (lengths[batch - 1 - i] > lengths[batch - 2 - i]) {
        throw new PyError(
          'RuntimeError',
          '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` ' +
            'to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
        );
      }
    }
    // Scan from the shortest sequence: each time the length grows, the block of time steps
    // [prev_l, l) over the first `batch - i` sequences is appended (ATen's loop).
    const steps: Tensor[] = [];
    const sizes: bigint[] = [];
    const stepShape = [-1, ...input.shape.slice(2)];
    let prev = 0;
    for (let i = 0; i < batch; i++) {
      const l = lengths[batch - 1 - i];
      if (l > prev) {
        const cur = batch - i;
        const t = input.shape[0];
        // Tensor.slice clamps its bounds, so lengths past the input's end pack what is there.
        const block = sliceDim(sliceDim(input, 0, Math.min(prev, t), Math.min(l, t), 1), 1, 0, cur, 1);
        steps.push(view(contiguous(block), stepShape));
        for (let j = 0; j < l - prev; j++) sizes.push(BigInt(cur));
        prev = l;
      }
    }
    return { data: cat(steps), batchSizes: cpuLong(sizes) };
  });
  const node = recordOp('PackPaddedSequenceBackward0', [input0], [data]);
  if (node !== null) Object.assign(node.ctx, { inputShape: input0.shape.slice(), batchSizes: longValues(batchSizes), batchFirst });
  return [data, batchSizes];
}

// _pack_padded_sequence_backward, as ATen writes it: a zero tensor shaped like the (time-major)
// input whose step i gets rows [offset, offset + batch_sizes[i]) of the gradient in its first
// batch_sizes[i] entries, through copy_ into slices — so under create_graph the gradient's grad_fn
// is CopySlices, as in PyTorch, and double backward runs through it.
registerFormula('PackPaddedSequenceBackward0', (node, grads) => {
  const g = grads[0]!;
  const shape = ctxField<number[]>(node, 'inputShape').slice();
  const bf = ctxField<boolean>(node, 'batchFirst');
  const sizes = ctxField<number[]>(node, 'batchSizes');
  if (bf) [shape[0], shape[1]] = [shape[1], shape[0]];
  const gi = zeros(shape, { dtype: g.dtype, device: g.device });
  let offset = 0;
  for (let i = 0; i < sizes.length; i++) {
    copy_(sliceDim(select(gi, 0, i), 0, 0, sizes[i], 1), narrow(g, 0, offset, sizes[i]));
    offset += sizes[i];
  }
  return [bf ? transpose(gi, 0, 1) : gi];
});

/** `_VF._pad_packed_sequence(data, batch_sizes, batch_first, padding_value, total_length)` →
 * (padded, lengths). `totalLength` is the Python wrapper's max_seq_length. */
export function padPackedKernel(data: Tensor, batchSizesT: Tensor, batchFirst: boolean, paddingValue: Scalar, totalLength: number): [Tensor, Tensor] {
  checkLongTensor(batchSizesT, 'batch_sizes');
  const sizes = longValues(batchSizesT);
  const maxBatch = sizes[0];
  const maxReal = sizes.length;
  let maxSeq = maxReal;
  if (totalLength > 0) {
    if (totalLength < maxSeq) {
      throw new PyError(
        'RuntimeError',
        `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${maxSeq}`,
      );
    }
    maxSeq = totalLength;
  }
  const rest = data.shape.slice(1);
  let output = full([maxSeq, maxBatch, ...rest], paddingValue, { dtype: data.dtype, device: data.device });
  output.bumpVersion(); // empty + fill_, as at::full
  const lengths: number[] = new Array<number>(maxBatch).fill(0);
  let lengthAt = maxBatch - 1;
  let dataOffset = 0;
  let prevBatch = maxBatch;
  let prevI = 0;
  for (let i = 0; i <= maxReal; i++) {
    const bs = i !== maxReal ? sizes[i] : 0;
    if (bs !== prevBatch) {
      // output[prev_i:i, :prev_batch_size] = data[offset:offset+l].view(i - prev_i, prev_batch_size, *rest)
      const l = prevBatch * (i - prevI);
      const tmp = narrow(data, 0, dataOffset, l);
      const dst = narrow(narrow(output, 0, prevI, i - prevI), 1, 0, prevBatch);
      copy_(dst, view(tmp, [i - prevI, prevBatch, ...rest]));
      dataOffset += l;
      prevI = i;
    }
    for (let dec = prevBatch - bs; dec > 0; dec--) lengths[lengthAt--] = i;
    prevBatch = bs;
  }
  if (batchFirst) output = transpose(output, 0, 1);
  return [output, cpuLong(lengths)];
}
