// The browser part of the WebGPU bench (`npm run bench -- --only webgpu`, after the Node rows of
// ./webgpu.ts): bundles ./browser/entry.ts with Vite's JS API (no config file; the page build's
// vite.config.ts is not involved), loads it into ONE headless Chromium (/usr/bin/chromium driven
// by playwright-core, as bench/page.ts and e2e/ do), and measures on the page's WebGPU adapter:
// float32 matmul n = 256/1024 and the fused MLP forward x[64,784] → Linear 256 + ReLU → Linear 10,
// ours vs @tensorflow/tfjs-backend-webgpu on the same adapter, plus our CPU/WASM path in the same
// page (the adapters here are software, so the CPU can win). Rows are GFLOP/s; the table prints
// ours/tfjs. How each side waits for finished GPU work is explained in ./browser/entry.ts.
//
// Adapters (BENCH_WEBGPU_ADAPTER picks one; default 'gles', falling back to the other when the
// page gets no adapter): 'swiftshader' = --enable-unsafe-webgpu (Dawn on Vulkan SwiftShader, a
// core adapter); 'gles' = --use-angle=vulkan --use-webgpu-adapter=opengles --force-webgpu-compat
// (Dawn's OpenGL ES backend through ANGLE on the system Vulkan driver — Mesa lavapipe here — a
// compatibility adapter — no 'core-features-and-limits' — even when asked for a core one; our
// device code copies adapter.limits into requestDevice). On this 2-core machine 'gles' runs
// matmul 2–5× faster than SwiftShader (for both libraries), so it is the default.
//
// Also measured, on the same adapter: each matmul kernel on layer-like shapes (the rows behind
// chooseMatmulKernel's thresholds) and one elementwise add on the GPU vs the CPU by size (behind
// the device's tiny-tensor threshold). `npx tsx bench/webgpu-browser.ts [--adapter gles|swiftshader]
// [--no-kernels]` prints the rows alone.

import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { Row } from './engine';
import type { BenchOptions, BenchResult } from './browser/entry';
import { chooseMatmulKernel } from '../src/tensor/webgpu/kernels/matmul';

const root = new URL('..', import.meta.url).pathname;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export const ADAPTER_FLAGS = {
  gles: ['--use-angle=vulkan', '--use-webgpu-adapter=opengles', '--force-webgpu-compat'],
  swiftshader: ['--enable-unsafe-webgpu'],
} as const;
export type AdapterChoice = keyof typeof ADAPTER_FLAGS;

const ADAPTER_LABEL: Record<AdapterChoice, string> = {
  gles: 'Chromium OpenGL ES compat adapter (ANGLE→Vulkan)',
  swiftshader: 'Chromium SwiftShader',
};

/** A localhost origin (a secure context, so navigator.gpu exists) answered by page.route. */
const ORIGIN = 'http://localhost:9';

/** The page code as one self-contained ES module. */
async function bundle(): Promise<string> {
  const out = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: `${root}bench/browser/entry.ts`, formats: ['es'], fileName: 'webgpu-bench' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (chunk?.code === undefined) throw new Error('no bundle produced');
  return chunk.code;
}

/** Run the page bench in one Chromium launched with `choice`'s flags. */
export async function runInChromium(code: string, choice: AdapterChoice, opts: BenchOptions): Promise<BenchResult> {
  // The Node rows (./webgpu.ts) point this process's Vulkan loader at SwiftShader through
  // VK_ICD_FILENAMES; Chromium must not inherit that, or ANGLE's Vulkan (the 'gles' adapter) finds
  // only SwiftShader and the page gets no adapter.
  const env = { ...process.env } as Record<string, string>;
  if (env.VK_ICD_FILENAMES !== undefined && /swiftshader/i.test(env.VK_ICD_FILENAMES)) delete env.VK_ICD_FILENAMES;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...ADAPTER_FLAGS[choice]], headless: true, env });
  try {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => {
      if (process.env.BENCH_WEBGPU_DEBUG === '1') console.error(`[page ${m.type()}] ${m.text()}`);
      if (m.type() === 'error' || m.type() === 'warning') logs.push(m.text());
    });
    page.on('pageerror', (e) => logs.push(e.message));
    await page.route(`${ORIGIN}/**`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>webgpu bench</title>' }));
    await page.goto(`${ORIGIN}/bench.html`);
    await page.addScriptTag({ content: code, type: 'module' });
    await page.waitForFunction(() => typeof (globalThis as unknown as { __webgpuBench?: unknown }).__webgpuBench === 'function');
    const r = (await page.evaluate((o) => (globalThis as unknown as { __webgpuBench: (o: BenchOptions) => Promise<BenchResult> }).__webgpuBench(o), opts)) as BenchResult;
    if (logs.length > 0 && r.error === undefined) r.errors.push(...logs.filter((l) => /WebGPU error/.test(l)));
    return r;
  } finally {
    await browser.close();
  }
}

/** Largest relative error we accept between a GPU result and our CPU result (float32 sums). */
const TOLERANCE = 1e-3;

