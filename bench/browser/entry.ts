// The page side of the browser WebGPU bench (driven by bench/webgpu-browser.ts, which bundles this
// file with Vite and loads it into headless Chromium). One page, one adapter: our engine's WebGPU
// device and TensorFlow.js's WebGPU backend each request a device from the page's navigator.gpu
// (same flags, same adapter), and our CPU/WASM path runs the same shapes in the same page.
// Exposes `window.__webgpuBench(opts)`, which returns seconds per call for every case; the Node
// side turns them into GFLOP/s rows.
//
// Sync discipline, identical on both sides: a timed unit enqueues `per` products, then flushes the
// library's own command batch (our ctx.flush(); for tfjs what its getBufferData does: end the open
// compute pass, then backend.submitQueue()) and awaits device.queue.onSubmittedWorkDone() — so each
// time covers finished GPU work, and neither side pays for a readback the other does not. Ours and
// tfjs's units are timed in interleaved windows (best of each), so load from other processes on a
// shared machine falls on both alike. Results are released the way each library's users would:
// tfjs tensors are disposed (its buffer manager recycles them); ours go back to the pool when the
// tensor is collected, as in the engine's normal use. Before timing, each case reads both GPU
// results back once and compares them with our CPU result, so a wrong kernel cannot post a number
// (the Node side refuses rows whose error exceeds 1e-3). Options `kernels`/`shapes`, `addSizes`
// and `tiles` add the kernel-choice, elementwise-crossover and tile-geometry measurements.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { Tensor } from '../../src/tensor/tensor';
import { add } from '../../src/tensor/ops/arith';
import { toDevice } from '../../src/tensor/ops/copy';
import { matmul } from '../../src/tensor/ops/linalg/matmul';
import { relu } from '../../src/tensor/ops/unary';
import { transpose } from '../../src/tensor/ops/views';
import { gpuMatmul, initWebGPU, setTinyThreshold, shutdownWebGPU, webgpuContext, type GpuContext, type MatmulKernel } from '../../src/tensor/webgpu/index';
import { chooseMatmulKernel, setMatmulTile, type TileConfig } from '../../src/tensor/webgpu/kernels/matmul';
import { bestSecondsInterleaved, bestSecondsSync, maxRelDiff, randomF32 } from '../timing';

export interface BenchOptions {
  /** Minimum seconds per timing window (best of 3 windows, one warm-up call first). */
  minSeconds: number;
  /** Matmul sizes (square n×n @ n×n). */
  sizes: number[];
  /** Also time each of our matmul kernels by name (the kernel-choice rows). */
  kernels?: MatmulKernel[];
  /** Extra [m, k, n] products for the kernel-choice rows. */
  shapes?: [number, number, number][];
  /** Tile geometries of the tiled kernel to time against each other on the square sizes. */
  tiles?: TileConfig[];
  /** Timing windows per measurement (best of; default 4). */
  windows?: number;
  /** Element counts for the elementwise add crossover (GPU vs CPU per op). */
  addSizes?: number[];
}

export interface CaseTiming {
  name: string;
  flops: number;
  /** Seconds per call; NaN when that side did not run. */
  ours: number;
  tfjs: number;
  cpu: number;
  /** The kernel our gpuMatmul chose for this case (the first product's, for the MLP). */
  kernel: string;
  /** Largest |ours − cpu| / (1 + |cpu|) and the same for tfjs: both must be small. */
  oursErr: number;
  tfjsErr: number;
}

export interface BenchResult {
  error?: string;
  adapter: { vendor: string; architecture: string; description: string; featureLevel: string };
  tfjsAdapter: string;
  cases: CaseTiming[];
  /** Per-kernel timings of ours (seconds), keyed `${kernel} m×k×n`. */
  kernelTimes: Record<string, number>;
  /** Per-tile-geometry timings (seconds), keyed `n=${n} WX,WY,RM,CN,BK`, with tfjs's as `n=${n} tfjs`. */
  tileTimes: Record<string, number>;
  errors: string[];
  /** Elementwise add, seconds per op: [n, GPU (32 ops per queue wait), CPU]. */
  addTimes: [number, number, number][];
  /** Our buffer pool's counters at the end (buffers created vs reused). */
  pool?: { created: number; reused: number };
}

type Win = { __webgpuBench: (o: BenchOptions) => Promise<BenchResult> };

/** One timed unit of ours: `per` calls, then flush and wait for the queue. */
const oursRun = (ctx: GpuContext, enqueue: () => void, per: number) => async (): Promise<void> => {
  for (let i = 0; i < per; i++) enqueue();
  await ctx.sync();
};

/** The same for tfjs: `per` calls (results disposed), then what tfjs's own readback does before
 * it submits (close the open compute pass, submit), then wait for the queue. */
