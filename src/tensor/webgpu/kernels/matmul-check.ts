// The matmul agreement run behind matmul.test.ts: every load path of the tiled kernel (vec4 or
// strided A; B as vec4 along N, vec4 along K for a transposed weight, or strided), tails in M, N
// and K around the tile sizes, batches, batch broadcast, offset views, fused epilogues, and each
// kernel forced on the same shapes — all on a real WebGPU adapter (the `webgpu` package, Dawn on
// SwiftShader here) and compared with the CPU backend within the conformance tolerance. A child
// process like testing/agreement.ts (the Vulkan loader reads VK_ICD_FILENAMES from the real
// environment). Writes one JSON report to argv[2].

import { writeFileSync } from 'node:fs';
import { Tensor } from '../../tensor';
import { add } from '../../ops/arith';
import { toDevice } from '../../ops/copy';
import { matmul } from '../../ops/linalg/matmul';
import { gelu, relu } from '../../ops/unary';
import { narrow, transpose } from '../../ops/views';
import { initWebGPU, shutdownWebGPU, webgpuContext } from '../index';
import { nodeGpu } from '../node';
import { compareTensors, lcg } from '../testing/compare';
import { gpuMatmul, tileFor, tiledVariant, type Epilogue, type MatmulKernel } from './matmul';

export interface MatmulCheck {
  name: string;
  /** The tiled load path the operands took ("v/n4", ...), or '' for the other kernels. */
  variant: string;
  /** The tiled kernel's tile for this output (rows×columns). */
  tile: string;
  ok: boolean;
  detail: string;
  dispatches: number;
}

export interface MatmulCheckReport {
  error?: string;
  adapter?: string;
  cases: MatmulCheck[];
  errors: string[];
}