export function rowsOf(r: BenchResult, choice: AdapterChoice): Row[] {
  const label = `${ADAPTER_LABEL[choice]}${r.adapter.featureLevel === 'compatibility' ? ', compat' : ''}${r.adapter.architecture ? `: ${r.adapter.vendor} ${r.adapter.architecture}` : ''}`;
  const rows: Row[] = [];
  const g = (flops: number, s: number): number => flops / s / 1e9;
  for (const c of r.cases) {
    const group = c.name.startsWith('MLP') ? 'webgpu browser MLP forward' : 'webgpu browser matmul f32';
    for (const [who, err] of [['ours', c.oursErr], ['tfjs-webgpu', c.tfjsErr]] as const) {
      if (!(err <= TOLERANCE)) throw new Error(`${c.name}: ${who} result differs from our CPU result (max rel. error ${err})`);
    }
    rows.push({ group, name: `${c.name} ours WebGPU [${c.kernel}] (${label})`, value: g(c.flops, c.ours), unit: 'GFLOP/s', baseline: g(c.flops, c.tfjs), baselineName: 'tfjs-webgpu, same adapter' });
    rows.push({ group, name: `${c.name} ours CPU/WASM, same page`, value: g(c.flops, c.cpu), unit: 'GFLOP/s', baseline: g(c.flops, c.ours), baselineName: 'our WebGPU' });
  }
  // kernel rows: each kernel on layer-like shapes, against the fastest of them on that shape
  const byShape = new Map<string, [string, number][]>();
  for (const [key, sec] of Object.entries(r.kernelTimes)) {
    const [kernel, shape] = key.split(' ');
    byShape.set(shape, [...(byShape.get(shape) ?? []), [kernel, sec]]);
  }
  for (const [shape, list] of byShape) {
    const [m, k, n] = shape.split('×').map(Number);
    const flops = 2 * m * k * n;
    const fastest = Math.min(...list.map(([, sec]) => sec));
    const chosen = chooseMatmulKernel(m, n, k, 1);
    for (const [kernel, sec] of list) {
      rows.push({ group: 'webgpu browser matmul kernels', name: `${shape} ${kernel}${kernel === chosen ? ' (chosen)' : ''}`, value: g(flops, sec), unit: 'GFLOP/s', baseline: g(flops, fastest), baselineName: 'fastest kernel' });
    }
  }
  for (const [n, gpu, cpu] of r.addTimes) {
    rows.push({ group: 'webgpu browser elementwise crossover', name: `add n=${n}: µs per op, GPU (batched)`, value: gpu * 1e6, unit: 'µs', baseline: cpu * 1e6, baselineName: 'our CPU, same page' });
  }
  return rows;
}

export interface BrowserBenchOptions {
  adapter?: AdapterChoice;
  /** The kernel-choice and elementwise-crossover rows (default on). */
  kernels?: boolean;
  minSeconds?: number;
}

/** The rows of the browser WebGPU bench (throws when no adapter works or a result is wrong). */
export async function benchWebGPUBrowser(o: BrowserBenchOptions = {}): Promise<Row[]> {
  const env = process.env.BENCH_WEBGPU_ADAPTER;
  const first: AdapterChoice = o.adapter ?? (env === 'swiftshader' || env === 'gles' ? env : 'gles');
  const opts: BenchOptions = {
    minSeconds: o.minSeconds ?? 0.2,
    sizes: [256, 1024],
    ...(o.kernels !== false
      ? {
          kernels: ['tiled', 'splitk', 'naive'],
          // [m, k, n]: MLP layers at batch 64 and 1, small squares around the naive/tiled
          // crossover, a dot product, a thin batch
          shapes: [[64, 784, 256], [64, 256, 10], [1, 784, 256], [1, 4096, 1], [4, 1024, 16], [32, 32, 32], [64, 128, 64], [128, 128, 128]],
          addSizes: [256, 4096, 65536, 1 << 20],
        }
      : {}),
  };
  const code = await bundle();
  let choice = first;
  let r = await runInChromium(code, choice, opts);
  if (r.error !== undefined && o.adapter === undefined) {
    choice = first === 'gles' ? 'swiftshader' : 'gles';
    const firstError = r.error;
    process.stderr.write(`(browser webgpu: no '${first}' adapter (${firstError}); trying '${choice}') `);
    r = await runInChromium(code, choice, opts);
    if (r.error !== undefined) throw new Error(`no WebGPU adapter in Chromium (${first}: ${firstError}; ${choice}: ${r.error})`);
  } else if (r.error !== undefined) throw new Error(`no WebGPU adapter in Chromium (${choice}): ${r.error}`);
  if (r.errors.length > 0) throw new Error(`WebGPU errors in the page: ${r.errors.slice(0, 3).join('; ')}`);
  return rowsOf(r, choice);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const ai = argv.indexOf('--adapter');
  const rows = await benchWebGPUBrowser({ kernels: !argv.includes('--no-kernels'), adapter: ai >= 0 ? (argv[ai + 1] as AdapterChoice) : undefined });
  for (const r of rows) console.log(`${r.group} | ${r.name} | ${r.value.toFixed(2)} ${r.unit} | ${r.baseline?.toFixed(2) ?? ''} ${r.baselineName ?? ''}`);
}
