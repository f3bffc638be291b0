// layer_norm, batch_norm and group_norm: per-group mean and biased variance, then
// (x - mean)·rstd·weight + bias, with ATen's checks and error texts (batch_norm's arithmetic,
// rounded as PyTorch's CPU kernel rounds, is batchnorm_cpu.ts). batch_norm in training mode
// also moves the running statistics in place — momentum-weighted, with the *unbiased* variance —
// and, as the oracle shows, without bumping their version counters (the CPU kernel writes the
// buffers directly). On the webgpu device layer_norm and batch_norm of float32 run on the GPU
// (webgpu/kernels/rows.ts, norm.ts) with the same checks, records and saved statistics; the CPU
// arithmetic below stays the reference they are tested against. Records NativeLayerNormBackward0 / NativeBatchNormBackward0 /
// NativeGroupNormBackward0 with mean and rstd saved, as ATen's native_* ops return them.

import { gpuForWork } from '../../webgpu/active';
import { gpuLayerNorm } from '../../webgpu/kernels/rows';
import { gpuBatchNorm } from '../../webgpu/kernels/norm';
import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { numelOf, shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { roundHalf } from '../linalg/layout';
import { floatValues, type FloatArr } from './rows';
import { torchSize } from './warnings';
import { add_, mul, pow } from '../arith';
import { mean } from '../reduce';
import { rsqrt } from '../unary';
import { toDtype } from '../copy';
import { pyf } from '../../scalar';
import { applyAffine, collectStats, evalInvStd, roundingFor, trainInvStd } from './batchnorm_cpu';

/** A 1-d per-feature parameter's values expanded to `n` (null → constant `fill`). */
function param(t: Tensor | null, n: number, fill: number): ArrayLike<number> {
  if (t === null) return new Float64Array(n).fill(fill);
  return floatValues(t);
}

/**
 * Normalize `groups` groups of `groupSize` consecutive elements; element k of a group has
 * affine index `affineOf(group, k)`. Returns mean and rstd per group (float64).
 */
function normalizeGroups(
  x: FloatArr,
  out: FloatArr,
  groups: number,
  groupSize: number,
  eps: number,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  affineOf: (g: number, k: number) => number,
): { mean: Float64Array; rstd: Float64Array } {
  const mean = new Float64Array(groups);
  const rstd = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const base = g * groupSize;
    let s = 0;
    for (let k = 0; k < groupSize; k++) s += x[base + k];
    const mu = s / groupSize;
    let v = 0;
    for (let k = 0; k < groupSize; k++) v += (x[base + k] - mu) ** 2;
    const r = 1 / Math.sqrt(v / groupSize + eps);
    mean[g] = mu;
    rstd[g] = r;
    for (let k = 0; k < groupSize; k++) {
      const a = affineOf(g, k);
      out[base + k] = (x[base + k] - mu) * r * w[a] + b[a];
    }
  }
  return { mean, rstd };
}

function statTensor(vals: Float64Array, shape: readonly number[], like: Tensor): Tensor {
  const t = Tensor.empty(shape, like.dtype, like.device);
  (t.storage.data as FloatArr).set(vals);
  return t;
}

