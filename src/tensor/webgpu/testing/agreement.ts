// The Node agreement run: acquires a real WebGPU device through the `webgpu` package (Dawn on
// SwiftShader here), runs every agreement case, and writes one JSON report (argv[2], or stdout).
// It runs as its own process because the Vulkan loader reads VK_ICD_FILENAMES from the real
// environment, which a Vitest worker thread cannot set; webgpu.test.ts spawns it and asserts on
// the report. A missing adapter is reported as `error`, and the test fails on it (never skips).

import { writeFileSync } from 'node:fs';
import { setTinyThreshold, initWebGPU, webgpuContext, shutdownWebGPU } from '../index';
import { nodeGpu } from '../node';
import type { CaseResult } from './compare';
import { elementwiseCases } from './elementwise-cases';
import { kernelCases } from './kernel-cases';

export interface AgreementReport {
  error?: string;
  adapter?: unknown;
  cases: CaseResult[];
  stats?: unknown;
  errors?: string[];
  seconds: number;
}

async function main(): Promise<AgreementReport> {
  const t0 = performance.now();
  const init = await initWebGPU({ gpu: await nodeGpu({ software: process.env.WEBGPU_HARDWARE !== '1' }) });
  if (!init.ok) return { error: `no WebGPU adapter: ${init.reason} (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})`, cases: [], seconds: 0 };
  const ctx = webgpuContext()!;
  // every call must take the GPU path it can take: tiny-tensor CPU shortcuts off
  setTinyThreshold(0);
  const only = process.env.AGREEMENT_ONLY;
  const cases: CaseResult[] = [];
  if (!only || only === 'elementwise') cases.push(...(await elementwiseCases(ctx)));
  if (!only || only === 'kernels') cases.push(...(await kernelCases(ctx)));
  await ctx.sync();
  const report: AgreementReport = { adapter: ctx.adapter, cases, stats: ctx.stats, errors: ctx.errors, seconds: (performance.now() - t0) / 1000 };
  shutdownWebGPU();
  return report;
}

const report = await main().catch((e: unknown) => ({ error: `agreement run crashed: ${String((e as Error).stack ?? e)}`, cases: [], seconds: 0 }));
const json = JSON.stringify(report);
if (process.argv[2]) writeFileSync(process.argv[2], json);
else console.log(json);
process.exit(0);
