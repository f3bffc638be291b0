// The engine's one WebAssembly instance: compiles the generated kernels (./kernels.wasm.ts), owns
// their linear memory, and hands out byte ranges of it to the drivers (./gemm.ts). Compilation is
// synchronous on first use — allowed in Node and in the run worker where the engine lives; where a
// host forbids it (a browser main thread refuses sync compiles over 4 KiB — ours is under 1 KiB,
// but a CSP may still forbid wasm) `wasmKernels()` returns null and callers keep to the JS kernels.

import { KERNELS_WASM_BASE64 } from './kernels.wasm';

export interface WasmKernels {
  /** C[mp×np] += Apacked·B, B element (l, j) at bp + j·bj + l·ldb (byte addresses; see
   * scripts/build-wasm.mjs). */
  gemm(ap: number, bp: number, cp: number, mp: number, np: number, k: number, bj: number, ldb: number): void;
  /** out[i] = x[i] + y[i] for n float32 elements (byte addresses). */
  add(xp: number, yp: number, op: number, n: number): void;
  memory: WebAssembly.Memory;
}

let instance: WasmKernels | null | undefined;
let disabled = false;

function decodeBase64(b64: string): Uint8Array {
  if (typeof atob === 'function') {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** The compiled kernels, or null when this host cannot run WASM SIMD (or it was disabled). */
export function wasmKernels(): WasmKernels | null {
  if (disabled) return null;
  if (instance !== undefined) return instance;
  try {
    const mod = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
    const inst = new WebAssembly.Instance(mod, {});
    const e = inst.exports as unknown as WasmKernels;
    instance = { gemm: e.gemm, add: e.add, memory: e.memory };
  } catch {
    instance = null;
  }
  return instance;
}

/** Turn the WASM path off (or back on) — for tests and the bench's JS-only rows. */
export function setWasmEnabled(on: boolean): void {
  disabled = !on;
}

/** Make the instance's memory at least `bytes` long and return a fresh Float32Array view of all
 * of it (views detach when memory grows, so callers take a new one after every reserve). */
export function reserveF32(k: WasmKernels, bytes: number): Float32Array {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float32Array(k.memory.buffer);
}