/** F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5). */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalizedShape[i]))
    throw new PyError(
      'RuntimeError',
      `Given normalized_shape=${shapeList(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size${shapeList(input.shape)}`,
    );
  for (const [t, what] of [[weight, 'weight'], [bias, 'bias']] as const)
    if (t !== null && (t.ndim !== k || t.shape.some((s, i) => s !== normalizedShape[i])))
      throw new PyError(
        'RuntimeError',
        `Expected ${what} to be of same shape as normalized_shape, but got ${what} of shape ${shapeList(t.shape)} and normalized_shape = ${shapeList(normalizedShape)}`,
      );
  const statShape = [...input.shape.slice(0, input.ndim - k), ...normalizedShape.map(() => 1)];
  // on the webgpu device: one GPU dispatch that also writes the statistics autograd saves
  const gpu = input.dtype === 'float32' ? gpuForWork(input.numel(), input, weight, bias) : null;
  const onGpu = gpu === null ? null : gpuLayerNorm(gpu, input, k, weight, bias, eps);
  let out: Tensor;
  let saved: () => [Tensor, Tensor];
  if (onGpu !== null) {
    out = onGpu.out;
    saved = () => [onGpu.mean, onGpu.rstd];
  } else {
    const n = numelOf(normalizedShape);
    const m = n === 0 ? 0 : input.numel() / n;
    out = Tensor.empty(input.shape, input.dtype, input.device);
    const { mean, rstd } = normalizeGroups(floatValues(input), out.storage.data as FloatArr, m, n, eps, param(weight, n, 1), param(bias, n, 0), (_g, j) => j);
    roundHalf(out);
    saved = () => [statTensor(mean, statShape, input), statTensor(rstd, statShape, input)];
  }
  const node = recordOp('NativeLayerNormBackward0', [input, weight, bias], [out]);
  if (node) {
    node.save(input, ...saved());
    // the affine weight, saved #3: backward reads it (a non-leaf weight has no other record)
    if (weight !== null) node.save(weight);
    node.ctx = { normalizedShape: normalizedShape.slice(), eps };
  }
  return out;
}

export interface BatchNormOptions {
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
 * momentum=0.1, eps=1e-5). Input (N, C, *). Training uses the batch statistics and, when given,
 * updates running_mean/var in place; eval uses the running statistics.
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  opts: BatchNormOptions = {},
): Tensor {
  const training = opts.training ?? false;
  const momentum = opts.momentum ?? 0.1;
  const eps = opts.eps ?? 1e-5;
  if (input.ndim < 2) throw new PyError('ValueError', `expected 2D or 3D input (got ${input.ndim}D input)`);
  const [n, c] = input.shape;
  const spatial = numelOf(input.shape.slice(2));
  if (training && n * spatial === 1)
    throw new PyError('ValueError', `Expected more than 1 value per channel when training, got input size ${torchSize(input.shape)}`);
  for (const [t, what] of [[runningMean, 'running_mean'], [runningVar, 'running_var'], [weight, 'weight'], [bias, 'bias']] as const)
    if (t !== null && t.numel() !== c) throw new PyError('RuntimeError', `${what} should contain ${c} elements not ${t.numel()}`);
  if (!training && (runningMean === null || runningVar === null))
    throw new PyError('RuntimeError', 'running_mean and running_var must be defined in evaluation mode');
  const gpu = input.dtype === 'float32' ? gpuForWork(input.numel(), input, runningMean, runningVar, weight, bias) : null;
  const onGpu = gpu === null ? null : gpuBatchNorm(gpu, input, runningMean, runningVar, weight, bias, { training, momentum, eps });
  if (onGpu !== null) return recordBatchNorm(input, weight, bias, onGpu.out, onGpu.mean, onGpu.invstd, training, eps);
  const x = floatValues(input);
  const out = Tensor.empty(input.shape, input.dtype, input.device);
  const w = param(weight, c, 1);
  const b = param(bias, c, 0);
  // the arithmetic of PyTorch's CPU kernels, rounding where they round (batchnorm_cpu.ts)
  const R = roundingFor(input.dtype);
  const layout = { n, c, spatial };
  const count = n * spatial;
  let meanOut: Float64Array;
  const rstdOut = new Float64Array(c);
  if (training) {
    const { mean, varSum } = collectStats(x, layout, input.dtype);
    meanOut = mean;
    const mom = R(momentum);
    for (let ch = 0; ch < c; ch++) {
      rstdOut[ch] = trainInvStd(varSum[ch], count, eps, R);
      if (runningMean !== null) writeElement(runningMean, ch, R(R(mom * mean[ch]) + R(R(1 - mom) * readElement(runningMean, ch))));
      if (runningVar !== null) {
        const unbiased = count > 1 ? R(varSum[ch] / (count - 1)) : NaN;
        writeElement(runningVar, ch, R(mom * unbiased + R(R(1 - mom) * readElement(runningVar, ch))));
      }
    }
  } else {
    meanOut = new Float64Array(c);
    for (let ch = 0; ch < c; ch++) {
      meanOut[ch] = readElement(runningMean!, ch);
      rstdOut[ch] = evalInvStd(readElement(runningVar!, ch), eps, R);
    }
  }
  applyAffine(x, out.storage.data as FloatArr, layout, meanOut, rstdOut, w, b, input.dtype);
  roundHalf(out);
  return recordBatchNorm(input, weight, bias, out, statTensor(meanOut, [c], input), statTensor(rstdOut, [c], input), training, eps);
}

