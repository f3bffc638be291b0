// Agreement cases for the ops that route to GPU kernels — layer_norm, batch_norm (eval and
// training, with the running statistics moved in place), conv1d/conv2d (stride, padding incl.
// 'same' with an even kernel, dilation, groups, bias) and the reductions max/min/amax/amin/prod/
// sum — called through the public op on CPU tensors and on 'webgpu' tensors. Besides the results,
// each case compares what autograd records (grad_fn name, saved statistics) and names the GPU
// kernels that must have been dispatched: a silent CPU fallback fails the case (kernel-cases.ts
// runs them, in Node and in the browser e2e).

import { allocStorageArray } from '../../dtype';
import type { GradNode } from '../../grad';
import { toDevice } from '../../ops/copy';
import { conv1d, conv2d, type ConvOptions } from '../../ops/nn/conv';
import { batchNorm, layerNorm } from '../../ops/nn/normalization';
import { amax, amin, max, min, prod, sum } from '../../ops/reduce';
import { transpose } from '../../ops/views';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { lcg } from './compare';

/** What a case builds: CPU reference values, the GPU run producing the same list, the GPU kernels
 * it must dispatch (names or `prefix:` — 'matmul:' is any matmul kernel), and an extra check
 * (autograd records, version counters) run afterwards. */
export interface Made {
  cpu: Tensor | readonly Tensor[];
  run: () => Tensor | readonly Tensor[] | null;
  kernels?: readonly string[];
  check?: () => string | null;
}
export type Spec = [string, (ctx: GpuContext) => Made];

export function rand(shape: number[], seed: number, scale = 1, shift = 0): Tensor {
  const r = lcg(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const arr = allocStorageArray('float32', n) as Float32Array;
  for (let i = 0; i < n; i++) arr[i] = (r() * 2 - 1) * scale + shift;
  return Tensor.fromArray(arr, shape, 'float32');
}
export const gpu = (t: Tensor): Tensor => toDevice(t, 'webgpu');

/** A 'webgpu' tensor whose values are on the host only (uploaded by the first kernel that reads
 * it): with such inputs a silent CPU fallback would compute the right values, so only the
 * kernel-dispatch check can catch it. Cases with an even seed use them. */
function hostGpu(t: Tensor): Tensor {
  const g = Tensor.empty(t.shape, t.dtype, 'webgpu');
  (g.storage.data as Float32Array).set(t.dataSync() as Float32Array);
  return g;
}
const placer = (seed: number): ((t: Tensor) => Tensor) => (seed % 2 === 0 ? hostGpu : gpu);
const where = (seed: number): string => (seed % 2 === 0 ? ' [inputs on the host]' : '');

/** A leaf that requires grad, so the op records its node. */
function leaf(t: Tensor): Tensor {
  t.requiresGrad = true;
  return t;
}

/** The node's saved tensors from #1 on (#0 is the input itself). */
const savedStats = (out: Tensor): Tensor[] => (out.gradFn as GradNode).saved.slice(1).map((s) => s.tensor);

/** Same grad_fn name, and saved tensors of the same shapes and dtypes. */
function sameRecord(g: Tensor, c: Tensor): string | null {
  const [gn, cn] = [g.gradFn, c.gradFn];
  if (gn === null || cn === null) return `grad_fn ${gn?.name ?? 'None'} vs cpu ${cn?.name ?? 'None'}`;
  if (gn.name !== cn.name) return `grad_fn ${gn.name} vs cpu ${cn.name}`;
  if (gn.saved.length !== cn.saved.length) return `${gn.saved.length} saved tensors vs cpu ${cn.saved.length}`;
  for (let i = 0; i < cn.saved.length; i++) {
    const [a, b] = [gn.saved[i].tensor, cn.saved[i].tensor];
    if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join() || a.device !== (b.device === 'cpu' ? 'webgpu' : b.device))
      return `saved #${i}: ${a.dtype}[${a.shape}] on ${a.device} vs cpu ${b.dtype}[${b.shape}]`;
  }
  return null;
}

