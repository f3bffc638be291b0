// The page's side of running a script: one Web Worker (worker.ts) at a time, a promise per run,
// cancel = terminate the worker and start a fresh one. A wall-clock guard does the same when the
// interpreter's own time limit (TimeoutError inside the script) fails to end a run — a stuck
// worker must never leave the page waiting. The page never touches engine objects: what comes
// back is a RunReport or the reason the run was stopped.

import type { RunReport } from './report';
import type { WorkerReply, WorkerRequest } from './protocol';

/** What the client needs of a Worker (a fake stands in for it in tests). */
export interface WorkerLike {
  postMessage(m: WorkerRequest): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export type RunOutcome = { report: RunReport } | { stopped: string };

export interface RunClientOptions {
  createWorker: () => WorkerLike;
  /** The interpreter's limit: a runaway script ends with TimeoutError after this (DESIGN: ~2 s). */
  maxMillis?: number;
  /** Extra time before the page gives up on the worker and restarts it. */
  graceMillis?: number;
  /** The adapter the worker reports at start-up (null: none, with the reason when it knows one). */
  onAdapter?: (adapter: string | null, reason?: string | null) => void;
  /** Something the page should tell the user (e.g. the WebGPU device was lost and the run restarted on the CPU). */
  onNotice?: (message: string) => void;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class RunClient {
  private worker: WorkerLike;
  private nextId = 1;
  private pending: { id: number; resolve: (o: RunOutcome) => void; timer: unknown; script: string; device: 'cpu' | 'webgpu' } | null = null;
  readonly maxMillis: number;
  readonly graceMillis: number;
  private readonly setTimer: (f: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly opts: RunClientOptions) {
    this.maxMillis = opts.maxMillis ?? 2000;
    this.graceMillis = opts.graceMillis ?? 3000;
    this.setTimer = opts.setTimer ?? ((f, ms) => setTimeout(f, ms));
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.worker = this.spawn();
  }

  private spawn(): WorkerLike {
    const w = this.opts.createWorker();
    w.onmessage = (ev) => this.onReply(ev.data);
    w.onerror = (ev) => this.finish({ stopped: `The run worker failed: ${ev.message || 'unknown error'}` }, true);
    return w;
  }

  private onReply(m: WorkerReply): void {
    if (m.type === 'ready') {
      this.opts.onAdapter?.(m.adapter, m.reason ?? null);
      return;
    }
    if (m.type === 'lost') {
      this.deviceLost(m.message);
      return;
    }
    if (!this.pending || m.id !== this.pending.id) return; // a late reply from a superseded run
    if (m.type === 'result') this.finish({ report: m.report }, false);
    else if (m.type === 'unavailable') this.finish({ stopped: m.message }, false);
    else this.finish({ stopped: `The engine crashed: ${m.message}` }, true);
  }

  private finish(o: RunOutcome, restart: boolean): void {
    const p = this.pending;
    this.pending = null;
    if (p) {
      this.clearTimer(p.timer);
      p.resolve(o);
    }
    if (restart) this.restart();
  }

  /** DESIGN: on device.lost the run restarts on the CPU with a notice. The worker's tensors went
   * with the device, so it is replaced, and the run in progress starts over on the CPU. */
  private deviceLost(message: string): void {
    this.opts.onAdapter?.(null);
    const p = this.pending;
    const again = p !== null && p.device === 'webgpu';
    this.opts.onNotice?.(`The WebGPU device was lost (${message})${again ? ': the run restarted on the CPU.' : '.'}`);
    this.restart();
    if (again) {
      p.device = 'cpu';
      this.worker.postMessage({ type: 'run', id: p.id, script: p.script, device: 'cpu', maxMillis: this.maxMillis });
    }
  }

  private restart(): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = this.spawn();
  }

  /** Start a run (cancelling any run in progress). */
  run(script: string, device: 'cpu' | 'webgpu'): { done: Promise<RunOutcome>; cancel: () => void } {
    if (this.pending) this.stop('Superseded by a newer run.');
    const id = this.nextId++;
    const done = new Promise<RunOutcome>((resolve) => {
      const limit = this.maxMillis + this.graceMillis;
      const timer = this.setTimer(
        () => this.stopId(id, `Stopped: the run did not finish within ${limit / 1000} s, so its worker was restarted.`),
        limit,
      );
      this.pending = { id, resolve, timer, script, device };
    });
    this.worker.postMessage({ type: 'run', id, script, device, maxMillis: this.maxMillis });
    return { done, cancel: () => this.stopId(id, 'Stopped by you.') };
  }

  private stopId(id: number, why: string): void {
    if (this.pending?.id === id) this.stop(why);
  }

  /** End the current run now: terminate the worker, start a fresh one. */
  stop(why: string): void {
    if (!this.pending) return;
    this.finish({ stopped: why }, true);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
