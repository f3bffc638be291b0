// softmax / log_softmax / logsumexp along one dim: max-shifted exponentials summed per row, so
// large logits neither overflow nor lose the winner (fixtures: softmax_big). float32 follows
// PyTorch's CPU kernels' float arithmetic (softmax_cpu.ts). Records
// SoftmaxBackward0 / LogSoftmaxBackward0 / LogsumexpBackward0 with the result saved (their
// backward formulas use the output). `dtype=` casts the input first, as ATen does.

import { gpuForWork } from '../../webgpu/active';
import { gpuSoftmax } from '../../webgpu/kernels/rows';
import { PyError } from '../../../errors';
import { isFloating, type DType } from '../../dtype';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { wrapDim } from '../../shape';
import { Tensor } from '../../tensor';
import { toDtype } from '../copy';
import { neg } from '../unary';
import { roundHalf } from '../linalg/layout';
import { floatValues, splitAt } from './rows';
import { emitNnWarning } from './warnings';
import { softmaxFloat32 } from './softmax_cpu';

type Kind = 'softmax' | 'log_softmax';

function softmaxImpl(input: Tensor, dim: number, dtype: DType | null, kind: Kind): Tensor {
  const x = dtype !== null && dtype !== input.dtype ? toDtype(input, dtype) : input;
  const d = wrapDim(dim, x.ndim);
  if (!isFloating(x.dtype)) {
    const last = x.ndim === 0 || d === x.ndim - 1;
    const kernel = kind === 'softmax' ? (last ? 'softmax_lastdim_kernel_impl' : 'softmax_kernel_impl') : last ? 'log_softmax_lastdim_kernel_impl' : 'log_softmax_kernel_impl';
    throw new PyError('RuntimeError', `"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  const gpu = x.dtype === 'float32' && x.ndim > 0 ? gpuForWork(x.numel(), x) : null;
  const onGpu = gpu === null ? null : gpuSoftmax(gpu, x, d, kind === 'log_softmax');
  if (onGpu !== null) return recordSoftmax(x, onGpu, d, kind);
  const out = Tensor.empty(x.shape, x.dtype, x.device);
  const src = floatValues(x);
  const dst = out.storage.data as Float32Array | Float64Array;
  const split = splitAt(x.shape, x.ndim === 0 ? 0 : d);
  const { outer, size, inner } = split;
  // float32 as PyTorch's CPU kernels round it (softmax_cpu.ts); other dtypes in double, rounded once
  if (x.dtype === 'float32') softmaxFloat32(src, dst as Float32Array, split, kind === 'log_softmax');
  else for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      let mx = -Infinity;
      for (let i = 0; i < size; i++) {
        const v = src[base + i * inner];
        if (v > mx || Number.isNaN(v)) mx = v;
      }
      if (mx === -Infinity) mx = 0; // an all -inf row gives nan like PyTorch (0/0), not -inf - -inf
      let sum = 0;
      for (let i = 0; i < size; i++) sum += Math.exp(src[base + i * inner] - mx);
      if (kind === 'softmax') for (let i = 0; i < size; i++) dst[base + i * inner] = Math.exp(src[base + i * inner] - mx) / sum;
      else {
        const lse = Math.log(sum);
        for (let i = 0; i < size; i++) dst[base + i * inner] = src[base + i * inner] - mx - lse;
      }
    }
  roundHalf(out);
  return recordSoftmax(x, out, d, kind);
}

function recordSoftmax(x: Tensor, out: Tensor, d: number, kind: Kind): Tensor {
  const node = recordOp(kind === 'softmax' ? 'SoftmaxBackward0' : 'LogSoftmaxBackward0', [x], [out]);
  if (node) {
    node.save(out);
    node.ctx = { dim: d };
  }
  return out;
}

/** torch.softmax / F.softmax(input, dim, dtype=None). */
export function softmax(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return softmaxImpl(input, dim, dtype, 'softmax');
}

/** torch.log_softmax / F.log_softmax(input, dim, dtype=None). */
export function logSoftmax(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return softmaxImpl(input, dim, dtype, 'log_softmax');
}

/**
 * F.softmax / F.log_softmax / F.softmin called without dim: torch.nn.functional's
 * _get_softmax_dim — warns, then picks 0 for 0-, 1- and 3-d inputs and 1 otherwise.
 */
export function implicitSoftmaxDim(name: 'softmax' | 'log_softmax' | 'softmin', ndim: number): number {
  emitNnWarning('UserWarning', `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** torch.logsumexp lives with the other reductions (../reduce.ts). */
export { logsumexp } from '../reduce';

/** F.softmin(input, dim, dtype=None) = softmax(-input) — SoftmaxBackward0 over a NegBackward0. */
export function softmin(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return softmax(neg(dtype !== null && dtype !== input.dtype ? toDtype(input, dtype) : input), dim);
}
