// WebGPU agreement in real Chromium: the same op-table and kernel cases as the Node run
// (src/tensor/webgpu/testing), bundled with Vite and run on the page's navigator.gpu — Chromium's
// own WebGPU stack (Dawn over SwiftShader here; the runner launches with --enable-unsafe-webgpu).
// Fails when the page has no adapter, when any case disagrees with the CPU, or when a float32
// case did not dispatch on the GPU.

import { build } from 'vite';
import { assert, type E2EContext } from './harness';

const root = new URL('..', import.meta.url).pathname;

interface CaseResult { name: string; ok: boolean; detail: string; dispatches: number; cpuOps: number }
interface BrowserAgreement { error?: string; adapter?: { vendor: string; architecture: string; description: string }; cases: CaseResult[]; dispatches: number; errors: string[] }

async function bundle(): Promise<string> {
  const out = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: `${root}src/tensor/webgpu/testing/browser-entry.ts`, formats: ['es'], fileName: 'agreement' },
      // one self-contained chunk for addScriptTag
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (chunk?.code === undefined) throw new Error('no bundle produced');
  return chunk.code;
}

export async function webgpuAgreesWithCpu(t: E2EContext): Promise<void> {
  const code = await bundle();
  await t.page.goto(t.baseUrl);
  await t.page.addScriptTag({ content: code, type: 'module' });
  await t.page.waitForFunction(() => typeof (globalThis as unknown as { __webgpuAgreement?: unknown }).__webgpuAgreement === 'function');
  const r = (await t.page.evaluate(() => (globalThis as unknown as { __webgpuAgreement: () => Promise<unknown> }).__webgpuAgreement())) as BrowserAgreement;
  assert(r.error === undefined, `no WebGPU adapter in Chromium: ${r.error}`);
  assert(r.errors.length === 0, `uncaptured WebGPU errors: ${r.errors.join('; ')}`);
  const bad = r.cases.filter((c) => !c.ok);
  assert(bad.length === 0, `${bad.length} cases disagree: ${bad.slice(0, 5).map((c) => `${c.name}: ${c.detail}`).join(' | ')}`);
  const silent = r.cases.filter((c) => c.name.includes('float32') && !c.detail.startsWith('both raise') && c.dispatches === 0);
  assert(silent.length === 0, `float32 cases that did not run on the GPU: ${silent.map((c) => c.name).join(', ')}`);
  assert(r.cases.length > 380 && r.dispatches > 300, `too little GPU work: ${r.cases.length} cases, ${r.dispatches} dispatches`);
  console.log(`    webgpu e2e: ${r.cases.length} cases on ${r.adapter?.vendor} ${r.adapter?.architecture}, ${r.dispatches} dispatches`);
}
