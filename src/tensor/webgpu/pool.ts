// The GPU buffer pool: storage buffers are recycled by size class instead of created and destroyed
// per op (buffer creation is a driver round trip; a forward pass makes hundreds of temporaries).
// A buffer handed back while encoded-but-unsubmitted commands still use it is safe to hand out
// again: every later use is encoded after those commands, so the GPU runs them in order. The one
// out-of-order path, queue.writeBuffer, is never used on pooled buffers (uploads go through fresh
// mapped-at-creation buffers, see context.ts). Destroying is deferred to `trim()`, which the
// context calls only right after a submit.

/** Storage buffers usable as kernel operands, upload targets and readback sources. */
export const STORAGE_USAGE = 0x80 | 0x4 | 0x8; // STORAGE | COPY_SRC | COPY_DST (GPUBufferUsage)

/** Size classes: powers of two up to 4 MiB, then whole MiBs (≤ 12.5% waste above 4 MiB). */
export function sizeClass(bytes: number): number {
  const b = Math.max(16, bytes);
  if (b <= 4 << 20) return 2 ** Math.ceil(Math.log2(b));
  return Math.ceil(b / (1 << 20)) * (1 << 20);
}

export class BufferPool {
  private free = new Map<number, GPUBuffer[]>();
  private freeBytes = 0;
  /** Counters for the bench and tests. */
  readonly stats = { created: 0, reused: 0, liveBytes: 0 };

  constructor(
    private readonly device: GPUDevice,
    /** Free bytes kept for reuse; the rest is destroyed at the next trim. */
    private readonly keepBytes = 256 << 20,
  ) {}

  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes);
    const list = this.free.get(size);
    if (list !== undefined && list.length > 0) {
      this.stats.reused++;
      this.freeBytes -= size;
      return list.pop()!;
    }
    this.stats.created++;
    this.stats.liveBytes += size;
    return this.device.createBuffer({ size, usage: STORAGE_USAGE });
  }

  /** A buffer whose contents are set now (mapped at creation: no queue ordering involved). */
  createWith(data: ArrayBufferView): GPUBuffer {
    const size = sizeClass(data.byteLength);
    this.stats.created++;
    this.stats.liveBytes += size;
    const buf = this.device.createBuffer({ size, usage: STORAGE_USAGE, mappedAtCreation: true });
    new Uint8Array(buf.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    buf.unmap();
    return buf;
  }

  release(buf: GPUBuffer): void {
    const size = buf.size;
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(buf);
    this.freeBytes += size;
  }

  /** Destroy free buffers beyond the keep budget (call only right after a submit). */
  trim(): void {
    if (this.freeBytes <= this.keepBytes) return;
    const sizes = [...this.free.keys()].sort((a, b) => b - a);
    for (const s of sizes) {
      const list = this.free.get(s)!;
      while (list.length > 0 && this.freeBytes > this.keepBytes) {
        list.pop()!.destroy();
        this.freeBytes -= s;
        this.stats.liveBytes -= s;
      }
    }
  }
}
