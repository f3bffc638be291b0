// The run worker: the page's scripts execute here, off the UI thread, so a slow or runaway script
// never freezes the page. It receives {script, device}, runs it through the interpreter with a
// ReportCollector watching every functional_call, and posts back a RunReport (plain data, by
// structured clone). The page stops a run by terminating this worker and starting a fresh one
// (client.ts) — there is no cooperative cancel to get wrong.
//
// The torch bindings are being written alongside: the module that installs them is found with
// import.meta.glob, so the page builds and runs plain Python before they land and picks them up
// as soon as they exist (runForReport finds the functional_call observer hook itself).

import { runForReport } from './runForReport';
import type { WorkerRequest, WorkerReply } from './protocol';

// Installs the torch bindings into the interpreter (once), when the bindings exist in this build.
const bindingModules = import.meta.glob<{ installTorchBindings?: () => void | Promise<void> }>('../python/bindings/index.ts');
let setup: Promise<void> | null = null;
function prepare(): Promise<void> {
  setup ??= (async () => {
    for (const load of Object.values(bindingModules)) await (await load()).installTorchBindings?.();
  })();
  return setup;
}

// Sets the run's default device ('cpu' | 'webgpu'), once the WebGPU backend provides the switch.
const deviceModules = import.meta.glob<{ useDefaultDevice?: (d: 'cpu' | 'webgpu') => void | Promise<void> }>('./device.ts');
async function selectDevice(d: 'cpu' | 'webgpu'): Promise<void> {
  for (const load of Object.values(deviceModules)) await (await load()).useDefaultDevice?.(d);
}

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
    await prepare();
    await selectDevice(req.device);
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
