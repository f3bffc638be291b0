// The memory of a 'webgpu' tensor: one GPU buffer plus a host copy, with a residency flag for
// each side — like unified memory with explicit coherence. GPU kernels read `bufferForRead` and
// write through `bufferForWrite` (the host copy goes stale); CPU code reads `data`, which is only
// allowed while the host copy is current (else HostSyncNeeded, see ../storage.ts) and makes the
// GPU copy stale, since a CPU caller may write. Views share the Storage, so they share the buffer.
//
// Layout on the GPU: 32-bit words. float32 as f32, int32/int16/int8/uint8 as i32 (kept wrapped to
// their width), bool as u32 0/1. float64, int64, float16 and bfloat16 have no exact 32-bit WGSL
// form, so those storages are host-only (DESIGN: never silently rounded): kernels that meet them
// run on the CPU side of the device, invisibly.

import { allocStorageArray, type DType, type StorageArray } from '../dtype';
import { HostSyncNeeded, Storage } from '../storage';
import type { GpuContext } from './context';
import { journalEntry, type JournalEntry, type Journaled } from './journal';

export type GpuElem = 'f32' | 'i32' | 'u32';

/** The WGSL element type a dtype lives in on the GPU, or null for host-only dtypes. */
export function gpuElemOf(dtype: DType): GpuElem | null {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
    case 'int16':
    case 'int8':
    case 'uint8':
      return 'i32';
    case 'bool':
      return 'u32';
    default:
      return null;
  }
}

/** Host typed array → the 32-bit words the GPU holds (a view when the bytes already match). */
export function toGpuWords(arr: StorageArray, dtype: DType): Float32Array | Int32Array | Uint32Array {
  const e = gpuElemOf(dtype);
  if (e === 'f32') return arr as Float32Array;
  if (e === 'i32') return arr instanceof Int32Array ? arr : Int32Array.from(arr as Int16Array);
  if (e === 'u32') return Uint32Array.from(arr as Uint8Array);
  throw new Error(`${dtype} has no GPU layout`);
}

function fromGpuWords(bytes: ArrayBuffer, dtype: DType, n: number): StorageArray {
  const out = allocStorageArray(dtype, n);
  const e = gpuElemOf(dtype);
  if (e === 'f32') (out as Float32Array).set(new Float32Array(bytes, 0, n));
  else if (e === 'i32') (out as Int32Array).set(new Int32Array(bytes, 0, n));
  else (out as Uint8Array).set(new Uint32Array(bytes, 0, n));
  return out;
}

const EMPTY = new Float32Array(0);
const finalizer = new FinalizationRegistry<{ ctx: GpuContext; buffer: GPUBuffer | null }>((h) => {
  if (h.buffer !== null && !h.ctx.lost) h.ctx.pool.release(h.buffer);
});

export class WebGPUStorage extends Storage implements Journaled {
  /** Does `data` hold the current values? (A fresh storage is all zeros on the host, lazily.) */
  private hostValid = true;
  private gpuValid = false;
  /** Host array not yet allocated: the values are zeros. */
  private hostLazy: boolean;
  /** Shared with the finalizer so a collected storage returns its buffer to the pool. */
  private readonly holder: { ctx: GpuContext; buffer: GPUBuffer | null };
  readonly gpuCapable: boolean;

  constructor(
    readonly ctx: GpuContext,
    dtype: DType,
    readonly length: number,
    data?: StorageArray,
  ) {
    super(data ?? (EMPTY as StorageArray), dtype, 'webgpu');
    this.hostLazy = data === undefined;
    this.gpuCapable = gpuElemOf(dtype) !== null;
    this.holder = { ctx, buffer: null };
    finalizer.register(this, this.holder);
    ctx.onStorage?.();
  }

  override get size(): number {
    return this.length;
  }

  override get hostCurrent(): boolean {
    return this.hostValid;
  }

  private hostArray(): StorageArray {
    if (!this.hostValid) throw new HostSyncNeeded([this]);
    if (this.hostLazy) {
      this.hostData = allocStorageArray(this.dtype, this.length);
      this.hostLazy = false;
    }
    return this.hostData;
  }

