// The page-side run client when the worker reports that its WebGPU device was lost: the page is
// told (a notice, and no adapter), the worker is replaced, and the run in progress starts over on
// the CPU under the same id, so its result still resolves the caller's promise.
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
  const adapters: (string | null)[] = [];
  const notices: string[] = [];
  const client = new RunClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    onAdapter: (a) => adapters.push(a),
    onNotice: (m) => notices.push(m),
    setTimer: () => null,
    clearTimer: () => {},
  });
  return { client, workers, adapters, notices };
}

const report = { version: 1, stdout: 'cpu\n' } as unknown as RunReport;

describe('RunClient: WebGPU device lost', () => {
  it('restarts the webgpu run on the CPU with a notice', async () => {
    const { client, workers, adapters, notices } = setup();
    workers[0].reply({ type: 'ready', adapter: 'SwiftShader' });
    const h = client.run('print(1)', 'webgpu');
    workers[0].reply({ type: 'lost', message: 'unknown: device reset' });
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].sent).toEqual([{ type: 'run', id: 1, script: 'print(1)', device: 'cpu', maxMillis: 2000 }]);
    expect(adapters).toEqual(['SwiftShader', null]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('restarted on the CPU');
    workers[1].reply({ type: 'result', id: 1, report });
    expect(await h.done).toEqual({ report });
  });

  it('between runs: a notice and a fresh worker, nothing re-run', () => {
    const { workers, notices } = setup();
    workers[0].reply({ type: 'lost', message: 'destroyed' });
    expect(workers).toHaveLength(2);
    expect(workers[1].sent).toEqual([]);
    expect(notices[0]).not.toContain('restarted');
  });
});