function rand(shape: number[], seed: number): Tensor {
  const r = lcg(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const arr = new Float32Array(n);
  for (let i = 0; i < n; i++) arr[i] = r() * 2 - 1;
  return Tensor.fromArray(arr, shape, 'float32');
}

interface Spec {
  name: string;
  /** Build the CPU operands (a, b: any views) and the bias, if any. */
  make: () => { a: Tensor; b: Tensor; bias?: Tensor };
  kernel?: MatmulKernel;
  epilogue?: Epilogue;
}

/** b given as [N, K] storage, used transposed (an nn.Linear weight). */
const linearB = (n: number, k: number, seed: number): Tensor => transpose(rand([n, k], seed), 0, 1);

const SPECS: Spec[] = [];
const KERNELS: MatmulKernel[] = ['tiled', 'splitk', 'naive'];
for (const kernel of KERNELS) {
  // shapes: aligned, tails in every dim, K shorter than one K tile, single row / column
  for (const [m, k, n] of [[64, 128, 96], [37, 45, 70], [33, 36, 68], [5, 8, 4], [1, 300, 7], [70, 33, 1], [65, 96, 132]] as const) {
    SPECS.push({ name: `${kernel} [${m},${k}]@[${k},${n}]`, kernel, make: () => ({ a: rand([m, k], m + k), b: rand([k, n], n + 1) }) });
    SPECS.push({ name: `${kernel} [${m},${k}]@[${n},${k}]^T`, kernel, make: () => ({ a: rand([m, k], m + 2), b: linearB(n, k, k + 3) }) });
    SPECS.push({ name: `${kernel} [${k},${m}]^T@[${k},${n}]`, kernel, make: () => ({ a: transpose(rand([k, m], 5), 0, 1), b: rand([k, n], 6) }) });
    SPECS.push({ name: `${kernel} [${k},${m}]^T@[${n},${k}]^T`, kernel, make: () => ({ a: transpose(rand([k, m], 25), 0, 1), b: linearB(n, k, 26) }) });
  }
  SPECS.push({ name: `${kernel} bmm [3,20,36]@[3,36,16]`, kernel, make: () => ({ a: rand([3, 20, 36], 7), b: rand([3, 36, 16], 8) }) });
  SPECS.push({ name: `${kernel} bmm [2,9,40]@[2,12,40]^T`, kernel, make: () => ({ a: rand([2, 9, 40], 9), b: transpose(rand([2, 12, 40], 10), 1, 2) }) });
  SPECS.push({ name: `${kernel} batch-broadcast [2,33,16]@[16,44]`, kernel, make: () => ({ a: rand([2, 33, 16], 11), b: rand([16, 44], 12) }) });
  SPECS.push({ name: `${kernel} batch-broadcast [40,16]@[3,16,8]`, kernel, make: () => ({ a: rand([40, 16], 13), b: rand([3, 16, 8], 14) }) });
  // offset views: aligned (offset 8, vec4 path) and unaligned (offset 3: strided path)
  SPECS.push({ name: `${kernel} offset views (aligned)`, kernel, make: () => ({ a: narrow(rand([50, 64], 15), 0, 2, 40), b: narrow(rand([64, 40], 16), 1, 8, 24) }) });
  SPECS.push({ name: `${kernel} offset views (unaligned)`, kernel, make: () => ({ a: narrow(rand([50, 64], 17), 0, 3, 40), b: narrow(rand([64, 40], 18), 1, 3, 24) }) });
  SPECS.push({ name: `${kernel} transposed A, unaligned B view`, kernel, make: () => ({ a: transpose(rand([64, 36], 30), 0, 1), b: narrow(rand([64, 40], 31), 1, 1, 32) }) });
  SPECS.push({ name: `${kernel} fused linear+bias+relu [16,52]@[24,52]^T`, kernel, epilogue: 'relu', make: () => ({ a: rand([16, 52], 19), b: linearB(24, 52, 20), bias: rand([24], 21) }) });
  SPECS.push({ name: `${kernel} fused bias+relu [10,20]@[20,13] (odd N)`, kernel, epilogue: 'relu', make: () => ({ a: rand([10, 20], 27), b: rand([20, 13], 28), bias: rand([13], 29) }) });
  SPECS.push({ name: `${kernel} fused bias+gelu_tanh [8,40]@[40,12]`, kernel, epilogue: 'gelu_tanh', make: () => ({ a: rand([8, 40], 22), b: rand([40, 12], 23), bias: rand([12], 24) }) });
}
// big outputs take the 64×64 tile (tileFor): whole tiles, and overhanging ones with a weight view
SPECS.push({ name: 'tiled big [512,64]@[64,512]', kernel: 'tiled', make: () => ({ a: rand([512, 64], 32), b: rand([64, 512], 33) }) });
SPECS.push({ name: 'tiled big [520,36]@[516,36]^T + bias, relu', kernel: 'tiled', epilogue: 'relu', make: () => ({ a: rand([520, 36], 34), b: linearB(516, 36, 35), bias: rand([516], 36) }) });
// the kernel the shape picks by itself, on the shapes of real layers
for (const [m, k, n] of [[64, 784, 256], [64, 256, 10], [1, 784, 256], [1, 256, 10], [256, 256, 256], [8, 64, 64], [3, 5, 4]] as const) {
  SPECS.push({ name: `auto [${m},${k}]@[${n},${k}]^T`, make: () => ({ a: rand([m, k], m), b: linearB(n, k, n) }) });
}

function expected(s: Spec, a: Tensor, b: Tensor, bias?: Tensor): Tensor {
  let y = matmul(a, b);
  if (bias !== undefined) y = add(y, bias);
  return s.epilogue === 'relu' ? relu(y) : s.epilogue === 'gelu_tanh' ? gelu(y, 'tanh') : y;
}

async function main(): Promise<MatmulCheckReport> {
  const init = await initWebGPU({ gpu: await nodeGpu({ software: process.env.WEBGPU_HARDWARE !== '1' }) });
  if (!init.ok) return { error: `no WebGPU adapter: ${init.reason}`, cases: [], errors: [] };
  const ctx = webgpuContext()!;
  const cases: MatmulCheck[] = [];
  for (const s of SPECS) {
    const { a, b, bias } = s.make();
    const cpu = expected(s, a, b, bias);
    // the same views of device copies of the same storage (offsets and strides preserved)
    const dev = (t: Tensor): Tensor => {
      const base = toDevice(Tensor.fromArray(t.storage.data, [t.storage.data.length], 'float32'), 'webgpu');
      return new Tensor(base.storage, t.shape, t.strides, t.offset);
    };
    const ga = dev(a);
    const gb = dev(b);
    const gbias = bias === undefined ? undefined : dev(bias);
    const v = tiledVariant(ga, gb);
    const d0 = ctx.stats.dispatches;
    let detail: string | null;
    try {
      const out = gpuMatmul(ctx, ga, gb, { kernel: s.kernel, bias: gbias, epilogue: s.epilogue });
      detail = out === null ? 'gpuMatmul declined float32 webgpu operands' : await compareTensors(out, cpu);
    } catch (e) {
      detail = `threw: ${(e as Error).message}`;
    }
    const tile = tileFor(a.shape[a.ndim - 2], b.shape[b.ndim - 1]);
    cases.push({ name: s.name, variant: s.kernel === 'tiled' ? `${v.a}/${v.b}${v.c ? '/c4' : ''}` : '', tile: `${tile.WY * tile.RM}×${tile.WX * tile.CN * 4}`, ok: detail === null, detail: detail ?? '', dispatches: ctx.stats.dispatches - d0 });
  }
  await ctx.sync();
  const r = { adapter: `${init.adapter.vendor} ${init.adapter.architecture}`, cases, errors: ctx.errors.slice() };
  shutdownWebGPU();
  return r;
}

const report = await main().catch((e: unknown): MatmulCheckReport => ({ error: `matmul check crashed: ${String((e as Error).stack ?? e)}`, cases: [], errors: [] }));
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(report));
else console.log(JSON.stringify(report, null, 1));
process.exit(0);
