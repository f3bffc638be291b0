// Double backward: first-order gradients taken with create_graph are differentiated again, and
// the result is compared with finite differences of the first-order gradients (float64). Covers
// the common ops and convolution (ConvolutionBackwardBackward0), whose second derivatives flow
// through convolutions again.

import { describe, expect, it } from 'vitest';
import * as T from '../../index';
import { addmm } from '../../ops/linalg/products';
import { linear } from '../../ops/linalg/matmul';
import { softmax, logSoftmax } from '../../ops/nn/softmax';
import { mseLoss, crossEntropy } from '../../ops/nn/loss';
import { batchNorm, groupNorm, layerNorm } from '../../ops/nn/normalization';
import { conv1d, conv2d } from '../../ops/nn/conv';
import { gradgradcheck } from '../testing/gradcheck';
import { grad } from '../api';

let seed = 11;
const rnd = (): number => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const input = (shape: number[]): T.Tensor =>
  T.Tensor.fromArray(Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rnd() * 2 - 1), shape, 'float64');
type Case = [name: string, shapes: number[][], f: (x: T.Tensor[]) => T.Tensor];
const sq = (t: T.Tensor): T.Tensor => T.mul(t, t);

const CASES: Case[] = [
  ['tanh', [[4]], (x) => T.tanh(x[0])],
  ['sigmoid·exp', [[4]], (x) => T.mul(T.sigmoid(x[0]), T.exp(x[0]))],
  ['mul/div', [[3], [3]], (x) => T.div(T.mul(x[0], x[1]), T.add(sq(x[1]), 1))],
  ['pow', [[3]], (x) => T.pow(T.add(sq(x[0]), 1), 1.5)],
  ['log/sqrt', [[3]], (x) => T.log(T.sqrt(T.add(sq(x[0]), 1)))],
  ['sin/cos', [[3]], (x) => T.mul(T.sin(x[0]), T.cos(x[0]))],
  ['addmm', [[2], [3, 4], [4, 2]], (x) => sq(addmm(x[0], x[1], x[2]))],
  ['linear+tanh', [[3, 4], [2, 4], [2]], (x) => T.tanh(linear(x[0], x[1], x[2]))],
  ['softmax', [[2, 3]], (x) => softmax(x[0], 1)],
  ['log_softmax', [[2, 3]], (x) => logSoftmax(x[0], 1)],
  ['mse', [[2, 3], [2, 3]], (x) => mseLoss(T.tanh(x[0]), x[1])],
  ['cross_entropy', [[3, 4]], (x) => crossEntropy(x[0], T.Tensor.fromArray(BigInt64Array.from([1n, 0n, 3n]), [3], 'int64'))],
  ['sum/mean', [[2, 3]], (x) => T.mul(T.sum(sq(x[0]), 1), T.mean(x[0]))],
  ['layer_norm', [[2, 3], [3], [3]], (x) => layerNorm(x[0], [3], x[1], x[2])],
  ['batch_norm', [[4, 2], [2], [2]], (x) => batchNorm(x[0], null, null, x[1], x[2], { training: true })],
  ['group_norm', [[2, 4, 2], [4], [4]], (x) => groupNorm(x[0], 2, x[1], x[2])],
  ['conv2d', [[1, 2, 4, 4], [3, 2, 2, 2], [3]], (x) => sq(conv2d(x[0], x[1], x[2], { stride: [1, 2], padding: [1, 0] }))],
  ['conv2d groups', [[1, 4, 3, 3], [2, 2, 2, 2]], (x) => sq(conv2d(x[0], x[1], null, { groups: 2 }))],
  ['conv1d dilation', [[2, 2, 6], [2, 2, 2]], (x) => T.tanh(conv1d(x[0], x[1], null, { dilation: [2] }))],
];

describe('double backward vs finite differences', () => {
  for (const [name, shapes, f] of CASES) {
    it(name, async () => {
      const r = await gradgradcheck(f, shapes.map(input));
      expect(r.detail).toBe('');
      expect(r.ok).toBe(true);
    });
  }

  it('records ConvolutionBackwardBackward0 under create_graph, and nothing without it', async () => {
    const x = input([1, 1, 3, 3]);
    const w = input([1, 1, 2, 2]);
    x.requiresGrad = true;
    w.requiresGrad = true;
    const y = T.sum(sq(conv2d(x, w)));
    const [gx] = await grad([y], [x], [], { createGraph: true, retainGraph: true });
    expect(gx!.gradFn?.name).toBe('ConvolutionBackwardBackward0');
    const [gx2] = await grad([y], [x]);
    expect(gx2!.requiresGrad).toBe(false);
  });
});