  override get data(): StorageArray {
    const a = this.hostArray();
    const e = journalEntry(this);
    if (e !== null && e.host === null) e.host = a.slice() as StorageArray;
    this.gpuValid = false;
    return a;
  }
  override set data(v: StorageArray) {
    const e = journalEntry(this);
    if (e !== null && e.host === null) e.host = this.hostData;
    this.hostData = v;
    this.hostLazy = false;
    this.hostValid = true;
    this.gpuValid = false;
  }
  override get dataForRead(): StorageArray {
    return this.hostArray();
  }

  /** Are the current values on the GPU? (Kernels prefer the GPU when they are.) */
  get onGpu(): boolean {
    return this.gpuValid;
  }

  override async sync(): Promise<void> {
    if (this.hostValid) return;
    const buf = this.holder.buffer!;
    const bytes = await this.ctx.read(buf, 0, this.length * 4);
    // a write may have been encoded meanwhile only by awaited code, which cannot have run: the
    // residency flags are still those we left
    this.hostData = fromGpuWords(bytes, this.dtype, this.length);
    this.hostLazy = false;
    this.hostValid = true;
  }

  private ensureBuffer(): GPUBuffer {
    if (this.holder.buffer === null) this.holder.buffer = this.ctx.pool.acquire(Math.max(4, this.length * 4));
    return this.holder.buffer;
  }

  /** The GPU buffer with the current values (uploaded or zero-filled when the host had them). */
  bufferForRead(): GPUBuffer {
    if (!this.gpuCapable) throw new Error(`${this.dtype} storage has no GPU buffer`);
    if (!this.gpuValid) {
      if (this.hostLazy) {
        const b = this.ensureBuffer();
        this.ctx.clear(b, 0, b.size);
      } else {
        // a fresh mapped-at-creation buffer: an upload must not overtake encoded reads of the old one
        const old = this.holder.buffer;
        this.holder.buffer = this.ctx.upload(toGpuWords(this.hostData, this.dtype));
        if (old !== null) this.ctx.pool.release(old);
      }
      this.gpuValid = true;
    }
    return this.holder.buffer!;
  }

  /**
   * The buffer a kernel is about to write. `covers` says the kernel writes every element, so
   * the old contents need not be on the GPU first. Afterwards the host copy is stale.
   */
  bufferForWrite(covers: boolean): GPUBuffer {
    const b = covers ? this.ensureBuffer() : this.bufferForRead();
    if (this.ctx.trackWrites) this.ctx.written.add(this);
    const e = journalEntry(this);
    if (e !== null) e.gpuWritten = true;
    this.gpuValid = true;
    this.hostValid = false;
    this.hostLazy = false;
    return b;
  }

  journalState(): { hostValid: boolean; gpuValid: boolean; hostLazy: boolean } {
    return { hostValid: this.hostValid, gpuValid: this.gpuValid, hostLazy: this.hostLazy };
  }

  /** Back to the state before a rolled-back call (journal.ts). */
  restoreFromJournal(e: JournalEntry): void {
    if (e.host !== null) {
      // a host write happened: same array object if it was written in place, else the old one
      if (e.host.length === this.hostData.length && e.host !== this.hostData) (this.hostData as Float32Array).set(e.host as Float32Array);
      else this.hostData = e.host;
    }
    this.hostValid = e.hostValid;
    this.hostLazy = e.hostLazy;
    // a kernel overwrote the buffer: the (restored) host copy is the truth now
    this.gpuValid = e.gpuWritten ? false : e.gpuValid && e.host === null;
  }

  /** Release the GPU buffer now (the tensor stays usable from the host copy if current). */
  dispose(): void {
    if (this.holder.buffer !== null) {
      if (!this.hostValid) throw new Error('dispose() of a storage whose values are only on the GPU');
      this.ctx.pool.release(this.holder.buffer);
      this.holder.buffer = null;
      this.gpuValid = false;
    }
  }
}
