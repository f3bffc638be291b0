// Dense dtype conversions at the edges of a staged elementwise call (cpu/elementwise.ts): operands
// whose dtype is not the kernel family's storage are cast into it before the loop, results cast
// into the output's dtype after it, the way PyTorch's TensorIterator casts to and from the common
// dtype. A value is converted exactly as the kernels store one: `castInto(dst, to, src, from)`
// writes what an op computing in domain `from` would store into a `to` tensor (typed-array
// truncation/wrapping for int8..int32/uint8, H.f16/H.bf16 rounding, C-cast int64 for floats...).
//
// Only these loops touch arbitrary array classes, so they are written to stay fast anyway: any
// number→number store that is a plain typed-array conversion goes through the native
// TypedArray.prototype.set, and every other conversion first widens to one Float64Array, so each
// hand-written loop here sees at most two array classes (V8 keeps that polymorphic, not generic).

import type { DType, StorageArray } from '../dtype';
import * as H from './math';

/** The domain stored values are read in (the domain the copy op computes in for that dtype). */
export type ValueDomain = 'f' | 'i' | 'l' | 'b';

export const valueDomainOf = (d: DType): ValueDomain =>
  d === 'int64' ? 'l' : d === 'bool' ? 'b' : d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16' ? 'f' : 'i';

let wide = new Float64Array(4096);
/** src[0..n) (any number array) as doubles, exactly; src itself when it already is a Float64Array. */
function widen(src: StorageArray, n: number): Float64Array {
  if (src instanceof Float64Array) return src;
  if (wide.length < n) wide = new Float64Array(n);
  // callers pass number arrays only (int64 goes through castFromInt64)
  wide.set((n === src.length ? src : src.subarray(0, n)) as Float32Array);
  return wide;
}

/**
 * dst[0..n) = src[0..n) converted from values of domain `from` to dtype `to`. dst is `to`'s own
 * storage class, or a Float64Array holding `to`'s values (the staging of float16/bfloat16/float64
 * computations). src and dst may be the same array.
 */
export function castInto(dst: StorageArray, to: DType, src: StorageArray, from: ValueDomain, n: number): void {
  if (from === 'l') return castFromInt64(dst, to, src as BigInt64Array, n);
  switch (to) {
    case 'int64': {
      const w = widen(src, n);
      if (from === 'f') floatsToI64(dst as BigInt64Array, w, n);
      else intsToI64(dst as BigInt64Array, w, n);
      return;
    }
    case 'bool':
      if (from === 'b') return setRaw(dst, src, n);
      return toBool(dst as Uint8Array, widen(src, n), n);
    case 'float16':
      return roundF16(dst as Float32Array | Float64Array, widen(src, n), n);
    case 'bfloat16':
      return roundBf16(dst as Float32Array | Float64Array, widen(src, n), n);
    default:
      // float32/float64 and int8..int32/uint8: the typed-array store (round, truncate, wrap)
      return setRaw(dst, src, n);
  }
}

function setRaw(dst: StorageArray, src: StorageArray, n: number): void {
  if (dst === src) return;
  (dst as Float64Array).set((n === src.length ? src : src.subarray(0, n)) as Float64Array);
}

function castFromInt64(dst: StorageArray, to: DType, src: BigInt64Array, n: number): void {
  switch (to) {
    case 'int64':
      return setRaw(dst, src, n);
    case 'bool':
      return i64ToBool(dst as Uint8Array, src, n);
    case 'float32':
    case 'float64':
      return i64ToFloat(dst as Float32Array | Float64Array, src, n);
    case 'float16':
    case 'bfloat16': {
      const w = wide.length < n ? (wide = new Float64Array(n)) : wide;
      i64ToFloat(w, src, n);
      return to === 'float16' ? roundF16(dst as Float32Array | Float64Array, w, n) : roundBf16(dst as Float32Array | Float64Array, w, n);
    }
    default: {
      // int8..int32/uint8: C's narrowing (low 32 bits, then the typed-array store wraps further)
      const w = wide.length < n ? (wide = new Float64Array(n)) : wide;
      for (let i = 0; i < n; i++) w[i] = Number(BigInt.asIntN(32, src[i]));
      (dst as Int32Array).set(w.subarray(0, n));
    }
  }
}

function floatsToI64(dst: BigInt64Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = H.toI64(src[i]);
}
function intsToI64(dst: BigInt64Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = BigInt(src[i]);
}
function toBool(dst: Uint8Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i] !== 0 ? 1 : 0;
}
function roundF16(dst: Float32Array | Float64Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = H.f16(src[i]);
}
function roundBf16(dst: Float32Array | Float64Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = H.bf16(src[i]);
}
function i64ToBool(dst: Uint8Array, src: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i] !== 0n ? 1 : 0;
}
function i64ToFloat(dst: Float32Array | Float64Array, src: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = Number(src[i]);
}
