// The run worker: the page's scripts execute here, off the UI thread, so a slow or runaway script
// never freezes the page. It receives {script, device}, runs it through the interpreter with a
// ReportCollector watching every functional_call, and posts back a RunReport (plain data, by
// structured clone). The page stops a run by terminating this worker and starting a fresh one
// (client.ts) — there is no cooperative cancel to get wrong.
//
// Setup is shared with the CLI: prepareRuntime installs the torch bindings once, prepareWebGPU
// acquires the page's WebGPU device (the indicator names its adapter), and useDefaultDevice applies
// the page's device switch at the start of every run.

import { runForReport } from './runForReport';
import { prepareRuntime } from './prepare';
import { adapterLabel, prepareWebGPU, useDefaultDevice } from './device';
import type { WorkerRequest, WorkerReply } from './protocol';
import { webgpuContext } from '../tensor/webgpu';

const post = (m: WorkerReply): void => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(m);

const navGpu = (): GPU | undefined => (navigator as Navigator & { gpu?: GPU }).gpu;

/** The WebGPU device, acquired once at start-up (core adapter first, then compatibility). A lost
 * device is reported; the page restarts the run on the CPU with a notice (client.ts). */
const webgpu = prepareWebGPU({
  gpu: navGpu,
  onLost: (reason, message) => post({ type: 'lost', message: `${reason}${message ? `: ${message}` : ''}` }),
}).catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));

let adapter: string | null = null;

async function handle(req: WorkerRequest): Promise<void> {
  try {
    await prepareRuntime();
    await webgpu;
    // without an adapter the switch is disabled on the page; a stale request still runs, on the CPU
    const r = await useDefaultDevice(adapter === null ? 'cpu' : req.device, { gpu: navGpu });
    const device = r.ok && adapter !== null ? req.device : 'cpu';
    const ctx = webgpuContext();
    const before = ctx === null ? null : { ...ctx.stats };
    const report = await runForReport(req.script, { filename: 'main.py', device, maxMillis: req.maxMillis, adapter: device === 'webgpu' ? adapter : null });
    if (ctx !== null && before !== null) {
      const s = ctx.stats;
      report.device.gpu = { dispatches: s.dispatches - before.dispatches, downloads: s.downloads - before.downloads, cpuOps: s.cpuOps - before.cpuOps };
    }
    post({ type: 'result', id: req.id, report });
  } catch (e) {
    // An engine bug (not a Python exception — those are in the report): say so plainly.
    post({ type: 'crash', id: req.id, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

self.addEventListener('message', (ev: MessageEvent<WorkerRequest>) => {
  if (ev.data?.type === 'run') void handle(ev.data);
});

void webgpu.then((r) => {
  adapter = r.ok && r.adapter !== null ? adapterLabel(r.adapter) : null;
  post({ type: 'ready', adapter, reason: r.ok ? undefined : r.reason });
});
