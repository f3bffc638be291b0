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

export async function useDefaultDevice(device: RunDevice, setup: DeviceSetup = {}): Promise<DeviceResult> {
  let result: DeviceResult = { ok: true, adapter: webgpuContext()?.adapter ?? null };
  if (device === 'webgpu') {
    const gpu = await setup.gpu?.();
    const r = await initWebGPU({ gpu, onLost: setup.onLost });
    if (!r.ok) {
      requested = 'cpu';
      return { ok: false, reason: r.reason };
    }
    nativeRetry.hook = hostSync;
    webgpuContext()!.trackWrites = true;
    result = { ok: true, adapter: r.adapter };
  }
  requested = device;
  if (!installed) {
    installed = true;
    beforeRun.push(() => {
      if (requested !== 'cpu') setDefaultDevice(requested);
    });
  }
  return result;
}

/** Back to a plain CPU run after the device is gone (device.lost, shutdown). */
export function dropDeviceHook(): void {
  nativeRetry.hook = null;
  requested = 'cpu';
}
