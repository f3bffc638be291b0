// The Tensor object: a (storage, shape, strides, offset, dtype) view plus the autograd fields and
// the Python-facing identity the UI and nn/ rely on. Identity is object identity: a module
// attribute and a dict entry can be the same Tensor; views are new Tensors over the same Storage
// sharing one VersionCounter; `set_` swaps storage/shape/strides on the same object.
//
// Ops live in ops/ as free functions over this class (so no file grows into a monolith); this file
// only holds state and the reads every layer needs: sizes, contiguity, `await data()` (the one
// asynchronous act — a GPU read is) and its CPU shortcut `dataSync()`, `item()`, `tolist()`.

import { PyError } from '../errors';
import { allocStorageArray, isFloating, type DType, type StorageArray } from './dtype';
import type { GradNode } from './grad';
import { contiguousStrides, isContiguousLayout, numelOf } from './shape';
import { HostSyncNeeded, Storage, VersionCounter, type DeviceType } from './storage';
import { gatherStrided } from './cpu/strided';

let nextTensorId = 1;

/** An element as Python sees it: float → number, int64 → bigint when unsafe... see `item()`. */
export type Element = number | bigint | boolean;
export type NestedList = Element | NestedList[];

export class Tensor {
  /** Unique object id (Python `id()`-like) for the UI and RunReport refs. */
  readonly id: number = nextTensorId++;

  // --- layout -------------------------------------------------------------------------------
  storage: Storage;
  shape: number[];
  strides: number[];
  offset: number;
  dtype: DType;

  // --- autograd -----------------------------------------------------------------------------
  requiresGrad = false;
  /** The node that produced this tensor (null for leaves). */
  gradFn: GradNode | null = null;
  /** Which output of gradFn this is (multi-output ops: unbind, split, max(dim)...). */
  outputNr = 0;
  grad: Tensor | null = null;
  /** retain_grad() was called on this non-leaf. */
  retainsGrad = false;
  /** Cached AccumulateGrad node of a leaf that requires grad (see grad.ts gradEdge). */
  accumulateNode: GradNode | null = null;
  /** For views: the tensor this is a view of (PyTorch's `._base`, always a non-view). */
  base: Tensor | null = null;
  versionCounter: VersionCounter;

  // --- Python-facing ------------------------------------------------------------------------
  /** True for nn.Parameter instances (printing says "Parameter containing:"). */
  isParameter = false;
  /** Python attributes set on the tensor object (`t.foo = 1`, nn.Buffer's flags, ...). */
  pyDict: Map<string, unknown> | null = null;

  constructor(
    storage: Storage,
    shape: readonly number[],
    strides?: readonly number[],
    offset = 0,
    versionCounter?: VersionCounter,
  ) {
    this.storage = storage;
    this.shape = shape.slice();
    this.strides = strides ? strides.slice() : contiguousStrides(shape);
    this.offset = offset;
    this.dtype = storage.dtype;
    this.versionCounter = versionCounter ?? new VersionCounter();
  }

  /** A fresh contiguous tensor of `shape` (contents zero). */
  static empty(shape: readonly number[], dtype: DType, device?: DeviceType): Tensor {
    return new Tensor(Storage.alloc(dtype, numelOf(shape), device), shape);
  }

  /** A contiguous tensor owning `data` (no copy); data.length must equal numel(shape). On the
   * ambient device (storage.ts: 'cpu' unless a call on webgpu tensors is running). */
  static fromArray(data: StorageArray, shape: readonly number[], dtype: DType): Tensor {
    if (data.length !== numelOf(shape)) throw new Error(`fromArray: ${data.length} values for shape [${shape}]`);
    return new Tensor(Storage.fromHost(data, dtype), shape);
  }

  /** A view of this tensor's storage (same version counter; base set for autograd). */
  makeView(shape: readonly number[], strides: readonly number[], offset: number): Tensor {
    const v = new Tensor(this.storage, shape, strides, offset, this.versionCounter);
    v.base = this.base ?? this;
    return v;
  }

  // --- sizes --------------------------------------------------------------------------------
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numelOf(this.shape);
  }
  get device(): DeviceType {
    return this.storage.device;
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /** PyTorch's `_version`. */
  get version(): number {
    return this.versionCounter.value;
  }
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }
  isDifferentiableDtype(): boolean {
    return isFloating(this.dtype);
  }
  /** Bump the version counter: every in-place write calls this once. */
  bumpVersion(): void {
    this.versionCounter.bump();
  }

  /** `set_`: replace storage/layout on this same object (identity and autograd state kept). */
  set_(storage: Storage, shape: readonly number[], strides?: readonly number[], offset = 0): this {
    this.storage = storage;
    this.shape = shape.slice();
    this.strides = strides ? strides.slice() : contiguousStrides(shape);
    this.offset = offset;
    this.dtype = storage.dtype;
    this.bumpVersion();
    return this;
  }

  // --- reading ------------------------------------------------------------------------------
  /**
   * The values in row-major order, in the dtype's typed array. May be the storage's own array when
   * the tensor covers it densely — treat the result as read-only.
   */
  dataSync(): StorageArray {
    if (!this.storage.hostCurrent) throw new HostSyncNeeded([this.storage]);
    const n = this.numel();
    const src = this.storage.dataForRead;
    if (this.offset === 0 && n === src.length && this.isContiguous()) return src;
    const out = allocStorageArray(this.dtype, n);
    gatherStrided(src, this.offset, this.shape, this.strides, out);
    return out;
  }

  /** Async read (the GPU backend will download here). Same contract as dataSync(). */
  async data(): Promise<StorageArray> {
    if (!this.storage.hostCurrent) await this.storage.sync();
    return this.dataSync();
  }

  /** The value of a one-element tensor: number for floats and ints, boolean for bool. int64 values
   * outside ±2^53 come back as bigint so nothing is rounded. */
  item(): Element {
    const n = this.numel();
    if (n !== 1) throw new PyError('RuntimeError', `a Tensor with ${n} elements cannot be converted to Scalar`);
    return toElement(this.storage.dataForRead[this.offset], this.dtype);
  }

  /** Nested JS arrays like Python's tolist() (0-d → the element itself). */
  tolist(): NestedList {
    const flat = this.dataSync();
    if (this.shape.length === 0) return toElement(flat[0], this.dtype);
    let i = 0;
    const build = (d: number): NestedList[] => {
      const out: NestedList[] = new Array(this.shape[d]);
      for (let k = 0; k < this.shape[d]; k++) out[k] = d === this.shape.length - 1 ? toElement(flat[i++], this.dtype) : build(d + 1);
      return out;
    };
    return build(0);
  }

  /** Python `len(t)`. */
  len(): number {
    if (this.shape.length === 0) throw new PyError('TypeError', 'len() of a 0-d tensor');
    return this.shape[0];
  }
}

export function toElement(v: number | bigint, dtype: DType): Element {
  if (dtype === 'bool') return v !== 0;
  if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v;
  return v;
}
