// The memory under every tensor. A Storage owns one typed array (on the CPU); `id` is the
// aliasing key the UI shows (data_ptr-like). The version counter is a separate object because
// PyTorch shares it among a base and its views (and `.detach()`), but *not* with `.data`, which
// shares the memory with a fresh counter: so tensors hold a VersionCounter, and every view op
// passes its base's counter on. In-place ops bump it; the RunReport references a tensor as
// (object id, version) and autograd's saved tensors compare the version they saved.
//
// Devices: 'cpu' holds `data`. A future 'webgpu' storage keeps a GPU buffer behind the backend and
// fills `data` lazily on read; the Tensor API never assumes `data` is current for non-CPU devices.

import { allocStorageArray, type DType, type StorageArray } from './dtype';

export type DeviceType = 'cpu' | 'webgpu';

let nextStorageId = 1;

export class Storage {
  /** Unique, never reused within a run: the storage's identity for aliasing displays. */
  readonly id: number = nextStorageId++;
  constructor(
    /** The elements, in the storage dtype's typed array (see dtype.ts for half types). */
    public data: StorageArray,
    /** The dtype the elements are held in (views of one storage share it). */
    readonly dtype: DType,
    readonly device: DeviceType = 'cpu',
  ) {}

  static alloc(dtype: DType, n: number, device: DeviceType = 'cpu'): Storage {
    return new Storage(allocStorageArray(dtype, n), dtype, device);
  }

  get size(): number {
    return this.data.length;
  }
}

/** PyTorch's `_version`: shared by a tensor, its views and its detach()es. */
export class VersionCounter {
  value = 0;
  bump(): void {
    this.value++;
  }
}
