// Agreement cases for the heavy GPU kernels — matmul (each kernel, transposed and batched operands,
// the fused bias+activation epilogue), row reductions, softmax/log_softmax, layer norm (with its
// saved statistics), embedding and conv2d — each called directly and compared with the engine's CPU
// op on the same values; then the op-level cases of op-cases.ts, which also name the kernels that
// must have run. The runner here serves both (Node agreement run and browser e2e).

import { add } from '../../ops/arith';
import { toDevice } from '../../ops/copy';
import { matmul } from '../../ops/linalg/matmul';
import { conv2d } from '../../ops/nn/conv';
import { embedding } from '../../ops/nn/embedding';
import { layerNorm } from '../../ops/nn/normalization';
import { logSoftmax, softmax } from '../../ops/nn/softmax';
import { amax, amin, maxDim, mean, minDim, prod, sum } from '../../ops/reduce';
import { toDtype } from '../../ops/copy';
import { gelu, relu } from '../../ops/unary';
import { transpose } from '../../ops/views';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { gpuExtremeDim } from '../kernels/argreduce';
import { gpuConv2d } from '../kernels/conv';
import { gpuEmbedding } from '../kernels/embedding-conv';
import { gpuMatmul, type MatmulKernel } from '../kernels/matmul';
import { gpuLayerNorm, gpuReduceAll, gpuReduceDim, gpuSoftmax } from '../kernels/rows';
import { compareTensors, counting, type CaseResult } from './compare';
import { gpu, OP_SPECS, rand, type Spec } from './op-cases';

const cpuSaved = (out: Tensor): Tensor[] => out.gradFn!.saved.slice(1, 3).map((x) => x.tensor);
const needsGrad = (t: Tensor): Tensor => {
  t.requiresGrad = true;
  return t;
};

const mm = (name: string, as: number[], bs: number[], kernel?: MatmulKernel, tb = false): Spec => [
  `matmul ${name}`,
  (ctx) => {
    const a = rand(as, as.length * 7 + as[0]);
    const b0 = rand(tb ? [...bs.slice(0, -2), bs[bs.length - 1], bs[bs.length - 2]] : bs, bs[0] + 3);
    const b = tb ? transpose(b0, -1, -2) : b0;
    const ga = gpu(a);
    const gb0 = gpu(b0);
    const gb = tb ? transpose(gb0, -1, -2) : gb0;
    return { cpu: matmul(a, b), run: () => gpuMatmul(ctx, ga, gb, { kernel }) };
  },
];

