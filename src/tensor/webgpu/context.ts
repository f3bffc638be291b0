// One WebGPU device and everything that talks to its queue: pipelines (cached by key), batched
// command submission, uploads and async readback, and the counters tests use to prove that a real
// adapter did the work. Kernels (kernels/*.ts) call `dispatch`; storages (storage.ts) call
// `upload`/`read`. Nothing here knows about tensors.
//
// Batching: dispatches are encoded into one compute pass and submitted together — at a read, or
// after MAX_BATCH dispatches. Each dispatch's small parameter block ("meta": shapes, strides,
// offsets, scalars) lives in a slot of one uniform arena that is written with one writeBuffer right
// before its submit; queue operations run in call order, so reusing the arena for the next batch
// is safe. Uploads never use writeBuffer (it would overtake encoded-but-unsubmitted work); they go
// through buffers mapped at creation.

import { BufferPool } from './pool';

/** Dispatches per submit (and meta slots in the arena). */
const MAX_BATCH = 256;
/** Bytes per meta slot: the uniform offset alignment WebGPU guarantees (minUniformBufferOffsetAlignment ≤ 256). */
export const META_BYTES = 256;
export const META_WORDS = META_BYTES / 4;

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  featureLevel: 'core' | 'compatibility';
  isFallbackAdapter: boolean;
  features: string[];
}

export interface GpuStats {
  dispatches: number;
  submits: number;
  uploads: number;
  uploadBytes: number;
  downloads: number;
  downloadBytes: number;
  /** Kernel calls of the webgpu device that ran on the CPU side (float64/int64/half, tiny, untranslatable). */
  cpuOps: number;
  /** Per-kernel dispatch counts (elementwise:add, matmul:tiled, ...). */
  byKernel: Record<string, number>;
}

export class GpuContext {
  readonly pool: BufferPool;
  readonly stats: GpuStats = { dispatches: 0, submits: 0, uploads: 0, uploadBytes: 0, downloads: 0, downloadBytes: 0, cpuOps: 0, byKernel: {} };
  lost = false;
  /** While > 0 every kernel of the device runs on the host side (a call being retried because it
   * read its own GPU results on the host: run/device.ts). */
  hostOnly = 0;
  /** Storages GPU kernels wrote since the last drain (run/device.ts downloads them when a
   * Python-level call returns, so Python code never holds a tensor whose values are GPU-only). */
  readonly written = new Set<{ sync(): Promise<void> }>();
  /** Record `written` at all (only while run/device.ts drains it). */
  trackWrites = false;
  /** Called whenever a storage is made on this device (run/device.ts arms its host-sync hook). */
  onStorage: (() => void) | null = null;
  /** Uncaptured WebGPU errors (validation/out-of-memory): always a bug; tests assert none. */
  readonly errors: string[] = [];
  private pipelines = new Map<string, GPUComputePipeline>();
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private pending = 0;
  private readonly arena: GPUBuffer;
  private readonly metaHost = new Uint32Array((MAX_BATCH * META_BYTES) / 4);
  private readonly scratch: GPUBuffer[] = [];

  constructor(
    readonly device: GPUDevice,
    readonly adapter: AdapterSummary,
  ) {
    this.pool = new BufferPool(device);
    this.arena = device.createBuffer({ size: MAX_BATCH * META_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  get hasF16(): boolean {
    return this.adapter.features.includes('shader-f16');
  }

  /** A compute pipeline for WGSL `code`, compiled once per key. */
  pipeline(key: string, code: string): GPUComputePipeline {
    let p = this.pipelines.get(key);
    if (p === undefined) {
      const module = this.device.createShaderModule({ code, label: key });
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: key });
      this.pipelines.set(key, p);
    }
    return p;
  }

  /**
   * Encode one dispatch: binding 0 is the meta block (`meta` words), bindings 1.. the buffers in
   * order. `groups` is the workgroup count (split over x/y when above the per-dimension limit).
   */
  dispatch(kernel: string, pipeline: GPUComputePipeline, buffers: readonly GPUBuffer[], meta: Uint32Array, groups: number, groupsY = 1, groupsZ = 1): void {
    if (this.lost) throw new Error('WebGPU device lost');
    if (this.pending >= MAX_BATCH) this.flush();
    if (this.pass === null) {
      if (this.encoder === null) this.encoder = this.device.createCommandEncoder();
      this.pass = this.encoder.beginComputePass();
    }
    const slot = this.pending++;
    this.metaHost.set(meta.subarray(0, Math.min(meta.length, META_WORDS)), slot * META_WORDS);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: this.arena, offset: slot * META_BYTES, size: META_BYTES } }];
    buffers.forEach((b, i) => entries.push({ binding: i + 1, resource: { buffer: b } }));
    const bind = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bind);
    const maxX = 65535;
    let gx = groups;
    let gy = groupsY;
    if (gx > maxX) {
      gy = gy * Math.ceil(gx / maxX);
      gx = maxX;
    }
    this.pass.dispatchWorkgroups(gx, gy, groupsZ);
    this.stats.dispatches++;
    this.stats.byKernel[kernel] = (this.stats.byKernel[kernel] ?? 0) + 1;
  }

  /** Encode a buffer-to-buffer copy (ends the current pass; the next dispatch opens a new one). */
  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, dstOffset: number, bytes: number): void {
    this.endPass();
    if (this.encoder === null) this.encoder = this.device.createCommandEncoder();
    this.encoder.copyBufferToBuffer(src, srcOffset, dst, dstOffset, bytes);
  }

  /** Zero a buffer range in command order. */
  clear(buf: GPUBuffer, offset = 0, bytes?: number): void {
    this.endPass();
    if (this.encoder === null) this.encoder = this.device.createCommandEncoder();
    this.encoder.clearBuffer(buf, offset, bytes);
  }

  private endPass(): void {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
  }

  /** Submit everything encoded so far. */
  flush(): void {
    if (this.encoder === null) return;
    this.endPass();
    if (this.pending > 0) this.device.queue.writeBuffer(this.arena, 0, this.metaHost, 0, this.pending * META_WORDS);
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.pending = 0;
    this.stats.submits++;
    for (const b of this.scratch.splice(0)) this.pool.release(b);
    this.pool.trim();
  }

  /** A buffer holding `data` now (fresh, mapped at creation — never overtakes encoded work). */
  upload(data: ArrayBufferView): GPUBuffer {
    this.stats.uploads++;
    this.stats.uploadBytes += data.byteLength;
    return this.pool.createWith(data);
  }

  /** A temporary buffer returned to the pool after the next submit. */
  scratchBuffer(bytes: number): GPUBuffer {
    const b = this.pool.acquire(bytes);
    this.scratch.push(b);
    return b;
  }
  scratchUpload(data: ArrayBufferView): GPUBuffer {
    const b = this.upload(data);
    this.scratch.push(b);
    return b;
  }

  /** Read `bytes` from `buf` at `offset` (multiples of 4) once all encoded work has run. */
  async read(buf: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    if (this.lost) throw new Error('WebGPU device lost');
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const staging = this.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.copy(buf, offset, staging, 0, size);
    this.flush();
    this.stats.downloads++;
    this.stats.downloadBytes += bytes;
    await staging.mapAsync(GPUMapMode.READ);
    const out = staging.getMappedRange().slice(0, bytes);
    staging.unmap();
    staging.destroy();
    return out;
  }

  /** Wait until the queue is idle (bench timing). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
  }

  destroy(): void {
    this.lost = true;
    this.device.destroy();
  }
}
