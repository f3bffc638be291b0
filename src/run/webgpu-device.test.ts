// The 'webgpu' device end to end, on a real adapter (Dawn through the `webgpu` package; SwiftShader
// on machines without a GPU): the whole conformance corpus run with `--device webgpu --tiny 0`
// (every op the GPU can run goes there, however small) must pass the semantic match exactly where
// the CPU run does, and the GPU counters must show that the adapter did the work — a silent CPU
// fallback fails here. Then printing: a tensor on the device prints `device='webgpu:0'` where
// PyTorch prints `device='cuda:0'`, and CUDA raises as on a CPU-only build (fixtures/device_print,
// golden by the oracle). Both run in child processes: the Vulkan loader reads VK_ICD_FILENAMES
// from the real process environment, which a Vitest worker thread cannot set.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { swiftShaderIcd } from '../tensor/webgpu/node';
import { compareDumpOnDevice, normalizeDeviceText } from './compareDevice';
import type { DumpJSON } from './dump';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'src/run/fixtures/device_print');

interface Summary {
  passed: number;
  total: number;
  unexpectedFailures: number;
  unexpectedPasses: number;
  unexpectedFailureNames?: string[];
  device: string;
  error?: string;
  gpu?: { adapter: string; stats: { dispatches: number; downloads: number; byKernel: Record<string, number> }; perScenarioDispatches: Record<string, number> };
}

let summary: Summary | null = null;
let runnerOutput = '';
let dump: DumpJSON | null = null;
let dumpError = '';

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  if (e.VK_ICD_FILENAMES === undefined) {
    const icd = swiftShaderIcd();
    if (icd !== null) e.VK_ICD_FILENAMES = icd;
  }
  return e;
}

beforeAll(() => {
  const out = join(tmpdir(), `conformance-webgpu-${process.pid}-${Date.now()}.json`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', '--device', 'webgpu', '--tiny', '0', '--summary-json', out], { cwd: root, env: env(), encoding: 'utf8', timeout: 240_000 });
  runnerOutput = `${r.stdout}\n${r.stderr}`.slice(-4000);
  if (existsSync(out)) {
    summary = JSON.parse(readFileSync(out, 'utf8')) as Summary;
    rmSync(out);
  }
  const c = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', `${fixture}.py`, '--json', '--device', 'webgpu'], { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });
  try {
    dump = JSON.parse(c.stdout) as DumpJSON;
  } catch {
    dumpError = `cli exit ${c.status}: ${c.stderr.slice(-2000)}`;
  }
}, 300_000);

describe('conformance with --device webgpu', () => {
  test('a real WebGPU adapter ran the corpus', () => {
    expect(summary, `the runner wrote no summary:\n${runnerOutput}`).not.toBeNull();
    expect(summary!.error, 'no WebGPU adapter').toBeUndefined();
    const gpu = summary!.gpu!;
    expect(gpu.adapter).not.toBe('');
    // at least one dispatch per scenario on average, results read back, and most scenarios on the GPU
    expect(gpu.stats.dispatches).toBeGreaterThanOrEqual(summary!.total);
    expect(gpu.stats.downloads).toBeGreaterThan(0);
    const onGpu = Object.values(gpu.perScenarioDispatches).filter((n) => n > 0).length;
    expect(onGpu).toBeGreaterThanOrEqual(Math.ceil(summary!.total * 0.75));
  });

  test('every scenario passes the semantic match as on the CPU', () => {
    expect(summary, runnerOutput).not.toBeNull();
    expect(summary!.unexpectedFailureNames ?? [], runnerOutput).toEqual([]);
    expect(summary!.unexpectedFailures).toBe(0);
    expect(summary!.unexpectedPasses).toBe(0);
  });
});

describe("printing on the device (device='webgpu:0' as PyTorch prints device='cuda:0')", () => {
  const golden = JSON.parse(readFileSync(`${fixture}.json`, 'utf8')) as DumpJSON;

  test('with the device suffix taken out, the dump is the CPU golden', () => {
    expect(dump, dumpError).not.toBeNull();
    const v = compareDumpOnDevice(golden, dump);
    expect(v.diffs).toEqual([]);
    expect(v.ok).toBe(true);
    expect(normalizeDeviceText(dump!.stdout)).toBe(normalizeDeviceText(golden.stdout));
  });

  test('every printed tensor names the device, as its first suffix', () => {
    expect(dump, dumpError).not.toBeNull();
    const printed = (dump!.vars.printed as { items: { value: string }[] }).items.map((i) => i.value);
    for (const p of printed) {
      expect(p.match(/device='webgpu:0'/g)?.length, p).toBe(1);
      const at = p.indexOf("device='webgpu:0'");
      for (const other of ['dtype=', 'grad_fn=', 'requires_grad=']) if (p.includes(other)) expect(p.indexOf(other), p).toBeGreaterThan(at);
    }
  });

  test('CUDA raises as on a PyTorch build without CUDA', () => {
    expect(dump, dumpError).not.toBeNull();
    expect(dump!.vars.errors).toEqual(golden.vars.errors);
    expect((golden.vars.errors as { items: unknown[] }).items.every((e) => (e as { kind: string }).kind === 'str')).toBe(true);
  });
});
