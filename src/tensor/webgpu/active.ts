// Which GPU context the 'webgpu' device runs on right now, for the ops in ops/ that have a GPU
// kernel (matmul, softmax, layer norm, embedding, conv2d, reductions): they ask `gpuFor(x)` and
// call the kernel when it answers a context, else run their CPU path (which reads the host copy —
// a CPU-side fallback inside the webgpu device, invisible to the user). Kept apart from index.ts
// so ops/ can import it without pulling in device acquisition.

import type { Tensor } from '../tensor';
import type { GpuContext } from './context';

let active: GpuContext | null = null;

export function setActiveContext(ctx: GpuContext | null): void {
  active = ctx;
}

/** The context to run `x`'s op on, or null for the CPU path (not on webgpu, no device, or the
 * call is being retried host-side). */
export function gpuFor(x: Tensor): GpuContext | null {
  return x.device === 'webgpu' && active !== null && active.hostOnly === 0 && !active.lost ? active : null;
}

/**
 * Elements at or below which a call whose operands are all current on the host runs on the CPU.
 * Measured (bench/webgpu.ts, "elementwise crossover"): on SwiftShader and on real GPUs alike, one
 * dispatch costs a few tens of microseconds of encoding, while the CPU loop does ~100 M
 * elements/s, so below ~1k elements the CPU wins whenever no upload/download is needed.
 */
let TINY_ELEMENTS = 1024;
export function setTinyThreshold(n: number): void {
  TINY_ELEMENTS = n;
}
export const tinyElements = (): number => TINY_ELEMENTS;

/**
 * The context for an op with a GPU kernel producing `elements` values from `operands`, or null
 * for its CPU path: off the device, no context, a host-side call, or a small result whose
 * operands are all on the host already (the same crossover as elementwise ops).
 */
export function gpuForWork(elements: number, ...operands: readonly (Tensor | null)[]): GpuContext | null {
  const first = operands[0];
  if (first === null || first === undefined) return null;
  const ctx = gpuFor(first);
  if (ctx === null) return null;
  if (elements <= TINY_ELEMENTS && operands.every((t) => t === null || t.storage.hostCurrent)) return null;
  return ctx;
}
