// The page-side run client with a fake worker and a fake clock: results, cancel, the wall-clock
// guard, late replies from a terminated worker, and superseded runs.
import { describe, expect, it } from 'vitest';
import { RunClient, type WorkerLike } from './client';
import type { WorkerReply, WorkerRequest } from './protocol';
import type { RunReport } from './report';

class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(m: WorkerRequest): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: WorkerReply): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerReply>);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const timers: { f: () => void; ms: number; cleared: boolean }[] = [];
  const adapters: (string | null)[] = [];
  const reasons: (string | null | undefined)[] = [];
  const client = new RunClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    maxMillis: 2000,
    graceMillis: 1000,
    onAdapter: (a, why) => (adapters.push(a), reasons.push(why)),
    setTimer: (f, ms) => {
      const t = { f, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
  });
  return { client, workers, timers, adapters, reasons };
}

const fakeReport = { version: 1, stdout: 'hi\n' } as unknown as RunReport;

describe('RunClient', () => {
  it('passes on the adapter the worker found, or why there is none', () => {
    const { workers, adapters, reasons } = setup();
    workers[0].reply({ type: 'ready', adapter: null, reason: 'navigator.gpu is missing' });
    workers[0].reply({ type: 'ready', adapter: 'SwiftShader Device (google)' });
    expect(adapters).toEqual([null, 'SwiftShader Device (google)']);
    expect(reasons).toEqual(['navigator.gpu is missing', null]);
  });


  it('sends the script with the interpreter limit and resolves with the report', async () => {
    const { client, workers, timers, adapters } = setup();
    workers[0].reply({ type: 'ready', adapter: null });
    expect(adapters).toEqual([null]);
    const h = client.run('print(1)', 'cpu');
    expect(workers[0].sent).toEqual([{ type: 'run', id: 1, script: 'print(1)', device: 'cpu', maxMillis: 2000 }]);
    expect(timers[0].ms).toBe(3000);
    workers[0].reply({ type: 'result', id: 1, report: fakeReport });
    expect(await h.done).toEqual({ report: fakeReport });
    expect(timers[0].cleared).toBe(true);
    expect(workers).toHaveLength(1);
  });

  it('cancel terminates the worker, starts a fresh one, and ignores the old reply', async () => {
    const { client, workers } = setup();
    const h = client.run('while True: pass', 'cpu');
    h.cancel();
    expect(await h.done).toEqual({ stopped: 'Stopped by you.' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    const h2 = client.run('print(2)', 'cpu');
    workers[0].reply({ type: 'result', id: 1, report: fakeReport }); // the dead worker: no effect
    workers[1].reply({ type: 'result', id: 2, report: fakeReport });
    expect(await h2.done).toEqual({ report: fakeReport });
  });

  it('the wall-clock guard stops a worker that never answers', async () => {
    const { client, workers, timers } = setup();
    const h = client.run('x', 'cpu');
    timers[0].f();
    const o = await h.done;
    expect('stopped' in o && o.stopped).toMatch(/did not finish within 3 s/);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('a new run supersedes the one in flight', async () => {
    const { client, workers } = setup();
    const a = client.run('a', 'cpu');
    const b = client.run('b', 'webgpu');
    expect(await a.done).toEqual({ stopped: 'Superseded by a newer run.' });
    expect(workers[1].sent[0]).toMatchObject({ id: 2, script: 'b', device: 'webgpu' });
    workers[1].reply({ type: 'result', id: 2, report: fakeReport });
    expect(await b.done).toEqual({ report: fakeReport });
    a.cancel(); // cancelling a finished run does nothing
    expect(workers).toHaveLength(2);
  });

  it('reports a missing engine and an engine crash as stopped runs', async () => {
    const { client, workers } = setup();
    const a = client.run('a', 'cpu');
    workers[0].reply({ type: 'unavailable', id: 1, message: 'no engine' });
    expect(await a.done).toEqual({ stopped: 'no engine' });
    const b = client.run('b', 'cpu');
    workers[0].reply({ type: 'crash', id: 2, message: 'TypeError: x' });
    expect(await b.done).toEqual({ stopped: 'The engine crashed: TypeError: x' });
    expect(workers).toHaveLength(2);
  });
});