/** NativeBatchNormBackward0 with the per-channel mean and invstd saved, as ATen's native_batch_norm returns them. */
function recordBatchNorm(input: Tensor, weight: Tensor | null, bias: Tensor | null, out: Tensor, mean: Tensor, invstd: Tensor, training: boolean, eps: number): Tensor {
  const node = recordOp('NativeBatchNormBackward0', [input, weight, bias], [out]);
  if (node) {
    node.save(input, mean, invstd);
    // the affine weight, saved #3: backward reads it (a non-leaf weight has no other record)
    if (weight !== null) node.save(weight);
    node.ctx = { training, eps };
  }
  return out;
}

function readElement(t: Tensor, i: number): number {
  return Number(t.storage.data[t.offset + i * (t.ndim ? t.strides[0] : 0)]);
}
function writeElement(t: Tensor, i: number, v: number): void {
  const d = t.storage.data;
  const at = t.offset + i * (t.ndim ? t.strides[0] : 0);
  if (d instanceof BigInt64Array) d[at] = BigInt(Math.trunc(v));
  else d[at] = v;
}

/** F.group_norm(input, num_groups, weight=None, bias=None, eps=1e-5). Input (N, C, *). */
export function groupNorm(input: Tensor, numGroups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const [n, c] = input.shape;
  if (input.ndim < 2 || c % numGroups !== 0)
    throw new PyError(
      'RuntimeError',
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${shapeList(input.shape)} and num_groups=${numGroups}`,
    );
  const spatial = numelOf(input.shape.slice(2));
  const perGroup = (c / numGroups) * spatial;
  const out = Tensor.empty(input.shape, input.dtype, input.device);
  const { mean, rstd } = normalizeGroups(
    floatValues(input),
    out.storage.data as FloatArr,
    n * numGroups,
    perGroup,
    eps,
    param(weight, c, 1),
    param(bias, c, 0),
    (g, k) => (g % numGroups) * (c / numGroups) + Math.floor(k / spatial),
  );
  roundHalf(out);
  const node = recordOp('NativeGroupNormBackward0', [input, weight, bias], [out]);
  if (node) {
    node.save(input, statTensor(mean, [n, numGroups], input), statTensor(rstd, [n, numGroups], input));
    // the affine weight, saved #3: backward reads it (a non-leaf weight has no other record)
    if (weight !== null) node.save(weight);
    node.ctx = { numGroups, eps };
  }
  return out;
}

/**
 * F.rms_norm(input, normalized_shape, weight=None, eps=None) as PyTorch 2.6's composite
 * (layer_norm.cpp rms_norm_symint) computes it, op by op so rounding and graph are its own:
 * x = input upcast to the opmath type; rsqrt(x.pow(2).mean(dims, keepdim=True).add_(eps));
 * x.mul(that).type_as(input), then .mul(weight). eps defaults to the opmath type's machine epsilon
 * (float's for the half types). The graph reads MulBackward0 → RsqrtBackward0 → AddBackward0 →
 * MeanBackward1 → PowBackward0, so autograd needs no formula of its own.
 */
export function rmsNorm(input: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, eps: number | null = null): Tensor {
  const k = normalizedShape.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalizedShape[i]))
    throw new PyError(
      'RuntimeError',
      `Given normalized_shape=${shapeList(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size${shapeList(input.shape)}`,
    );
  const half = input.dtype === 'float16' || input.dtype === 'bfloat16';
  const e = eps ?? (input.dtype === 'float64' ? 2 ** -52 : 2 ** -23);
  const x = half ? toDtype(input, 'float32') : input;
  const dims = normalizedShape.map((_, i) => input.ndim - k + i);
  const ms = add_(mean(pow(x, 2), dims, true), pyf(e));
  let out = mul(x, rsqrt(ms));
  if (half) out = toDtype(out, input.dtype);
  return weight === null ? out : mul(out, weight);
}
