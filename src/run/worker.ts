// The run worker: the page's scripts execute here, off the UI thread, so a slow or runaway script
// never freezes the page. It receives {script, device}, runs it through the interpreter with a
// ReportCollector watching every functional_call, and posts back a RunReport (plain data, by
// structured clone). The page stops a run by terminating this worker and starting a fresh one
// (client.ts) — there is no cooperative cancel to get wrong.
//
// The torch bindings are being written alongside: the observer setter (torch.func's binding) and
// any module that installs the bindings are found with import.meta.glob, so the page builds and
// runs plain Python before they land and picks them up as soon as they exist.

import { runForReport } from './runForReport';
import type { FunctionalCallObserver } from './buildReport';
import type { WorkerRequest, WorkerReply } from './protocol';

type ObserverSetter = (o: FunctionalCallObserver | null) => void;
const setupModules = import.meta.glob(['./engine.ts', '../python/bindings/index.ts']);
const observerModules = import.meta.glob<{ setFunctionalCallObserver?: ObserverSetter }>([
  '../python/bindings/nn/func.ts',
]);

let setup: Promise<ObserverSetter | undefined> | null = null;
function prepare(): Promise<ObserverSetter | undefined> {
  setup ??= (async () => {
    for (const load of Object.values(setupModules)) await load();
    for (const load of Object.values(observerModules)) {
      const m = await load();
      if (m.setFunctionalCallObserver) return m.setFunctionalCallObserver;
    }
    return undefined;
  })();
  return setup;
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
    const setObserver = await prepare();
    const report = await runForReport(req.script, { filename: 'main.py', device: req.device, maxMillis: req.maxMillis, setObserver, adapter });
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
