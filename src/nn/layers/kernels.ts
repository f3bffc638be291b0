// The numeric kernels the built-in layers call in their forwards (F.linear, F.conv2d, ...). They
// belong to the tensor engine (src/tensor/ops/{linalg,nn}); this table is the one place nn/ looks
// them up, so a layer's forward reads `nnKernels().linear(x, w, b)` and the engine's
// implementation is plugged in here. A kernel that has not landed raises a clear
// NotImplementedError naming it — never a silent wrong answer.

import { PyError } from '../../errors';
import type { Tensor } from '../../tensor/tensor';

export interface NnKernels {
  linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor;
  bilinear(x1: Tensor, x2: Tensor, w: Tensor, b: Tensor | null): Tensor;
  conv(x: Tensor, w: Tensor, b: Tensor | null, stride: number[], padding: number[] | string, dilation: number[], groups: number): Tensor;
  embedding(idx: Tensor, w: Tensor, paddingIdx: number | null, maxNorm?: number | null, normType?: number): Tensor;
  layerNorm(x: Tensor, shape: number[], w: Tensor | null, b: Tensor | null, eps: number): Tensor;
  /** F.batch_norm: updates running stats in place when training and they are given. */
  batchNorm(
    x: Tensor,
    runningMean: Tensor | null,
    runningVar: Tensor | null,
    w: Tensor | null,
    b: Tensor | null,
    training: boolean,
    momentum: number,
    eps: number,
  ): Tensor;
  dropout(x: Tensor, p: number, training: boolean, inplace: boolean): Tensor;
  relu(x: Tensor, inplace: boolean): Tensor;
  gelu(x: Tensor, approximate: string): Tensor;
  tanh(x: Tensor): Tensor;
  sigmoid(x: Tensor): Tensor;
  silu(x: Tensor, inplace: boolean): Tensor;
  leakyRelu(x: Tensor, slope: number, inplace: boolean): Tensor;
  elu(x: Tensor, alpha: number, inplace: boolean): Tensor;
  softmax(x: Tensor, dim: number): Tensor;
  logSoftmax(x: Tensor, dim: number): Tensor;
  flatten(x: Tensor, start: number, end: number): Tensor;
  /** In-place `t += 1` for num_batches_tracked (no autograd). */
  increment(t: Tensor): void;
}

const pending = (name: string) => (): never => {
  throw new PyError('NotImplementedError', `the '${name}' kernel is not available in this engine yet`);
};

const kernels: NnKernels = {
  linear: pending('linear'),
  bilinear: pending('bilinear'),
  conv: pending('conv'),
  embedding: pending('embedding'),
  layerNorm: pending('layer_norm'),
  batchNorm: pending('batch_norm'),
  dropout: pending('dropout'),
  relu: pending('relu'),
  gelu: pending('gelu'),
  tanh: pending('tanh'),
  sigmoid: pending('sigmoid'),
  silu: pending('silu'),
  leakyRelu: pending('leaky_relu'),
  elu: pending('elu'),
  softmax: pending('softmax'),
  logSoftmax: pending('log_softmax'),
  flatten: pending('flatten'),
  increment: pending('add_'),
};

export const nnKernels = (): NnKernels => kernels;

/** The engine (or its bindings) plugs its kernels in here. */
export function installNnKernels(k: Partial<NnKernels>): void {
  Object.assign(kernels, k);
}
