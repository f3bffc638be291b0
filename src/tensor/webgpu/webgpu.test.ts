// WebGPU agreement tests: every op of the op table and every GPU kernel, run on a real WebGPU
// adapter (Dawn through the `webgpu` package; SwiftShader on machines without a GPU) and compared
// with the CPU backend within the conformance tolerance. The GPU work runs in a child process
// (testing/agreement.ts) because the Vulkan loader reads VK_ICD_FILENAMES from the real process
// environment, which a Vitest worker thread cannot set. No adapter → these tests FAIL with the
// reason; a case that silently ran on the CPU fails too (each must show GPU dispatches).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ELEMENTWISE } from '../ops/table';
import { swiftShaderIcd } from './node';
import type { AgreementReport } from './testing/agreement';
import type { CaseResult } from './testing/compare';
import { CPU_SIDE_INT_OPS, ELEMENTWISE_PLAN, INPLACE_CASES } from './testing/elementwise-cases';
import { KERNEL_CASES } from './testing/kernel-cases';

const root = new URL('../../..', import.meta.url).pathname;
let report: AgreementReport = { error: 'agreement run did not start', cases: [], seconds: 0 };
const byName = new Map<string, CaseResult>();

beforeAll(() => {
  const out = join(tmpdir(), `webgpu-agreement-${process.pid}-${Date.now()}.json`);
  const env = { ...process.env };
  if (env.VK_ICD_FILENAMES === undefined) {
    const icd = swiftShaderIcd();
    if (icd !== null) env.VK_ICD_FILENAMES = icd;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/tensor/webgpu/testing/agreement.ts', out], { cwd: root, env, encoding: 'utf8', timeout: 240_000 });
  if (existsSync(out)) {
    report = JSON.parse(readFileSync(out, 'utf8')) as AgreementReport;
    rmSync(out);
  } else report = { error: `agreement run wrote no report (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`, cases: [], seconds: 0 };
  for (const c of report.cases) byName.set(c.name, c);
}, 300_000);

function theCase(name: string): CaseResult {
  expect(report.error, 'WebGPU adapter / agreement run').toBeUndefined();
  const c = byName.get(name);
  expect(c, `case "${name}" missing from the agreement report`).toBeDefined();
  return c!;
}

describe('WebGPU device', () => {
  test('a real WebGPU adapter is available and did the work', () => {
    expect(report.error, 'no WebGPU adapter: install chromium (SwiftShader Vulkan ICD) or set VK_ICD_FILENAMES').toBeUndefined();
    const a = report.adapter as { vendor: string; description: string; architecture: string };
    expect(a.vendor + a.description + a.architecture).not.toBe('');
    const s = report.stats as { dispatches: number; submits: number; downloads: number };
    // hundreds of kernels ran and their results were read back from GPU buffers
    expect(s.dispatches).toBeGreaterThan(300);
    expect(s.submits).toBeGreaterThan(10);
    expect(s.downloads).toBeGreaterThan(300);
    expect(report.errors ?? [], 'uncaptured WebGPU errors').toEqual([]);
  });
});

describe('elementwise ops from the op table agree with the CPU', () => {
  for (const op of ELEMENTWISE) {
    for (const [dtype, layout] of ELEMENTWISE_PLAN) {
      const name = `elementwise ${op.name} ${dtype} ${layout}`;
      test(name, () => {
        const c = theCase(name);
        expect(c.ok, c.detail).toBe(true);
        if (c.detail.startsWith('both raise')) return;
        // float32 always runs on the GPU; integer division/pow run on the CPU side by design
        if (dtype === 'float32' || !CPU_SIDE_INT_OPS.includes(op.name)) expect(c.dispatches, 'GPU dispatches').toBeGreaterThan(0);
        else expect(c.cpuOps, 'CPU-side kernel calls').toBeGreaterThan(0);
      });
    }
  }
});

describe('in-place ops, aliasing and exact dtypes', () => {
  for (const name of INPLACE_CASES) {
    test(name, () => {
      const c = theCase(name);
      expect(c.ok, c.detail).toBe(true);
      if (name.startsWith('exact')) expect(c.cpuOps, 'float64/int64 stay on the host side').toBeGreaterThan(0);
      else expect(c.dispatches).toBeGreaterThan(0);
    });
  }
});

describe('GPU kernels agree with the CPU', () => {
  for (const name of KERNEL_CASES) {
    test(name, () => {
      const c = theCase(name);
      expect(c.ok, c.detail).toBe(true);
      expect(c.dispatches, 'GPU dispatches').toBeGreaterThan(0);
    });
  }
});
