// The WebGPU rows of `npm run bench`: float32 matmul at n = 256/1024 and a fused MLP forward
// (x[64,784] → Linear 256 + ReLU → Linear 10) on our WebGPU kernels, each with our CPU/WASM path
// for the same shapes as the baseline, plus the elementwise crossover that sets the backend's
// tiny-tensor threshold (TINY_ELEMENTS in src/tensor/webgpu/backend.ts). Runs on the Node WebGPU
// adapter (Dawn): SwiftShader on a machine without a GPU, so absolute GPU numbers here measure a
// software rasterizer; with WEBGPU_HARDWARE=1 it uses the system's Vulkan driver instead.
// GPU timings wait for the queue (onSubmittedWorkDone) so they measure finished work. The
// comparison with @tensorflow/tfjs-backend-webgpu needs a browser (tfjs-webgpu uses navigator.gpu):
// ./webgpu-browser.ts measures it in headless Chromium, and its rows follow the Node rows here
// (BENCH_WEBGPU_BROWSER=0 leaves them out).

import type { Row } from './engine';
import { Tensor } from '../src/tensor/tensor';
import { add } from '../src/tensor/ops/arith';
import { toDevice } from '../src/tensor/ops/copy';
import { matmul } from '../src/tensor/ops/linalg/matmul';
import { relu } from '../src/tensor/ops/unary';
import { transpose } from '../src/tensor/ops/views';
import { gpuMatmul, initWebGPU, setTinyThreshold, shutdownWebGPU, webgpuContext } from '../src/tensor/webgpu/index';
import { nodeGpu } from '../src/tensor/webgpu/node';
import type { GpuContext } from '../src/tensor/webgpu/context';
import { bestSecondsAsync, bestSecondsSync, randomF32 } from './timing';

const rand = (shape: number[], seed: number): Tensor => Tensor.fromArray(randomF32(shape.reduce((x, y) => x * y, 1), seed), shape, 'float32');
const timeAsync = (fn: () => Promise<void>, minSeconds = 0.2): Promise<number> => bestSecondsAsync(fn, minSeconds);
const timeSync = (fn: () => void, minSeconds = 0.2): number => bestSecondsSync(fn, minSeconds);

/** GPU seconds per call of `enqueue` (batched `per` calls, then one wait for the queue). */
async function gpuTime(ctx: GpuContext, enqueue: () => void, per = 4): Promise<number> {
  return (await timeAsync(async () => {
    for (let i = 0; i < per; i++) enqueue();
    await ctx.sync();
  })) / per;
}

export async function benchWebGPU(): Promise<Row[]> {
  const rows: Row[] = [];
  const init = await initWebGPU({ gpu: await nodeGpu({ software: process.env.WEBGPU_HARDWARE !== '1' }) });
  if (!init.ok) {
    console.log(`webgpu bench skipped: ${init.reason}`);
    return rows;
  }
  const ctx = webgpuContext()!;
  const adapter = `${init.adapter.vendor} ${init.adapter.architecture}`.trim() || init.adapter.description;
  for (const n of [256, 1024]) {
    const a = rand([n, n], 1);
    const b = rand([n, n], 2);
    const ga = toDevice(a, 'webgpu');
    const gb = toDevice(b, 'webgpu');
    const gpuT = await gpuTime(ctx, () => void gpuMatmul(ctx, ga, gb), n === 1024 ? 1 : 4);
    const cpuT = timeSync(() => void matmul(a, b), n === 1024 ? 0 : 0.2);
    const g = (t: number): number => (2 * n ** 3) / t / 1e9;
    rows.push({ group: 'webgpu matmul f32', name: `n=${n} WebGPU (${adapter})`, value: g(gpuT), unit: 'GFLOP/s', baseline: g(cpuT), baselineName: 'our CPU/WASM' });
  }
  // fused MLP forward: relu(x W1^T + b1) W2^T + b2, weights in nn.Linear layout
  const x = rand([64, 784], 3);
  const w1 = rand([256, 784], 4);
  const b1 = rand([256], 5);
  const w2 = rand([10, 256], 6);
  const b2 = rand([10], 7);
  const [gx, gw1, gb1, gw2, gb2] = [x, w1, b1, w2, b2].map((t) => toDevice(t, 'webgpu'));
  const mlpGpu = (): void => {
    const h = gpuMatmul(ctx, gx, transpose(gw1, 0, 1), { bias: gb1, epilogue: 'relu' })!;
    gpuMatmul(ctx, h, transpose(gw2, 0, 1), { bias: gb2 });
  };
  const mlpCpu = (): void => {
    const h = relu(add(matmul(x, transpose(w1, 0, 1)), b1));
    add(matmul(h, transpose(w2, 0, 1)), b2);
  };
  const mlpFlops = 2 * 64 * 784 * 256 + 2 * 64 * 256 * 10;
  const tg = await gpuTime(ctx, mlpGpu);
  const tc = timeSync(mlpCpu);
  rows.push({ group: 'webgpu MLP forward', name: `[64,784]→256 ReLU→10, WebGPU fused (${adapter})`, value: mlpFlops / tg / 1e9, unit: 'GFLOP/s', baseline: mlpFlops / tc / 1e9, baselineName: 'our CPU/WASM' });
  // elementwise crossover: per-op cost of a batched GPU add vs the CPU loop, by size
  setTinyThreshold(0);
  for (const n of [256, 1024, 4096, 65536]) {
    const a = rand([n], 8);
    const b = rand([n], 9);
    const ga = toDevice(a, 'webgpu');
    const gb = toDevice(b, 'webgpu');
    const tg2 = await gpuTime(ctx, () => void add(ga, gb), 32);
    const tc2 = timeSync(() => void add(a, b), 0.1);
    rows.push({ group: 'webgpu elementwise crossover', name: `add n=${n}: µs per op, GPU`, value: tg2 * 1e6, unit: 'µs', baseline: tc2 * 1e6, baselineName: 'CPU' });
  }
  setTinyThreshold(1024);
  shutdownWebGPU();
  if (process.env.BENCH_WEBGPU_BROWSER !== '0') {
    // a browser failure (no Chromium, no adapter, a wrong result) is a row, not the loss of the Node rows
    try {
      const { benchWebGPUBrowser } = await import('./webgpu-browser');
      rows.push(...(await benchWebGPUBrowser()));
    } catch (e) {
      rows.push({ group: 'webgpu browser', name: `failed: ${(e as Error).message.split('\n')[0]}`, value: NaN, unit: '' });
    }
  }
  return rows;
}