const SPECS: Spec[] = [
  mm('tiled [37,45]@[45,70]', [37, 45], [45, 70], 'tiled'),
  mm('naive [37,45]@[45,70]', [37, 45], [45, 70], 'naive'),
  mm('splitk [37,45]@[45,70]', [37, 45], [45, 70], 'splitk'),
  mm('auto small [3,5]@[5,4]', [3, 5], [5, 4]),
  mm('auto skinny [1,300]@[300,7]', [1, 300], [300, 7]),
  mm('auto [64,128]@[128,96] (b transposed view)', [64, 128], [128, 96], undefined, true),
  mm('bmm [3,20,33]@[3,33,18]', [3, 20, 33], [3, 33, 18]),
  mm('batch-broadcast [2,9,16]@[16,5]', [2, 9, 16], [16, 5], 'tiled'),
  [
    'matmul fused linear+bias+relu [16,50]@[50,24]^T',
    (ctx) => {
      const x = rand([16, 50], 1);
      const w = rand([24, 50], 2);
      const b = rand([24], 3);
      const [gx, gw, gb] = [x, w, b].map(gpu);
      return { cpu: relu(add(matmul(x, transpose(w, 0, 1)), b)), run: () => gpuMatmul(ctx, gx, transpose(gw, 0, 1), { bias: gb, epilogue: 'relu' }) };
    },
  ],
  [
    'matmul fused linear+bias+gelu_tanh [8,40]@[40,12]',
    (ctx) => {
      const x = rand([8, 40], 4);
      const w = rand([40, 12], 5);
      const b = rand([12], 6);
      const [gx, gw, gb] = [x, w, b].map(gpu);
      return { cpu: gelu(add(matmul(x, w), b), 'tanh'), run: () => gpuMatmul(ctx, gx, gw, { bias: gb, epilogue: 'gelu_tanh' }) };
    },
  ],
  ...(['sum', 'mean', 'max', 'min', 'prod'] as const).flatMap((kind): Spec[] => {
    const cpuOp = (t: Tensor, dim?: number): Tensor =>
      kind === 'sum' ? sum(t, dim) : kind === 'mean' ? mean(t, dim) : kind === 'max' ? amax(t, dim ?? null) : kind === 'min' ? amin(t, dim ?? null) : prod(t, dim ?? null);
    const scale = kind === 'prod' ? 1.2 : 3;
    return [
      [`reduce ${kind} dim=1 of [6,130,5]`, (ctx) => {
        const x = rand([6, 130, 5], 11, scale);
        const g = gpu(x);
        return { cpu: cpuOp(x, 1), run: () => gpuReduceDim(ctx, g, kind, 1) };
      }],
      [`reduce ${kind} last dim of a transposed view [9,40]`, (ctx) => {
        const x = rand([40, 9], 12, scale);
        const g = gpu(x);
        return { cpu: cpuOp(transpose(x, 0, 1), 1), run: () => gpuReduceDim(ctx, transpose(g, 0, 1), kind, 1) };
      }],
      [`reduce ${kind} all of [7,33]`, (ctx) => {
        const x = rand([7, 33], 13, kind === 'prod' ? 1.05 : 3);
        const g = gpu(x);
        return { cpu: cpuOp(x), run: () => gpuReduceAll(ctx, g, kind) };
      }],
    ];
  }),
  ...([0, 1, 2] as const).flatMap((dim): Spec[] => [
    [`softmax dim=${dim} of [4,70,3]`, (ctx) => {
      const x = rand([4, 70, 3], 20 + dim, 8);
      const g = gpu(x);
      return { cpu: softmax(x, dim), run: () => gpuSoftmax(ctx, g, dim) };
    }],
    [`log_softmax dim=${dim} of [4,70,3]`, (ctx) => {
      const x = rand([4, 70, 3], 30 + dim, 8);
      const g = gpu(x);
      return { cpu: logSoftmax(x, dim), run: () => gpuSoftmax(ctx, g, dim, true) };
    }],
  ]),
  [
    'layer_norm [5,3,40] over [3,40] with weight and bias',
    (ctx) => {
      const x = rand([5, 3, 40], 40, 2);
      const w = rand([3, 40], 41);
      const b = rand([3, 40], 42);
      const [gx, gw, gb] = [x, w, b].map(gpu);
      const c = layerNorm(needsGrad(x), [3, 40], w, b, 1e-5);
      return { cpu: [c, ...cpuSaved(c)], run: () => { const r = gpuLayerNorm(ctx, gx, 2, gw, gb, 1e-5); return r && [r.out, r.mean, r.rstd]; } };
    },
  ],
  [
    'layer_norm [9,100] without affine',
    (ctx) => {
      const x = rand([9, 100], 43, 2);
      const gx = gpu(x);
      const c = layerNorm(needsGrad(x), [100], null, null, 1e-5);
      return { cpu: [c, ...cpuSaved(c)], run: () => { const r = gpuLayerNorm(ctx, gx, 1, null, null, 1e-5); return r && [r.out, r.mean, r.rstd]; } };
    },
  ],
  [
    'embedding [11,6] by int64 indices [3,4]',
    (ctx) => {
      const w = rand([11, 6], 50);
      const idx = Tensor.fromArray(BigInt64Array.from([0, 3, 10, 2, 2, 5, 7, 1, 9, 4, 6, 8].map(BigInt)), [3, 4], 'int64');
      const gw = gpu(w);
      return { cpu: embedding(idx, w), run: () => gpuEmbedding(ctx, gw, toDevice(idx, 'webgpu')) };
    },
  ],
  [
    'conv2d [2,3,9,8] * [5,3,3,3] stride 2 padding 1 with bias',
    (ctx) => {
      const x = rand([2, 3, 9, 8], 60);
      const w = rand([5, 3, 3, 3], 61);
      const b = rand([5], 62);
      const [gx, gw, gb] = [x, w, b].map(gpu);
      return { cpu: conv2d(x, w, b, { stride: 2, padding: 1 }), run: () => gpuConv2d(ctx, gx, gw, gb, { stride: [2, 2], padding: [1, 1], dilation: [1, 1] }) };
    },
  ],
  [
    'conv2d [1,4,7,7] * [6,4,2,3] dilation 2 no bias',
    (ctx) => {
      const x = rand([1, 4, 7, 7], 63);
      const w = rand([6, 4, 2, 3], 64);
      const [gx, gw] = [x, w].map(gpu);
      return { cpu: conv2d(x, w, null, { dilation: 2 }), run: () => gpuConv2d(ctx, gx, gw, null, { stride: [1, 1], padding: [0, 0], dilation: [2, 2] }) };
    },
  ],
];

