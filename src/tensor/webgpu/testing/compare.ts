// Agreement checks shared by the Node agreement run and the browser e2e: run the same op on CPU
// tensors and on 'webgpu' tensors and compare the way the conformance comparer does
// (|gpu - cpu| <= 1e-5 + 1e-4·|cpu|, NaN only matches NaN, infinities only the same infinity;
// integers and bools exactly), and count the dispatches the case made so a silent CPU fallback
// shows. Deterministic inputs from a tiny LCG so a failure reproduces.

import type { StorageArray } from '../../dtype';
import { isFloating } from '../../dtype';
import type { Tensor } from '../../tensor';
import type { GpuContext } from '../context';

export const ATOL = 1e-5;
export const RTOL = 1e-4;

export interface CaseResult {
  name: string;
  ok: boolean;
  detail: string;
  /** Dispatches this case made on the GPU (excluding moving its inputs there). */
  dispatches: number;
  /** Kernel calls of the case that ran on the CPU side of the webgpu device. */
  cpuOps: number;
}

export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= ATOL + RTOL * Math.abs(b);
}

/** Compare GPU values `g` to CPU values `c`; returns null when they agree, else a description. */
export function compareValues(g: StorageArray, c: StorageArray, dtype: string): string | null {
  if (g.length !== c.length) return `length ${g.length} vs ${c.length}`;
  const exact = !isFloating(dtype as never);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < c.length; i++) {
    const a = Number(g[i]);
    const b = Number(c[i]);
    const ok = exact ? g[i] === c[i] : close(a, b);
    if (!ok) {
      const err = Math.abs(a - b);
      if (worst < 0 || err > worstErr || Number.isNaN(err)) {
        worst = i;
        worstErr = err;
      }
    }
  }
  return worst < 0 ? null : `at ${worst}: gpu ${String(g[worst])} vs cpu ${String(c[worst])}`;
}

/** Compare two tensors (GPU one read asynchronously). */
export async function compareTensors(gpu: Tensor, cpu: Tensor): Promise<string | null> {
  if (gpu.dtype !== cpu.dtype) return `dtype ${gpu.dtype} vs ${cpu.dtype}`;
  if (gpu.shape.join(',') !== cpu.shape.join(',')) return `shape [${gpu.shape}] vs [${cpu.shape}]`;
  if (gpu.device !== 'webgpu') return `result on ${gpu.device}, expected webgpu`;
  return compareValues(await gpu.data(), cpu.dataSync(), cpu.dtype);
}

/** Run `f` and report what it dispatched: total dispatches and CPU-side kernel calls. */
export function counting<T>(ctx: GpuContext, f: () => T): { value: T; dispatches: number; cpuOps: number } {
  const d0 = ctx.stats.dispatches;
  const c0 = ctx.stats.cpuOps;
  const value = f();
  return { value, dispatches: ctx.stats.dispatches - d0, cpuOps: ctx.stats.cpuOps - c0 };
}

export async function countingAsync<T>(ctx: GpuContext, f: () => Promise<T>): Promise<{ value: T; dispatches: number; cpuOps: number }> {
  const d0 = ctx.stats.dispatches;
  const c0 = ctx.stats.cpuOps;
  const value = await f();
  return { value, dispatches: ctx.stats.dispatches - d0, cpuOps: ctx.stats.cpuOps - c0 };
}
