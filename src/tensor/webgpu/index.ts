// Public API of the WebGPU device. `initWebGPU()` acquires a device and routes the 'webgpu' device
// to it; without WebGPU it returns the reason and the 'webgpu' device keeps running on the CPU
// (the page shows the reason and defaults to 'cpu'). The printed device string is `webgpu:0`.
// Async callers (the evaluator) catch HostSyncNeeded around synchronous ops: see ../storage.ts.

import { HostSyncNeeded } from '../storage';
import type { Tensor } from '../tensor';
import { installWebGPU, setTinyThreshold, uninstallWebGPU } from './backend';
import type { AdapterSummary, GpuContext, GpuStats } from './context';
import { acquireDevice, type AcquireOptions } from './device';
import { setActiveContext } from './active';

export { HostSyncNeeded };
export type { AdapterSummary, GpuContext, GpuStats };
export { setTinyThreshold };
export { gpuMatmul, chooseMatmulKernel, type Epilogue, type MatmulKernel, type MatmulOptions } from './kernels/matmul';
export { gpuReduceDim, gpuReduceAll, gpuSoftmax, gpuLayerNorm, contiguousGpu, type RowReduce } from './kernels/rows';
export { gpuEmbedding, gpuConv2d, type Conv2dParams } from './kernels/embedding-conv';
export { gpuFor } from './active';

/** How PyTorch-style printing names the device (`device='webgpu:0'`). */
export const WEBGPU_DEVICE_STRING = 'webgpu:0';

let current: GpuContext | null = null;

export type InitResult = { ok: true; adapter: AdapterSummary } | { ok: false; reason: string };

export async function initWebGPU(opts: AcquireOptions = {}): Promise<InitResult> {
  if (current !== null && !current.lost) return { ok: true, adapter: current.adapter };
  const r = await acquireDevice({
    ...opts,
    onLost: (reason, message) => {
      // back to the CPU: tensors whose values were only on the GPU are gone with the device, so
      // the run layer restarts the run (opts.onLost) rather than continuing half-way
      current = null;
      setActiveContext(null);
      uninstallWebGPU();
      opts.onLost?.(reason, message);
    },
  });
  if (r.context === null) return { ok: false, reason: r.reason ?? 'WebGPU unavailable' };
  current = r.context;
  installWebGPU(current);
  setActiveContext(current);
  return { ok: true, adapter: current.adapter };
}

/** The active context (null when the 'webgpu' device runs on the CPU fallback). */
export function webgpuContext(): GpuContext | null {
  return current;
}

/** Release the device; 'webgpu' tensors created afterwards live on the host. */
export function shutdownWebGPU(): void {
  uninstallWebGPU();
  setActiveContext(null);
  current?.destroy();
  current = null;
}

/** Make the host copies of these tensors current (call before CPU work on them). */
export async function syncTensors(...ts: readonly Tensor[]): Promise<void> {
  for (const t of ts) if (!t.storage.hostCurrent) await t.storage.sync();
}

/**
 * Run a synchronous op that may need host values: on HostSyncNeeded, download and call again.
 * This is the hook the evaluator wraps around every torch call (ops read before they write, so a
 * retry repeats nothing that was done).
 */
export async function withHostSync<T>(f: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof HostSyncNeeded) || attempt > 16) throw e;
      await e.sync();
    }
  }
}
