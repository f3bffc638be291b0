// Integer matmul kernels (int32/int16/int8/uint8 and int64). PyTorch has no BLAS for these; its
// own loops accumulate in the dtype (int64 for int64) and wrap on overflow, so we accumulate
// modulo 2^32 with Math.imul / `| 0` (the narrow typed array's store then wraps to 16/8 bits,
// which agrees because 2^8 and 2^16 divide 2^32) and in BigInt with BigInt.asIntN(64) for int64.
// Integer sums are exact, so order does not matter and these stay simple direct loops.

import type { MatRef } from './operand';

type IntArr = Int32Array | Int16Array | Int8Array | Uint8Array;

/** C (m×n) = A·B (+ C when `addC`), 32-bit wrapping accumulation, stored into C's array. */
export function gemmInt32(m: number, n: number, k: number, a: MatRef<IntArr>, b: MatRef<IntArr>, c: MatRef<IntArr>, addC = false): void {
  const ad = a.data, bd = b.data, cd = c.data;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const ci = c.off + i * c.rs + j * c.cs;
      let s = addC ? cd[ci] | 0 : 0;
      let ai = a.off + i * a.rs;
      let bi = b.off + j * b.cs;
      for (let l = 0; l < k; l++, ai += a.cs, bi += b.rs) s = (s + Math.imul(ad[ai], bd[bi])) | 0;
      cd[ci] = s;
    }
}

/** C (m×n) = A·B (+ C when `addC`) in int64, wrapping like C++ int64_t. */
export function gemmInt64(m: number, n: number, k: number, a: MatRef<BigInt64Array>, b: MatRef<BigInt64Array>, c: MatRef<BigInt64Array>, addC = false): void {
  const ad = a.data, bd = b.data, cd = c.data;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const ci = c.off + i * c.rs + j * c.cs;
      let s = addC ? cd[ci] : 0n;
      let ai = a.off + i * a.rs;
      let bi = b.off + j * b.cs;
      for (let l = 0; l < k; l++, ai += a.cs, bi += b.rs) s += ad[ai] * bd[bi];
      cd[ci] = BigInt.asIntN(64, s);
    }
}
