// The matmul kernels on a real WebGPU adapter: every tiled load path (vec4 / strided, B along N or
// along K), each kernel forced on awkward shapes, views with offsets, batches and the fused
// epilogues, compared with the CPU backend within the conformance tolerance. The GPU work runs in
// a child process (./matmul-check.ts) for the same reason as ../webgpu.test.ts: the Vulkan loader
// reads VK_ICD_FILENAMES from the real process environment. No adapter → the tests FAIL.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { Tensor } from '../../tensor';
import { transpose, narrow } from '../../ops/views';
import { swiftShaderIcd } from '../node';
import { chooseMatmulKernel, tiledVariant } from './matmul';
import type { MatmulCheckReport } from './matmul-check';

const root = new URL('../../../..', import.meta.url).pathname;
let report: MatmulCheckReport = { error: 'matmul check did not start', cases: [], errors: [] };

beforeAll(() => {
  const out = join(tmpdir(), `matmul-check-${process.pid}-${Date.now()}.json`);
  const env = { ...process.env };
  if (env.VK_ICD_FILENAMES === undefined) {
    const icd = swiftShaderIcd();
    if (icd !== null) env.VK_ICD_FILENAMES = icd;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/tensor/webgpu/kernels/matmul-check.ts', out], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
  if (existsSync(out)) {
    report = JSON.parse(readFileSync(out, 'utf8')) as MatmulCheckReport;
    rmSync(out);
  } else report = { error: `matmul check wrote no report (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`, cases: [], errors: [] };
}, 240_000);

describe('matmul kernels on WebGPU agree with the CPU', () => {
  test('a real adapter ran every case, without WebGPU errors', () => {
    expect(report.error, 'WebGPU adapter / matmul check').toBeUndefined();
    expect(report.errors).toEqual([]);
    expect(report.cases.length).toBeGreaterThan(90);
    const silent = report.cases.filter((c) => c.dispatches === 0);
    expect(silent.map((c) => c.name), 'cases that dispatched nothing').toEqual([]);
  });

  test('every case agrees', () => {
    const bad = report.cases.filter((c) => !c.ok).map((c) => `${c.name} [${c.variant}]: ${c.detail}`);
    expect(bad).toEqual([]);
  });

  test('every tiled load path was exercised', () => {
    const seen = new Set(report.cases.filter((c) => c.variant !== '').map((c) => c.variant));
    // (B read as vec4 along N implies N % 4 == 0, hence vec4 stores)
    const paths = ['v/n4/c4', 's/n4/c4', ...['v/k4', 'v/s', 's/k4', 's/s'].flatMap((v) => [v, `${v}/c4`])];
    for (const v of paths) expect(seen, v).toContain(v);
  });

  test('both tile sizes ran', () => {
    const tiles = new Set(report.cases.filter((c) => c.variant !== '').map((c) => c.tile));
    expect([...tiles].sort()).toEqual(['64×32', '64×64']);
  });
});

describe('kernel and load-path choice', () => {
  const t = (shape: number[]): Tensor => Tensor.empty(shape, 'float32');
  test('vec4 paths need a contiguous axis, multiples of 4 and aligned offsets', () => {
    expect(tiledVariant(t([8, 16]), t([16, 12]))).toEqual({ a: 'v', b: 'n4', c: true });
    // nn.Linear weight [N, K] used transposed: B is contiguous along K
    expect(tiledVariant(t([8, 16]), transpose(t([12, 16]), 0, 1))).toEqual({ a: 'v', b: 'k4', c: true });
    expect(tiledVariant(t([8, 15]), t([15, 12]))).toEqual({ a: 's', b: 'n4', c: true });
    expect(tiledVariant(t([8, 16]), t([16, 13]))).toEqual({ a: 'v', b: 's', c: false });
    expect(tiledVariant(narrow(t([9, 16]), 0, 1, 8), narrow(t([16, 20]), 1, 2, 12))).toEqual({ a: 'v', b: 's', c: true });
    expect(tiledVariant(transpose(t([16, 8]), 0, 1), t([16, 12]))).toEqual({ a: 's', b: 'n4', c: true });
  });
  test('skinny products with a long K split K; tiny ones run one thread per output', () => {
    expect(chooseMatmulKernel(1, 1, 4096, 1)).toBe('splitk');
    expect(chooseMatmulKernel(1, 10, 256, 1)).toBe('naive');
    expect(chooseMatmulKernel(64, 10, 256, 1)).toBe('naive');
    expect(chooseMatmulKernel(3, 4, 5, 1)).toBe('naive');
    expect(chooseMatmulKernel(256, 256, 256, 1)).toBe('tiled');
    expect(chooseMatmulKernel(64, 64, 128, 1)).toBe('tiled');
    expect(chooseMatmulKernel(32, 32, 32, 1)).toBe('naive');
  });
});
