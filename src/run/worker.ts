// The run worker: the page's scripts execute here, off the UI thread, so a slow or runaway script
// never freezes the page. It receives {script, device}, runs it through the interpreter with a
// ReportCollector watching every functional_call, and posts back a RunReport (plain data, by
// structured clone). The page stops a run by terminating this worker and starting a fresh one
// (client.ts) — there is no cooperative cancel to get wrong.
//
// The interpreter entry is found with import.meta.glob so the page builds (and says so clearly)
// while the interpreter is still being written. It may export either
//   runReport(source, opts) → Promise<RunReport>                 (it builds the report itself), or
//   runScript(source, { filename, device, maxMillis, observer }) → Promise<RunResult>
// where `observer` is a ReportCollector (buildReport.ts) the functional_call bindings report to.

import { ReportCollector, type FunctionalCallObserver, type RunResult } from './buildReport';
import type { RunReport } from './report';
import type { WorkerRequest, WorkerReply } from './protocol';

interface EngineModule {
  runReport?: (source: string, opts: { filename: string; device: 'cpu' | 'webgpu'; maxMillis: number }) => Promise<RunReport>;
  runScript?: (
    source: string,
    opts: { filename: string; device: 'cpu' | 'webgpu'; maxMillis: number; observer: FunctionalCallObserver },
  ) => Promise<RunResult>;
}

const candidates = import.meta.glob<EngineModule>(['./run.ts', './runScript.ts', './engine.ts']);

async function loadEngine(): Promise<EngineModule | null> {
  for (const load of Object.values(candidates)) {
    const m = await load();
    if (typeof m.runReport === 'function' || typeof m.runScript === 'function') return m;
  }
  return null;
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

async function handle(req: WorkerRequest): Promise<void> {
  const engine = await loadEngine();
  if (!engine) {
    post({ type: 'unavailable', id: req.id, message: 'The Python engine is not part of this build yet (src/run has no runScript).' });
    return;
  }
  const opts = { filename: 'main.py', device: req.device, maxMillis: req.maxMillis };
  try {
    let report: RunReport;
    if (engine.runReport) report = await engine.runReport(req.script, opts);
    else {
      const collector = new ReportCollector({ source: req.script, filename: opts.filename });
      const result = await engine.runScript!(req.script, { ...opts, observer: collector });
      report = await collector.build(result);
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

void adapterName().then((adapter) => post({ type: 'ready', adapter }));
