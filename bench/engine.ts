// The engine's speed table for `npm run bench` (bench/run.ts prints it): float32 matmul at
// n = 64/256/1024 in GFLOP/s and elementwise add in GB/s, for our kernels and for TensorFlow.js's
// CPU and WASM backends measured in the same process, each row carrying its baseline so the
// runner can print the ratio. Budget: well under a minute on the 2-core dev box — each timing is
// the best of three ~0.1 s windows (or single calls) after one warm-up call.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Tensor } from '../src/tensor/tensor';
import { add } from '../src/tensor/ops/arith';
import { matmul } from '../src/tensor/ops/linalg/matmul';
import { setGemmForceJs } from '../src/tensor/ops/linalg/kernels/gemm';
import { reserveF32, wasmKernels } from '../src/tensor/wasm/module';
import { bestSecondsSync, randomF32 } from './timing';

export interface Row {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
}

const MIN_SECONDS = 0.1;
/** Seconds per call of `fn` (best of three windows of ≥ minSeconds; see timing.ts). */
const timeIt = (fn: () => void, minSeconds = MIN_SECONDS): number => bestSecondsSync(fn, minSeconds);
async function tfTime(backend: string, make: () => tf.Tensor): Promise<number> {
  await tf.setBackend(backend);
  await tf.ready();
  return timeIt(() => make().dispose());
}

export async function benchEngine(): Promise<Row[]> {
  const rows: Row[] = [];
  tf.env().set('IS_TEST', true); // silences tfjs's "install tfjs-node" banner
  for (const n of [64, 256, 1024]) {
    const flops = 2 * n ** 3;
    const a = Tensor.fromArray(randomF32(n * n, 1), [n, n], 'float32');
    const b = Tensor.fromArray(randomF32(n * n, 2), [n, n], 'float32');
    setGemmForceJs(false);
    const wasmT = timeIt(() => matmul(a, b));
    setGemmForceJs(true);
    const jsT = timeIt(() => matmul(a, b), n === 1024 ? 0 : MIN_SECONDS);
    setGemmForceJs(false);
    const results: Record<string, number> = {};
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const ta = tf.tensor2d(a.dataSync() as Float32Array, [n, n]);
      const tb = tf.tensor2d(b.dataSync() as Float32Array, [n, n]);
      results[backend] = await tfTime(backend, () => tf.matMul(ta, tb));
      ta.dispose();
      tb.dispose();
    }
    const g = (t: number): number => flops / t / 1e9;
    rows.push({ group: 'matmul f32', name: `n=${n} engine, WASM SIMD`, value: g(wasmT), unit: 'GFLOP/s', baseline: g(results.wasm), baselineName: 'tfjs-wasm' });
    rows.push({ group: 'matmul f32', name: `n=${n} engine, JS kernel`, value: g(jsT), unit: 'GFLOP/s', baseline: g(results.cpu), baselineName: 'tfjs-cpu' });
    rows.push({ group: 'matmul f32', name: `n=${n} engine, WASM SIMD`, value: g(wasmT), unit: 'GFLOP/s', baseline: g(results.cpu), baselineName: 'tfjs-cpu' });
  }

  // Elementwise add of two contiguous 1M-element float32 tensors: bytes moved = 3 · 4 · n.
  const n = 1 << 20;
  const bytes = 12 * n;
  const x = Tensor.fromArray(randomF32(n, 3), [n], 'float32');
  const y = Tensor.fromArray(randomF32(n, 4), [n], 'float32');
  const engineT = timeIt(() => add(x, y));
  const tfRes: Record<string, number> = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const tx = tf.tensor1d(x.dataSync() as Float32Array);
    const ty = tf.tensor1d(y.dataSync() as Float32Array);
    tfRes[backend] = await tfTime(backend, () => tf.add(tx, ty));
    tx.dispose();
    ty.dispose();
  }
  const gb = (t: number): number => bytes / t / 1e9;
  rows.push({ group: 'add f32 (1M)', name: 'engine add (Tensor API, JS)', value: gb(engineT), unit: 'GB/s', baseline: gb(tfRes.cpu), baselineName: 'tfjs-cpu' });
  // The WASM add kernel on data resident in WASM memory — what tfjs-wasm measures too; the
  // engine's storages live in JS typed arrays, so this row shows the headroom, not the API path.
  const w = wasmKernels();
  if (w) {
    const mem = reserveF32(w, bytes + 64);
    mem.set(x.dataSync() as Float32Array, 0);
    mem.set(y.dataSync() as Float32Array, n);
    const wT = timeIt(() => w.add(0, 4 * n, 8 * n, n));
    rows.push({ group: 'add f32 (1M)', name: 'WASM SIMD add kernel (resident)', value: gb(wT), unit: 'GB/s', baseline: gb(tfRes.wasm), baselineName: 'tfjs-wasm' });
  }
  return rows;
}
