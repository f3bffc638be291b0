// The memory under every tensor. A Storage owns one typed array (on the CPU); `id` is the
// aliasing key the UI shows (data_ptr-like). The version counter is a separate object because
// PyTorch shares it among a base and its views (and `.detach()`), but *not* with `.data`, which
// shares the memory with a fresh counter: so tensors hold a VersionCounter, and every view op
// passes its base's counter on. In-place ops bump it; the RunReport references a tensor as
// (object id, version) and autograd's saved tensors compare the version they saved.
//
// Devices: 'cpu' holds `data`. A 'webgpu' storage (webgpu/storage.ts) keeps a GPU buffer and a
// host copy with residency flags; `data` is current only when `hostCurrent` (else HostSyncNeeded).

import { allocStorageArray, type DType, type StorageArray } from './dtype';

export type DeviceType = 'cpu' | 'webgpu' | 'meta';

let nextStorageId = 1;

/** The id the next storage will get: storages with ids at or above a mark are newer than it (the
 * webgpu retry tells a call's own intermediates from its inputs this way). */
export const storageIdMark = (): number => nextStorageId;

export class Storage {
  /** Unique, never reused within a run: the storage's identity for aliasing displays. */
  readonly id: number = nextStorageId++;
  /** The host-side elements (an accessor pair below, so device storages can track residency). */
  protected hostData: StorageArray;
  constructor(
    /** The elements, in the storage dtype's typed array (see dtype.ts for half types). */
    data: StorageArray,
    /** The dtype the elements are held in (views of one storage share it). */
    readonly dtype: DType,
    readonly device: DeviceType = 'cpu',
  ) {
    this.hostData = data;
  }

  /** The elements on the host, for reading and writing. A device storage (webgpu/storage.ts)
   * throws HostSyncNeeded when its current values live only on the device, and assumes the caller
   * may write (its device copy becomes stale). */
  get data(): StorageArray {
    return this.hostData;
  }
  set data(v: StorageArray) {
    this.hostData = v;
  }

  /** Like `data`, for callers that only read: a device copy stays valid. */
  get dataForRead(): StorageArray {
    return this.hostData;
  }

  /** True when `data` can be read synchronously (always on the CPU). */
  get hostCurrent(): boolean {
    return true;
  }

  /** Make `data` current (a device storage downloads; the CPU has nothing to do). */
  async sync(): Promise<void> {}

  /** A zeroed storage; without a device, on the ambient one (see `ambient`). */
  static alloc(dtype: DType, n: number, device: DeviceType = ambient.device): Storage {
    const f = device === 'cpu' ? undefined : factories.get(device);
    return f !== undefined ? f(dtype, n) : new Storage(allocStorageArray(dtype, n), dtype, device);
  }

  /** A storage owning host values `data` (no copy), on the ambient device. */
  static fromHost(data: StorageArray, dtype: DType): Storage {
    const device = ambient.device;
    const f = device === 'cpu' ? undefined : factories.get(device);
    return f !== undefined ? f(dtype, data.length, data) : new Storage(data, dtype, device);
  }

  get size(): number {
    return this.hostData.length;
  }
}

/**
 * Where engine code puts a tensor when it names no device: 'cpu', except while a call on webgpu
 * tensors runs (run/device.ts sets it around each native call from its tensor arguments). Then a
 * composite op's helper tensors — aranges, masks, zeros, values computed on the host — land on
 * its inputs' device, as PyTorch's composites build theirs with `input.options()`.
 */
export const ambient: { device: DeviceType } = { device: 'cpu' };

type StorageFactory = (dtype: DType, n: number, data?: StorageArray) => Storage;
const factories = new Map<DeviceType, StorageFactory>();

/** Install the allocator of a device's storages (the webgpu backend does on enable). Without one,
 * a device's tensors are host arrays labelled with the device — the CPU fallback. */
export function registerStorageFactory(device: DeviceType, f: StorageFactory | null): void {
  if (f === null) factories.delete(device);
  else factories.set(device, f);
}

/**
 * Thrown by a synchronous host read of values that live only on a device. Tensor ops are
 * synchronous and a GPU download is not, so the async layer above (the evaluator) catches this,
 * awaits `sync()` and calls the op again. Ops read their inputs before writing anything, so the
 * retry is safe; `storages` are all the ones the failed call needed.
 */
export class HostSyncNeeded extends Error {
  constructor(readonly storages: readonly Storage[]) {
    super('tensor values are on the device; await sync() and retry');
  }
  async sync(): Promise<void> {
    for (const s of this.storages) await s.sync();
  }
}

/** PyTorch's `_version`: shared by a tensor, its views and its detach()es. */
export class VersionCounter {
  value = 0;
  /** Creation order: tells counters older than a mark (a call's inputs) from newer ones. */
  readonly born = mutations.serial++;
  bump(): void {
    if (this.born < mutations.floor) noteMutation(this);
    this.value++;
  }
}

/**
 * In-place writes to tensors older than `floor` (set at the start of each native call while the
 * webgpu device is active, run/device.ts): `log` keeps each such counter's value from before the
 * call, so a call that must be made again after a host sync can be rolled back first. Writes to
 * the call's own fresh results (born after the floor) are not logged. Inactive (floor 0): free.
 */
export const mutations: { serial: number; floor: number; log: Map<VersionCounter, number> | null } = { serial: 0, floor: 0, log: null };
function noteMutation(c: VersionCounter): void {
  const log = (mutations.log ??= new Map());
  if (!log.has(c)) log.set(c, c.value);
}
