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
