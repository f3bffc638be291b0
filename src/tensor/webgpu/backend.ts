// The 'webgpu' Backend: where ops/ hands kernel calls for tensors on the webgpu device. Each call
// runs on the GPU when it can run there exactly, and on the CPU side of the device otherwise —
// float64/int64/half dtypes (no exact 32-bit WGSL form), integer division (must raise on zero),
// tiny tensors already on the host (faster there; threshold measured by bench/webgpu.ts). The CPU
// side needs the host copies current; when a value lives only on the GPU it throws HostSyncNeeded
// *before* writing anything, and the async caller syncs and retries (see ../storage.ts).

import { registerBackend, type Backend, type Layout } from '../backend';
import { cpuBackend } from '../cpu/backend';
import { runElementwise } from '../cpu/elementwise';
import type { DType } from '../dtype';
import type { ElementwiseDef } from '../ops/table';
import { HostSyncNeeded, registerStorageFactory, type Storage } from '../storage';
import type { GpuContext } from './context';
import { runElementwiseGpu } from './kernels/elementwise';
import { WebGPUStorage } from './storage';
import { tinyElements } from './active';

export { setTinyThreshold, tinyElements } from './active';

/** Every storage must be readable on the host, or nothing is touched and the caller syncs. */
export function requireHost(storages: readonly Storage[]): void {
  const missing = storages.filter((s) => !s.hostCurrent);
  if (missing.length > 0) throw new HostSyncNeeded([...new Set(missing)]);
}

export function makeWebGPUBackend(ctx: GpuContext): Backend {
  return {
    name: 'webgpu',
    elementwise(op: ElementwiseDef, out: Layout, inputs: readonly Layout[], compute: DType, params: readonly (number | bigint)[]): void {
      const n = out.shape.reduce((a, b) => a * b, 1);
      const all = [out.storage, ...inputs.map((x) => x.storage)];
      const tiny = n <= tinyElements() && all.every((s) => s.hostCurrent);
      if (!tiny && ctx.hostOnly === 0 && runElementwiseGpu(ctx, op, out, inputs, compute, params)) return;
      requireHost(all);
      ctx.stats.cpuOps++;
      runElementwise(op, out, inputs, compute, params);
    },
  };
}

/** Route the 'webgpu' device to `ctx` (storages on the GPU, kernels through this backend). */
export function installWebGPU(ctx: GpuContext): void {
  registerStorageFactory('webgpu', (dtype, n, data) => new WebGPUStorage(ctx, dtype, n, data));
  registerBackend('webgpu', makeWebGPUBackend(ctx));
}

/** Back to the CPU fallback: 'webgpu' tensors become host arrays run by the CPU kernels. */
export function uninstallWebGPU(): void {
  registerStorageFactory('webgpu', null);
  registerBackend('webgpu', cpuBackend);
}
