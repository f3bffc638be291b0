// Browser entry of the agreement run (bundled by e2e/webgpu.e2e.ts): the same cases as the Node
// run, on the page's navigator.gpu. Exposes `window.__webgpuAgreement()`.
import { initWebGPU, setTinyThreshold, shutdownWebGPU, webgpuContext } from '../index';
import type { CaseResult } from './compare';
import { elementwiseCases } from './elementwise-cases';
import { kernelCases } from './kernel-cases';

export interface BrowserAgreement {
  error?: string;
  adapter?: unknown;
  cases: CaseResult[];
  dispatches: number;
  errors: string[];
}

async function agreement(): Promise<BrowserAgreement> {
  const init = await initWebGPU();
  if (!init.ok) return { error: init.reason, cases: [], dispatches: 0, errors: [] };
  const ctx = webgpuContext()!;
  setTinyThreshold(0);
  const cases = [...(await elementwiseCases(ctx)), ...(await kernelCases(ctx))];
  await ctx.sync();
  const r = { adapter: ctx.adapter, cases, dispatches: ctx.stats.dispatches, errors: ctx.errors.slice() };
  shutdownWebGPU();
  return r;
}

(globalThis as unknown as { __webgpuAgreement: () => Promise<BrowserAgreement> }).__webgpuAgreement = agreement;
