// The run's default device (the page's device switch, the CLI's --device). Every run starts with
// the bindings' reset to 'cpu' (beforeRun); this hook, installed after it, then applies the device
// the caller asked for, exactly as `torch.set_default_device(...)` at the top of the script would.
//
// 'webgpu' first needs a real device: `useDefaultDevice('webgpu', {gpu})` acquires one (the CLI
// passes the `webgpu` package's GPU, the worker `navigator.gpu`) and reports the adapter, or the
// reason there is none — the caller says so (the CLI fails, the page runs on the CPU). Once a GPU
// context exists, tensor values may live only on the GPU, so native calls that must read them get
// the retry hook (python/object.ts `nativeRetry`): await the download, call again.

import { beforeRun } from './run';
import { engineDevice, getDefaultDevice, setDefaultDevice } from '../python/bindings/torch/types/device';
import { type KwArgs, nativeRetry, type NativeRetryHook, PyList, PyTuple, type PyValue } from '../python/object';
import { Tensor } from '../tensor/tensor';
import { rt } from '../python/interp/runtime';
import { ambient, type DeviceType as EngineDevice, HostSyncNeeded, mutations, storageIdMark } from '../tensor/storage';
import { initWebGPU, webgpuContext, type AdapterSummary, type GpuContext } from '../tensor/webgpu';

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

/** Retry budget for one native call: each retry downloads what the failed attempt needed, and a
 * call needs at most a handful of distinct inputs, so more attempts than this mean a bug. */
const MAX_SYNC_RETRIES = 32;

/**
 * Natives that must run host-side from the start: they change state that calling them again would
 * change twice (backward frees the graph and accumulates .grad), so the retry below is not open to
 * them. Their inputs are host-current anyway (see `done`). Others join at run time (`learned`).
 */
const HOST_SIDE = new Set(['Tensor.backward', 'torch.autograd.backward', 'torch.autograd.grad', 'backward', 'grad']);
/** torch.func transforms run a backward pass of their own after the user's function returns. */
const HOST_SIDE_PREFIX = /^(grad|grad_and_value|vjp|jvp|jacrev|jacfwd|hessian|vmap)\(/;
/** Natives that once read their own GPU results on the host: they run host-side from then on. */
const learned = new Set<string>();

interface Mark {
  ambient: EngineDevice;
  steps: number;
  storage: number;
  mutations: number;
  /** The device's host-only state outside this call (each call sets its own: see begin). */
  hostOnly: number;
}

/**
 * The device of a call's tensor arguments (or of the items of a list/tuple argument): 'webgpu' if
 * any is there, else 'cpu'; null when it has none — then engine code creating tensors (a layer's
 * parameters) follows the default device, as PyTorch's factories do under set_default_device.
 */
function argsDevice(args: readonly PyValue[], kwargs: KwArgs): EngineDevice | null {
  let seen: EngineDevice | null = null;
  for (const a of args) if ((seen = deviceIn(a, seen)) === 'webgpu') return seen;
  if (kwargs !== null) for (const a of kwargs.values()) if ((seen = deviceIn(a, seen)) === 'webgpu') return seen;
  return seen;
}
function deviceIn(v: PyValue, seen: EngineDevice | null): EngineDevice | null {
  if (v instanceof Tensor) return v.device === 'webgpu' ? 'webgpu' : 'cpu';
  if (v instanceof PyList || v instanceof PyTuple) {
    for (const x of v.items) {
      if (x instanceof Tensor) {
        if (x.device === 'webgpu') return 'webgpu';
        seen = 'cpu';
      }
    }
  }
  return seen;
}

function drain(ctx: GpuContext): Promise<void> | null {
  if (ctx.written.size === 0) return null;
  const pending = [...ctx.written];
  ctx.written.clear();
  return Promise.all(pending.map((s) => s.sync())).then(() => undefined);
}

const hostSync: NativeRetryHook = {
  begin(qualname, args, kwargs): Mark {
    mutations.floor = mutations.serial;
    const prev = ambient.device;
    ambient.device = argsDevice(args, kwargs) ?? engineDevice(getDefaultDevice());
    // host-side is a property of this call's own kernels: natives it reaches through Python code
    // (the user's function inside grad(f)) choose for themselves
    const hostSide = HOST_SIDE.has(qualname) || learned.has(qualname) || HOST_SIDE_PREFIX.test(qualname);
    const ctx = webgpuContext();
    const hostOnly = ctx?.hostOnly ?? 0;
    if (ctx !== null) ctx.hostOnly = hostSide ? 1 : 0;
    return { ambient: prev, steps: rt().steps, storage: storageIdMark(), mutations: mutations.count, hostOnly };
  },
  // Between Python-level calls every tensor's host copy is current: what the call's kernels wrote
  // is downloaded before its result goes back to Python. So a native never meets an input whose
  // values are GPU-only, however it reads it (print, item, indexing, a CPU-side kernel, backward).
  done(mark) {
    ambient.device = (mark as Mark).ambient;
    const ctx = webgpuContext();
    if (ctx === null) return null;
    ctx.hostOnly = (mark as Mark).hostOnly;
    return drain(ctx);
  },
  // A native that needs host values of its own GPU results (a kernel on the GPU, then a step with
  // no GPU kernel on its result) is called again host-side, after downloading any input it missed.
  failed(e, mark, attempt, qualname) {
    const m = mark as Mark;
    ambient.device = m.ambient;
    const ctx = webgpuContext();
    if (ctx !== null) ctx.hostOnly = m.hostOnly;
    if (!(e instanceof HostSyncNeeded)) return null;
    // Calling again must repeat nothing: no Python code ran inside this native (a module call, a
    // hook) and none of its inputs was changed in place before the read.
    if (rt().steps !== m.steps) throw new Error(`${qualname} read WebGPU tensor values after running Python code; it must sync them first`);
    if (mutations.count !== m.mutations) throw new Error(`${qualname} changed a tensor in place before it read WebGPU tensor values; it must sync them first`);
    if (attempt >= MAX_SYNC_RETRIES) throw new Error(`${qualname} still needs device values after ${attempt} host syncs`);
    if (e.storages.some((s) => s.id >= m.storage)) learned.add(qualname);
    const inputs = e.storages.filter((s) => s.id < m.storage);
    return async (retry) => {
      for (const s of inputs) await s.sync();
      return retry();
    };
  },
};

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