const layerNormCase = (name: string, shape: number[], norm: number[], affine: boolean, transposed: boolean, seed: number): Spec => [
  `op layer_norm ${name}${where(seed)}`,
  () => {
    const gpu = placer(seed);
    const x0 = rand(shape, seed, 2, 0.5);
    const [w, b] = affine ? [rand(norm, seed + 1), rand(norm, seed + 2)] : [null, null];
    const view = (t: Tensor): Tensor => (transposed ? transpose(t, 0, 1) : t);
    const cx = leaf(x0);
    const gx = leaf(gpu(x0));
    const c = layerNorm(view(cx), norm, w, b, 1e-5);
    let g: Tensor | null = null;
    const [gw, gb] = [w, b].map((t) => (t === null ? null : gpu(t)));
    return {
      cpu: [c, ...savedStats(c)],
      run: () => {
        g = layerNorm(view(gx), norm, gw, gb, 1e-5);
        return [g, ...savedStats(g)];
      },
      kernels: ['rows:layer_norm'],
      check: () => sameRecord(g!, c),
    };
  },
];

interface BnSpec {
  shape: number[];
  training: boolean;
  running: boolean;
  affine: boolean;
  momentum?: number;
  /** Running statistics as stride-2 views of a longer buffer. */
  stridedStats?: boolean;
}

const batchNormCase = (name: string, s: BnSpec, seed: number): Spec => [
  `op batch_norm ${name}${where(seed)}`,
  () => {
    const gpu = placer(seed);
    const C = s.shape[1];
    const x = rand(s.shape, seed, 2, 0.3);
    // running statistics: [C], or stride-2 views of a [2C] buffer (on each device its own copy)
    const base = (k: number, shift: number): Tensor => rand(s.stridedStats ? [2 * C] : [C], seed + k, 0.5, shift);
    const view = (t: Tensor): Tensor => (s.stridedStats ? new Tensor(t.storage, [C], [2], 1) : t);
    const bases = s.running ? [base(1, 0.2), base(2, 1)] : [];
    const [rm, rv] = s.running ? bases.map(view) : [null, null];
    const [grm, grv] = s.running ? bases.map((t) => view(gpu(t))) : [null, null];
    const [w, b] = s.affine ? [rand([C], seed + 3, 1, 1), rand([C], seed + 4)] : [null, null];
    const [gw, gb] = [w, b].map((t) => (t === null ? null : gpu(t)));
    const gx = leaf(gpu(x));
    const opts = { training: s.training, momentum: s.momentum ?? 0.1, eps: 1e-5 };
    const c = batchNorm(leaf(x), rm, rv, w, b, opts);
    let g: Tensor | null = null;
    const stats = (r: (Tensor | null)[]): Tensor[] => r.filter((t): t is Tensor => t !== null);
    return {
      cpu: [c, ...savedStats(c).slice(0, 2), ...stats([rm, rv])],
      run: () => {
        g = batchNorm(gx, grm, grv, gw, gb, opts);
        return [g, ...savedStats(g).slice(0, 2), ...stats([grm, grv])];
      },
      kernels: ['batch_norm:stats', 'batch_norm:apply'],
      check: () => {
        // the in-place running-stat update leaves version counters alone, as on the CPU
        const versions = stats([grm, grv]).map((t) => t.version);
        const cpuVersions = stats([rm, rv]).map((t) => t.version);
        if (versions.join() !== cpuVersions.join()) return `running stat versions ${versions} vs cpu ${cpuVersions}`;
        return sameRecord(g!, c);
      },
    };
  },
];

