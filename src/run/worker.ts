// The run worker: the page's scripts execute here, off the UI thread, so a slow or runaway script
// never freezes the page. It receives {script, device}, runs it through the interpreter with a
// ReportCollector watching every functional_call, and posts back a RunReport (plain data, by
// structured clone). The page stops a run by terminating this worker and starting a fresh one
// (client.ts) — there is no cooperative cancel to get wrong.
//
// Setup is shared with the CLI: prepareRuntime installs the torch bindings once, and
// useDefaultDevice applies the page's device switch at the start of every run.

import { runForReport } from './runForReport';
import { prepareRuntime } from './prepare';
import { useDefaultDevice } from './device';
import type { WorkerRequest, WorkerReply } from './protocol';

const post = (m: WorkerReply): void => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(m);

async function adapterName(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return null;
  try {
    const a = await gpu.requestAdapter();
    if (!a) return null;
    const info = a.info;
    return [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU adapter';
  } catch {
    return null;
  }
}

let adapter: string | null = null;

async function handle(req: WorkerRequest): Promise<void> {
  try {
    await prepareRuntime();
    await useDefaultDevice(req.device);
    const report = await runForReport(req.script, { filename: 'main.py', device: req.device, maxMillis: req.maxMillis, adapter });
    post({ type: 'result', id: req.id, report });
  } catch (e) {
    // An engine bug (not a Python exception — those are in the report): say so plainly.
    post({ type: 'crash', id: req.id, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

self.addEventListener('message', (ev: MessageEvent<WorkerRequest>) => {
  if (ev.data?.type === 'run') void handle(ev.data);
});

void adapterName().then((a) => {
  adapter = a;
  post({ type: 'ready', adapter: a });
});
