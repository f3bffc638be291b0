// How Python code meets a device whose values may be on the GPU (the 'webgpu' device). Tensor ops
// are synchronous and only enqueue GPU work; reading values back is async. This hook, installed
// around every native call (python/object.ts `nativeRetry`) while a GPU context exists, keeps that
// invisible to the script:
//
// 1. Coherent between calls: what a call's kernels wrote is downloaded before its result goes back
//    to Python, so no native ever meets an input whose values are GPU-only — however it reads them
//    (print, item, indexing, a CPU-side kernel, backward).
// 2. Inside a call, a GPU result read on the host by a later step of the same call (a kernel on
//    the GPU, then a step with no GPU kernel) cannot wait. The call is rolled back — in-place
//    writes to older tensors (journal.ts, version counters) and every generator's position
//    — and made again host-side; the native is remembered and runs host-side from then on.
//    Effects that cannot be undone make this an error naming the native, never a silent repeat:
//    Python code that ran inside the call, or a GPU-only value overwritten.
// 3. The device of tensors engine code creates without naming one (`ambient`): that of the call's
//    tensor arguments, else the default device — as PyTorch composites use `input.options()` and
//    its factories follow set_default_device.

import { type KwArgs, type NativeRetryHook, PyList, PyObject, PyTuple, type PyValue, typeOf } from '../python/object';
import { rt } from '../python/interp/runtime';
import { engineDevice, getDefaultDevice } from '../python/bindings/torch/types/device';
import { type GeneratorsMark, markAllGenerators, releaseAllGenerators, rewindAllGenerators } from '../tensor/random/generator';
import { ambient, type DeviceType, HostSyncNeeded, mutations, storageIdMark, type VersionCounter } from '../tensor/storage';
import { Tensor } from '../tensor/tensor';
import { closeJournal, type Journal, openJournal, rollbackJournal } from '../tensor/webgpu/journal';
import { webgpuContext, type GpuContext } from '../tensor/webgpu';

/**
 * Natives that run host-side from the start, because they change state a rollback does not cover:
 * backward frees the graph and sets .grad (torch.func transforms run a backward pass of their
 * own); an optimizer's step creates its per-parameter state (exp_avg, step) in Python dicts.
 */
const HOST_SIDE = new Set(['Tensor.backward', 'torch.autograd.backward', 'torch.autograd.grad', 'backward', 'grad']);
const HOST_SIDE_PREFIX = /^(?:(?:grad|grad_and_value|vjp|jvp|jacrev|jacfwd|hessian|vmap)\(|\w+\.step$)/;
/** Natives that once read their own GPU results on the host: they run host-side from then on. */
const learned = new Set<string>();

/** Each retry downloads what the failed attempt needed; more attempts than this mean a bug. */
const MAX_SYNC_RETRIES = 32;

interface Mark {
  ambient: DeviceType;
  steps: number;
  storage: number;
  hostOnly: number;
  rng: GeneratorsMark;
  floor: number;
  log: Map<VersionCounter, number> | null;
  journal: Journal | null;
}

/** Natives whose host-side runs were learned (tests and the bench read it). */
export function hostSideNatives(): string[] {
  return [...learned].sort();
}

/**
 * The device of a call's tensor arguments (or of the items of a list/tuple argument): 'webgpu' if
 * any is there, else 'cpu'; null when it has none.
 */
function argsDevice(args: readonly PyValue[], kwargs: KwArgs): DeviceType | null {
  let seen: DeviceType | null = null;
  for (const a of args) if ((seen = deviceIn(a, seen)) === 'webgpu') return seen;
  if (kwargs !== null) for (const a of kwargs.values()) if ((seen = deviceIn(a, seen)) === 'webgpu') return seen;
  return seen;
}
function deviceIn(v: PyValue, seen: DeviceType | null): DeviceType | null {
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

/** An iterator argument (m.parameters()): consuming it cannot be undone, so the call runs host-side. */
function hasIterator(args: readonly PyValue[]): boolean {
  for (const a of args) if (a instanceof PyObject && !(a instanceof PyList) && !(a instanceof PyTuple) && typeOf(a).lookup('__next__') !== undefined) return true;
  return false;
}

function drain(ctx: GpuContext): Promise<void> | null {
  if (ctx.written.size === 0) return null;
  const pending = [...ctx.written];
  ctx.written.clear();
  return Promise.all(pending.map((s) => s.sync())).then(() => undefined);
}

/** Leave the call's bookkeeping, keeping its effects (its log entries pass to the outer call). */
function leave(m: Mark, rolledBack = false): void {
  ambient.device = m.ambient;
  releaseAllGenerators(m.rng);
  const ctx = webgpuContext();
  if (ctx !== null) ctx.hostOnly = m.hostOnly;
  const inner = mutations.log;
  mutations.floor = m.floor;
  mutations.log = m.log;
  if (inner !== null) {
    for (const [c, v] of inner) {
      if (c.born >= m.floor) continue;
      const outer = (mutations.log ??= new Map());
      if (!outer.has(c)) outer.set(c, v);
    }
  }
  if (!rolledBack) closeJournal(m.journal);
}

export const hostSync: NativeRetryHook = {
  begin(qualname, args, kwargs): Mark {
    const storage = storageIdMark();
    const ctx = webgpuContext();
    const m: Mark = {
      ambient: ambient.device, steps: rt().steps, storage, hostOnly: ctx?.hostOnly ?? 0, rng: markAllGenerators(),
      floor: mutations.floor, log: mutations.log, journal: openJournal(storage),
    };
    mutations.floor = mutations.serial;
    mutations.log = null;
    ambient.device = argsDevice(args, kwargs) ?? engineDevice(getDefaultDevice());
    // host-side is a property of this call's own kernels: natives it reaches through Python code
    // (the user's function inside grad(f)) choose for themselves
    if (ctx !== null) ctx.hostOnly = HOST_SIDE.has(qualname) || learned.has(qualname) || HOST_SIDE_PREFIX.test(qualname) || hasIterator(args) ? 1 : 0;
    return m;
  },
  done(mark) {
    leave(mark as Mark);
    const ctx = webgpuContext();
    return ctx === null ? null : drain(ctx);
  },
  failed(e, mark, attempt, qualname) {
    const m = mark as Mark;
    if (!(e instanceof HostSyncNeeded)) {
      leave(m); // an exception keeps the effects before it, as in PyTorch
      return null;
    }
    // roll back: version counters, storages, the generator; then this call's bookkeeping
    const log = mutations.log;
    if (log !== null) for (const [c, v] of log) c.value = v;
    mutations.log = null;
    const undone = rollbackJournal(m.journal);
    rewindAllGenerators(m.rng);
    leave(m, true);
    if (rt().steps !== m.steps) throw new Error(`${qualname} read WebGPU tensor values after running Python code; it must sync them first`);
    if (!undone) throw new Error(`${qualname} overwrote WebGPU-only values before it needed them on the host`);
    if (attempt >= MAX_SYNC_RETRIES) throw new Error(`${qualname} still needs device values after ${attempt} host syncs`);
    const inputs = e.storages.filter((s) => s.id < m.storage);
    if (log !== null || inputs.length < e.storages.length) learned.add(qualname);
    return async (retry) => {
      for (const s of inputs) await s.sync();
      return retry();
    };
  },
};