const convCase = (name: string, d: 1 | 2, xs: number[], ws: number[], bias: boolean, opts: ConvOptions, seed: number): Spec => [
  `op conv${d}d ${name}${where(seed)}`,
  () => {
    const gpu = placer(seed);
    const x = rand(xs, seed);
    const w = rand(ws, seed + 1);
    const b = bias ? rand([ws[0]], seed + 2) : null;
    const f = d === 1 ? conv1d : conv2d;
    const c = f(leaf(x), w, b, opts);
    const [gx, gw, gb] = [x, w, b].map((t) => (t === null ? null : gpu(t)));
    let g: Tensor | null = null;
    return {
      cpu: c,
      run: () => (g = f(leaf(gx!), gw!, gb, opts)),
      kernels: ['conv2d:im2col', 'matmul:'],
      check: () => sameRecord(g!, c),
    };
  },
];

const reduceCase = (name: string, kernel: string, op: (t: Tensor) => Tensor, shape: number[], seed: number, nanAt?: number): Spec => [
  `op ${name}${where(seed)}`,
  () => {
    const gpu = placer(seed);
    const x = rand(shape, seed, 3);
    if (nanAt !== undefined) (x.storage.data as Float32Array)[nanAt] = NaN;
    const c = op(leaf(x));
    const gx = leaf(gpu(x));
    let g: Tensor | null = null;
    return { cpu: c, run: () => (g = op(gx)), kernels: [kernel], check: () => sameRecord(g!, c) };
  },
];

export const OP_SPECS: Spec[] = [
  layerNormCase('[6,2,33] over [2,33] with weight and bias', [6, 2, 33], [2, 33], true, false, 100),
  layerNormCase('[20,7] (a transposed view) over [7], no affine', [7, 20], [7], false, true, 103),
  batchNormCase('training [4,3,5,6] with running stats and affine', { shape: [4, 3, 5, 6], training: true, running: true, affine: true }, 110),
  batchNormCase('training [9,5] (N, C) without running stats or affine', { shape: [9, 5], training: true, running: false, affine: false }, 115),
  batchNormCase('training [3,4,7] momentum 0.3, strided running stats', { shape: [3, 4, 7], training: true, running: true, affine: true, momentum: 0.3, stridedStats: true }, 120),
  batchNormCase('eval [3,4,10] with running stats and affine', { shape: [3, 4, 10], training: false, running: true, affine: true }, 125),
  convCase('[2,3,9,8] * [5,3,3,3] stride 2 padding 1 bias', 2, [2, 3, 9, 8], [5, 3, 3, 3], true, { stride: 2, padding: 1 }, 130),
  convCase('[1,4,8,7] * [6,2,2,3] groups 2 dilation (2,1)', 2, [1, 4, 8, 7], [6, 2, 2, 3], true, { groups: 2, dilation: [2, 1] }, 133),
  convCase('[2,3,6,6] depthwise * [3,1,3,3] padding same', 2, [2, 3, 6, 6], [3, 1, 3, 3], false, { groups: 3, padding: 'same' }, 136),
  convCase("[1,2,7,6] * [4,2,2,2] padding 'same' (even kernel: uneven padding)", 2, [1, 2, 7, 6], [4, 2, 2, 2], true, { padding: 'same' }, 139),
  convCase('[2,4,20] * [6,2,3] groups 2 stride 2 padding 1', 1, [2, 4, 20], [6, 2, 3], true, { groups: 2, stride: 2, padding: 1 }, 142),
  convCase('unbatched [4,15] * [5,4,4] dilation 2', 1, [4, 15], [5, 4, 4], true, { dilation: 2 }, 145),
  reduceCase('amax dim=1 keepdim of [5,70,3]', 'rows:max', (t) => amax(t, 1, true), [5, 70, 3], 150),
  reduceCase('amin dims=[] of [6,40]', 'rows:min', (t) => amin(t, []), [6, 40], 151),
  reduceCase('max() of [9,31] with a nan', 'rows:max', (t) => max(t), [9, 31], 152, 100),
  reduceCase('min() of [130]', 'rows:min', (t) => min(t), [130], 153),
  reduceCase('prod dim=0 of [12,9]', 'rows:prod', (t) => prod(t, 0), [12, 9], 154),
  reduceCase('sum keepdim over everything of [4,5,6]', 'rows:sum', (t) => sum(t, null, true), [4, 5, 6], 155),
];
