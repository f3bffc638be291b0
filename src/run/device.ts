// The run's default device (the page's device switch, the CLI's --device). Every run starts with
// the bindings' reset to 'cpu' (beforeRun); this hook, installed after it, then applies the device
// the caller asked for, exactly as `torch.set_default_device(...)` at the top of the script would.
//
// 'webgpu' first needs a real device: `useDefaultDevice('webgpu', {gpu})` acquires one (the CLI
// passes the `webgpu` package's GPU, the worker `navigator.gpu`) and reports the adapter, or the
// reason there is none — the caller says so (the CLI fails, the page runs on the CPU). Once a GPU
// context exists, tensor values may live only on the GPU, so every native call gets the host-sync
// hook (hostSync.ts).

import { beforeRun } from './run';
import { hostSync } from './hostSync';
import { setDefaultDevice } from '../python/bindings/torch/types/device';
import { nativeRetry } from '../python/object';
import { initWebGPU, webgpuContext, type AdapterSummary } from '../tensor/webgpu';

export type RunDevice = 'cpu' | 'webgpu';

export interface DeviceSetup {
  /** Where the GPU object comes from (navigator.gpu in a worker; `nodeGpu()` in Node). */
  gpu?: () => GPU | undefined | Promise<GPU | undefined>;
  /** The device was lost mid-life (driver reset, ...): the caller restarts the run on the CPU. */
  onLost?: (reason: string, message: string) => void;
}

export type DeviceResult = { ok: true; adapter: AdapterSummary | null } | { ok: false; reason: string };

let requested: RunDevice = 'cpu';
let installed = false;

/** Name an adapter for people: "SwiftShader Device (Subzero) (google)". */
export function adapterLabel(a: AdapterSummary): string {
  const name = a.description || a.device || a.architecture || 'WebGPU adapter';
  const extra = [a.vendor, a.featureLevel === 'compatibility' ? 'compatibility' : ''].filter(Boolean).join(', ');
  return extra ? `${name} (${extra})` : name;
}

/**
 * Acquire the WebGPU device (once) without choosing it: the worker does this at start-up so the
 * device indicator can name the adapter. The host-sync hook (hostSync.ts) is armed only for runs
 * that use the device — the default device, or the first webgpu tensor a script makes — so CPU
 * runs call natives exactly as without WebGPU.
 */
export async function prepareWebGPU(setup: DeviceSetup = {}): Promise<DeviceResult> {
  const gpu = await setup.gpu?.();
  const r = await initWebGPU({
    gpu,
    onLost: (reason, message) => {
      nativeRetry.hook = null;
      requested = 'cpu';
      setup.onLost?.(reason, message);
    },
  });
  if (!r.ok) return { ok: false, reason: r.reason };
  const ctx = webgpuContext()!;
  ctx.trackWrites = true;
  ctx.onStorage = () => {
    nativeRetry.hook = hostSync;
  };
  return { ok: true, adapter: r.adapter };
}

export async function useDefaultDevice(device: RunDevice, setup: DeviceSetup = {}): Promise<DeviceResult> {
  let result: DeviceResult = { ok: true, adapter: webgpuContext()?.adapter ?? null };
  if (device === 'webgpu') {
    const r = await prepareWebGPU(setup);
    if (!r.ok) {
      requested = 'cpu';
      return r;
    }
    result = r;
  }
  requested = device;
  if (!installed) {
    installed = true;
    beforeRun.push(() => {
      nativeRetry.hook = requested === 'webgpu' && webgpuContext() !== null ? hostSync : null;
      if (requested !== 'cpu') setDefaultDevice(requested);
    });
  }
  return result;
}

/** The device is gone (lost, or shut down): plain CPU runs from now on. */
export function dropDevice(): void {
  nativeRetry.hook = null;
  requested = 'cpu';
}