const tfjsRun = (be: WebGPUBackend, enqueue: () => tf.Tensor, per: number) => async (): Promise<void> => {
  for (let i = 0; i < per; i++) enqueue().dispose();
  be.ensureCommandEncoderReady();
  be.endComputePassEncoder();
  be.submitQueue();
  await be.device.queue.onSubmittedWorkDone();
};

/** Seconds per call of ours and of tfjs, timed in interleaved windows. */
async function pairSeconds(ctx: GpuContext, be: WebGPUBackend, ours: () => void, tfjs: () => tf.Tensor, per: number, minSeconds: number, windows: number): Promise<[number, number]> {
  const [a, b] = await bestSecondsInterleaved([oursRun(ctx, ours, per), tfjsRun(be, tfjs, per)], minSeconds, windows);
  return [a / per, b / per];
}

async function readOurs(t: Tensor): Promise<Float32Array> {
  await t.storage.sync();
  return t.storage.data as Float32Array;
}

async function bench(opts: BenchOptions): Promise<BenchResult> {
  const init = await initWebGPU();
  const empty = { vendor: '', architecture: '', description: '', featureLevel: '' };
  if (!init.ok) return { error: init.reason, adapter: empty, tfjsAdapter: '', cases: [], kernelTimes: {}, tileTimes: {}, addTimes: [], errors: [] };
  const ctx = webgpuContext()!;
  const adapter = { vendor: init.adapter.vendor, architecture: init.adapter.architecture, description: init.adapter.description, featureLevel: init.adapter.featureLevel };
  if (!(await tf.setBackend('webgpu'))) return { error: 'tfjs-backend-webgpu did not initialise', adapter, tfjsAdapter: '', cases: [], kernelTimes: {}, tileTimes: {}, addTimes: [], errors: [] };
  await tf.ready();
  const be = tf.backend() as WebGPUBackend;
  const info = (be as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  const tfjsAdapter = `${info?.vendor ?? ''} ${info?.architecture ?? ''}`.trim();
  const cases: CaseTiming[] = [];
  const ms = opts.minSeconds;
  const win = opts.windows ?? 4;
  const tileTimes: Record<string, number> = {};

  for (const n of opts.sizes) {
    const av = randomF32(n * n, 1);
    const bv = randomF32(n * n, 2);
    const a = Tensor.fromArray(av, [n, n], 'float32');
    const b = Tensor.fromArray(bv, [n, n], 'float32');
    const ga = toDevice(a, 'webgpu');
    const gb = toDevice(b, 'webgpu');
    const ta = tf.tensor2d(av, [n, n]);
    const tb = tf.tensor2d(bv, [n, n]);
    const cpuOut = matmul(a, b).storage.data as Float32Array;
    const oursErr = maxRelDiff(await readOurs(gpuMatmul(ctx, ga, gb)!), cpuOut);
    const tOut = tf.matMul(ta, tb);
    const tfjsErr = maxRelDiff((await tOut.data()) as Float32Array, cpuOut);
    tOut.dispose();
    const per = n >= 1024 ? 1 : 4;
    const [ours, tfjsT] = await pairSeconds(ctx, be, () => void gpuMatmul(ctx, ga, gb), () => tf.matMul(ta, tb), per, ms, win);
    const cpu = bestSecondsSync(() => void matmul(a, b), n >= 1024 ? 0 : ms);
    if (opts.tiles !== undefined) {
      const runs = opts.tiles.map((t) => oursRun(ctx, () => { setMatmulTile(t); gpuMatmul(ctx, ga, gb); }, per));
      const times = await bestSecondsInterleaved([...runs, tfjsRun(be, () => tf.matMul(ta, tb), per)], ms, win);
      opts.tiles.forEach((t, i) => (tileTimes[`n=${n} ${t.WX},${t.WY},${t.RM},${t.CN},${t.BK}`] = times[i] / per));
      tileTimes[`n=${n} tfjs`] = times[opts.tiles.length] / per;
      setMatmulTile(null);
    }
    cases.push({ name: `matmul n=${n}`, flops: 2 * n ** 3, ours, tfjs: tfjsT, cpu, kernel: chooseMatmulKernel(n, n, n, 1), oursErr, tfjsErr });
    ta.dispose();
    tb.dispose();
  }

  // fused MLP forward: relu(x W1^T + b1) W2^T + b2, weights in nn.Linear layout ([out, in])
  {
    const shapes: [string, number[]][] = [['x', [64, 784]], ['w1', [256, 784]], ['b1', [256]], ['w2', [10, 256]], ['b2', [10]]];
    const vals = shapes.map(([, s], i) => randomF32(s.reduce((p, q) => p * q, 1), 3 + i));
    const [x, w1, b1, w2, b2] = vals.map((v, i) => Tensor.fromArray(v, shapes[i][1], 'float32'));
    const [gx, gw1, gb1, gw2, gb2] = [x, w1, b1, w2, b2].map((t) => toDevice(t, 'webgpu'));
    const [tx, tw1, tb1, tw2, tb2] = vals.map((v, i) => tf.tensor(v, shapes[i][1]));
    const mlpOurs = (): Tensor => {
      const h = gpuMatmul(ctx, gx, transpose(gw1, 0, 1), { bias: gb1, epilogue: 'relu' })!;
      return gpuMatmul(ctx, h, transpose(gw2, 0, 1), { bias: gb2 })!;
    };
    const mlpTfjs = (): tf.Tensor =>
      tf.tidy(() => {
        const h = tf.fused.matMul({ a: tx as tf.Tensor2D, b: tw1 as tf.Tensor2D, transposeB: true, bias: tb1, activation: 'relu' });
        return tf.fused.matMul({ a: h, b: tw2 as tf.Tensor2D, transposeB: true, bias: tb2 });
      });
    const mlpCpu = (): Tensor => add(matmul(relu(add(matmul(x, transpose(w1, 0, 1)), b1)), transpose(w2, 0, 1)), b2);
    const cpuOut = mlpCpu().storage.data as Float32Array;
    const oursErr = maxRelDiff(await readOurs(mlpOurs()), cpuOut);
    const tOut = mlpTfjs();
    const tfjsErr = maxRelDiff((await tOut.data()) as Float32Array, cpuOut);
    tOut.dispose();
    const [ours, tfjsT] = await pairSeconds(ctx, be, () => void mlpOurs(), mlpTfjs, 4, ms, win);
    const cpu = bestSecondsSync(() => void mlpCpu(), ms);
    const flops = 2 * 64 * 784 * 256 + 2 * 64 * 256 * 10;
    cases.push({ name: 'MLP [64,784]→256 ReLU→10', flops, ours, tfjs: tfjsT, cpu, kernel: `${chooseMatmulKernel(64, 256, 784, 1)}+${chooseMatmulKernel(64, 10, 256, 1)}`, oursErr, tfjsErr });
    for (const t of [tx, tw1, tb1, tw2, tb2]) t.dispose();
  }

  // per-kernel timings (ours) for the kernel-choice thresholds
  const kernelTimes: Record<string, number> = {};
  for (const [m, k, n] of opts.shapes ?? []) {
    const ga = toDevice(Tensor.fromArray(randomF32(m * k, 11), [m, k], 'float32'), 'webgpu');
    const gb = toDevice(Tensor.fromArray(randomF32(k * n, 12), [k, n], 'float32'), 'webgpu');
    const kernels = opts.kernels ?? [];
    const times = await bestSecondsInterleaved(kernels.map((kernel) => oursRun(ctx, () => void gpuMatmul(ctx, ga, gb, { kernel }), 4)), ms / 2, win);
    kernels.forEach((kernel, i) => (kernelTimes[`${kernel} ${m}×${k}×${n}`] = times[i] / 4));
    for (const t of opts.tiles ?? []) {
      setMatmulTile(t);
      const [tt] = await bestSecondsInterleaved([oursRun(ctx, () => void gpuMatmul(ctx, ga, gb, { kernel: 'tiled' }), 4)], ms / 2, win);
      kernelTimes[`tiled(${t.WX},${t.WY},${t.RM},${t.CN},${t.BK}) ${m}×${k}×${n}`] = tt / 4;
    }
    setMatmulTile(null);
  }
  // elementwise crossover: what one small op costs on the GPU (batched, as a forward pass issues
  // them) vs on the CPU — the measurement behind the device's tiny-tensor threshold
  const addTimes: [number, number, number][] = [];
  setTinyThreshold(0);
  for (const n of opts.addSizes ?? []) {
    const a = Tensor.fromArray(randomF32(n, 8), [n], 'float32');
    const b = Tensor.fromArray(randomF32(n, 9), [n], 'float32');
    const ga = toDevice(a, 'webgpu');
    const gb = toDevice(b, 'webgpu');
    const [tg] = await bestSecondsInterleaved([oursRun(ctx, () => void add(ga, gb), 32)], ms / 2, win);
    addTimes.push([n, tg / 32, bestSecondsSync(() => void add(a, b), ms / 2)]);
  }
  const errors = ctx.errors.slice();
  const pool = { created: ctx.pool.stats.created, reused: ctx.pool.stats.reused };
  shutdownWebGPU();
  return { adapter, tfjsAdapter, cases, kernelTimes, tileTimes, addTimes, errors, pool };
}

(globalThis as unknown as Win).__webgpuBench = bench;
