// The messages between the page (client.ts) and the run worker (worker.ts). Plain data only.

import type { RunReport } from './report';

export interface WorkerRequest {
  type: 'run';
  id: number;
  script: string;
  device: 'cpu' | 'webgpu';
  /** The interpreter's own wall-clock limit (it raises TimeoutError naming it). */
  maxMillis: number;
}

export type WorkerReply =
  /** Sent once at start-up: the WebGPU adapter the worker acquired, or null (CPU only) and why. */
  | { type: 'ready'; adapter: string | null; reason?: string }
  /** The WebGPU device was lost (driver reset, ...): the run in progress is restarted on the CPU. */
  | { type: 'lost'; message: string }
  | { type: 'result'; id: number; report: RunReport }
  /** No interpreter in this build. */
  | { type: 'unavailable'; id: number; message: string }
  /** The engine itself failed (a bug, not a Python exception). */
  | { type: 'crash'; id: number; message: string };
