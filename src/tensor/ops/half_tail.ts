// add/sub with alpha on float16/bfloat16 tensors, where ATen's vector loop and its scalar tail
// compute differently (measured on the oracle: the tail is the last n mod 32 elements of each
// inner run — every length 1..130 checked; iter_geometry.ts finds them). The vector
// loop widens to float and fuses: fmadd(b, alpha, a) rounded once to the half type — that is what
// elementwise.ts runs for every element (the float32 loop, alpha already cast to the half type).
// The scalar tail runs c10::Half arithmetic instead: alpha·b rounded to the half type, then a + that
// rounded again. This patches the tail after the kernel ran, as alpha_tail.ts does for float32.

import type { Layout } from '../backend';
import { bf16, f16 } from '../cpu/math';
import { scalarElements } from './iter_geometry';

/** The vector loop's step over half elements (measured). */
const HALF_STEP = 32;

/**
 * Plan the tail of out = a + alpha·b (alpha: the signed value already in the half type) before
 * the kernel runs (in place, out is a), and return the function that writes it afterwards.
 */
export function planHalfAddTail(out: Layout, a: Layout, b: Layout, alpha: number, allocated: boolean): (() => void) | null {
  if (out.dtype !== 'float16' && out.dtype !== 'bfloat16') return null;
  const H = out.dtype === 'float16' ? (v: number): number => f16(Math.fround(v)) : (v: number): number => bf16(Math.fround(v));
  const tail = scalarElements(out, [a, b], allocated, HALF_STEP);
  if (tail.out.length === 0) return null;
  const as = a.storage.dataForRead;
  const bs = b.storage.dataForRead;
  const values = tail.out.map((_, k) => H(Number(as[tail.inputs[0][k]]) + H(alpha * Number(bs[tail.inputs[1][k]]))));
  return () => {
    const dst = out.storage.data as Float32Array;
    for (let k = 0; k < values.length; k++) dst[tail.out[k]] = values[k];
  };
}
