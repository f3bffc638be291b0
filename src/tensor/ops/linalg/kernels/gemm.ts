// The one entry the linalg and nn ops call for a matrix product: picks the kernel by dtype and,
// for float32, by size — the WASM SIMD kernel (wasm/gemm.ts) once the product is big enough to
// pay for packing, the JS kernel (gemm_js.ts) below that and for skinny results. Both give the
// same bits (reference BLAS order), so the choice is invisible.

import type { DType, StorageArray } from '../../../dtype';
import { gemmF32Wasm } from '../../../wasm/gemm';
import { gemmF32JS, gemmF64JS } from './gemm_js';
import { gemmInt32, gemmInt64 } from './gemm_int';
import type { GemmOptions, MatRef } from './operand';

/** Measured on the 2-core dev box (bench/engine.ts and the kernel sweep): WASM wins from about
 * 12³ multiply-adds, but only when C has at least one full NR=8 column panel — for n < 8 the
 * kernel computes mostly padding and the JS kernel is faster. */
const WASM_MIN_FLOPS = 2048;
const WASM_MIN_N = 8;

let forceJs = false;
/** Keep float32 on the JS kernel (bench rows, tests comparing the two paths). */
export function setGemmForceJs(on: boolean): void {
  forceJs = on;
}

export function gemmF32(m: number, n: number, k: number, a: MatRef<Float32Array>, b: MatRef<Float32Array>, c: MatRef<Float32Array>, opts: GemmOptions = {}): void {
  if (!forceJs && n >= WASM_MIN_N && m * n * k >= WASM_MIN_FLOPS && gemmF32Wasm(m, n, k, a, b, c, opts)) return;
  gemmF32JS(m, n, k, a, b, c, opts);
}

/**
 * C (m×n) ← A·B for any dtype's storage array (floats honour `opts`; integers support
 * 'overwrite' and 'first' with alpha = beta = 1, which is all the integer ops need).
 */
export function gemmAny(
  dtype: DType,
  m: number,
  n: number,
  k: number,
  a: MatRef<StorageArray>,
  b: MatRef<StorageArray>,
  c: MatRef<StorageArray>,
  opts: GemmOptions = {},
): void {
  const addC = opts.accumulate === 'first' || opts.accumulate === 'last';
  switch (dtype) {
    case 'float32':
    case 'float16':
    case 'bfloat16':
      gemmF32(m, n, k, a as MatRef<Float32Array>, b as MatRef<Float32Array>, c as MatRef<Float32Array>, opts);
      return;
    case 'float64':
      gemmF64JS(m, n, k, a as MatRef<Float64Array>, b as MatRef<Float64Array>, c as MatRef<Float64Array>, opts);
      return;
    case 'int64':
      gemmInt64(m, n, k, a as MatRef<BigInt64Array>, b as MatRef<BigInt64Array>, c as MatRef<BigInt64Array>, addC);
      return;
    default:
      gemmInt32(m, n, k, a as MatRef<Int32Array>, b as MatRef<Int32Array>, c as MatRef<Int32Array>, addC);
  }
}