/** Values with many ties (quarters in [-1, 1)), -0 beside 0, and NaNs where `nan` says. */
function tied(shape: number[], seed: number, nan: (i: number) => boolean): Tensor {
  const t = rand(shape, seed);
  const d = t.storage.data as Float32Array;
  for (let i = 0; i < d.length; i++) d[i] = nan(i) ? NaN : Math.floor(d[i] * 4) / 4 || (i % 2 ? -0 : 0);
  return t;
}

const arg = (name: string, make: () => Tensor, dim: number, isMax: boolean, view: (t: Tensor) => Tensor = (t) => t): Spec => [
  `arg${isMax ? 'max' : 'min'} ${name}`,
  (ctx) => {
    const x = make();
    const c = (isMax ? maxDim : minDim)(view(x), dim);
    const g = view(gpu(x));
    return {
      cpu: [c.values, toDtype(c.indices, 'int32')],
      run: () => {
        const r = gpuExtremeDim(ctx, g, dim, isMax);
        return r && [r.values, r.indices];
      },
      kernels: [`rows:arg${isMax ? 'max' : 'min'}`],
    };
  },
];

const ARG_SPECS: Spec[] = [
  arg('dim=1 of [5,150,3] with ties', () => tied([5, 150, 3], 70, () => false), 1, true),
  arg('dim=1 of [5,150,3] with ties', () => tied([5, 150, 3], 71, () => false), 1, false),
  arg('dim=0 of [70,6] with nans (first nan wins) and -0/0', () => tied([70, 6], 72, (i) => i % 6 === 2 && (i === 2 + 6 * 9 || i === 2 + 6 * 40)), 0, false),
  arg('dim=0 of [70,6] with nans (first nan wins) and -0/0', () => tied([70, 6], 73, (i) => i === 6 * 69 + 5 || i === 1), 0, true),
  arg('last dim of a transposed view [4,90]', () => tied([90, 4], 74, () => false), 1, true, (t) => transpose(t, 0, 1)),
];

const ALL: Spec[] = [...SPECS, ...ARG_SPECS, ...OP_SPECS];

export const KERNEL_CASES: readonly string[] = ALL.map(([n]) => n);

/** Did a kernel named `k` (or, for `prefix:`, any kernel so named) run between two counts? */
function dispatched(k: string, before: Record<string, number>, after: Record<string, number>): boolean {
  return Object.keys(after).some((key) => (k.endsWith(':') ? key.startsWith(k) : key === k) && after[key] > (before[key] ?? 0));
}

async function judge(ctx: GpuContext, made: ReturnType<Spec[1]>): Promise<{ detail: string | null; dispatches: number; cpuOps: number }> {
  const before = { ...ctx.stats.byKernel };
  const r = counting(ctx, made.run);
  if (r.value === null) return { detail: 'kernel declined (returned null)', ...r };
  const gpus = r.value instanceof Tensor ? [r.value] : r.value;
  const cpus = made.cpu instanceof Tensor ? [made.cpu] : made.cpu;
  let detail: string | null = gpus.length === cpus.length ? null : `${gpus.length} results vs cpu ${cpus.length}`;
  for (let i = 0; detail === null && i < cpus.length; i++) {
    const d = await compareTensors(gpus[i], cpus[i]);
    if (d !== null) detail = cpus.length > 1 ? `result #${i}: ${d}` : d;
  }
  // an op case names the kernels doing its work: a silent CPU fallback must fail
  const missing = (made.kernels ?? []).filter((k) => !dispatched(k, before, ctx.stats.byKernel));
  if (detail === null && missing.length > 0) detail = `no GPU dispatch of ${missing.join(', ')} (ran on the CPU?)`;
  if (detail === null && made.kernels !== undefined && r.cpuOps > 0) detail = `${r.cpuOps} kernel calls ran on the CPU side`;
  if (detail === null && made.check !== undefined) detail = made.check();
  return { detail, dispatches: r.dispatches, cpuOps: r.cpuOps };
}

export async function kernelCases(ctx: GpuContext): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const [name, make] of ALL) {
    let res: { detail: string | null; dispatches: number; cpuOps: number };
    try {
      res = await judge(ctx, make(ctx));
    } catch (e) {
      res = { detail: `threw ${String((e as Error).stack ?? e)}`, dispatches: 0, cpuOps: 0 };
    }
    out.push({ name, ok: res.detail === null, detail: res.detail ?? '', dispatches: res.dispatches, cpuOps: res.cpuOps });
  }
  return out;
}
