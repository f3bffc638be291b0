// One irregularity of PyTorch's CPU add/sub with alpha, reproduced after the table kernel ran
// (elementwise.ts calls this). The table computes every element as ATen's vector loop does,
// fmadd(other, alpha, self) rounded once. But when `other` is broadcast along TensorIterator's
// inner loop (stride 0 there, e.g. a [N, 1] column added to [N, C]) while out and self are
// contiguous along it, ATen runs vectorized_loop with `other` as its scalar operand, and the tail
// of each inner run (the last n mod 2·Vec elements) goes through basic_loop, which GCC compiled
// with `alpha * other` hoisted: its vectorized epilogue rounds that product before adding, the
// rest of the tail stays fused. Measured on the oracle (AVX512, GCC 14) for every tail length:
//
//   float32: runs of 32 fused; in the tail, 16-wide blocks fused; of the r < 16 left, when r ≥ 5,
//            the first fused, then 4·⌊(r-1)/4⌋ unfused, the rest fused (r ≤ 4: all fused).
//   float64: the same with 16 / 8 / 2: runs of 16 fused, 8-wide blocks fused, then of r < 8 left,
//            when r ≥ 3, the first fused, 2·⌊(r-1)/2⌋ unfused, the rest fused.
//
// "Unfused" is self + fl(alpha·other). A single-element `other` (ATen's cpu-scalar path), a
// broadcast `self`, strided out/self, or mixed dtypes take loops that fuse everywhere, and so does
// every other op (lerp, addcmul: checked on the oracle), so nothing is patched for them.
//
// The inner loop is TensorIterator's: dims sorted by strides (reorder_dimensions, the output left
// out when it is being allocated), coalesced, walked with dim 0 innermost, and split in halves
// between the oracle's two threads from GRAIN_SIZE elements on (at::parallel_for).

import type { Tensor } from '../tensor';
import { broadcastStrides } from '../shape';
import { THREADS } from './vecmath';
import { GRAIN_SIZE, coalesce, reorder } from './iter_geometry';

interface Geometry {
  /** 2·Vec::size(): the vector loop's step. */
  step: number;
  /** GCC's main vector width over the tail. */
  main: number;
  /** GCC's epilogue vector width (the unfused part). */
  epi: number;
}
const GEOMETRY: Record<'float32' | 'float64', Geometry> = {
  float32: { step: 32, main: 16, epi: 4 },
  float64: { step: 16, main: 8, epi: 2 },
};

/** Offsets q in [0, n) of an inner run of length n whose sum is rounded twice. */
export function unfusedInRun(n: number, g: Geometry): [number, number] | null {
  const tail0 = n - (n % g.step);
  const m = n - tail0;
  const start = tail0 + m - (m % g.main);
  const r = n - start;
  if (r < 1 + g.epi) return null;
  const len = g.epi * Math.floor((r - 1) / g.epi);
  return [start + 1, start + 1 + len];
}

/**
 * The elements of `out` = self + sign·alpha·other that PyTorch's kernel rounds twice (see the
 * file comment), computed from the operands as they are now — call it before the kernel runs (an
 * in-place add overwrites self) — and written by the returned function after it; null when
 * nothing differs. `alpha` is the Python scalar's value; `allocated` says the output is being
 * created by the op (so in PyTorch it follows the inputs' layout, whatever ours is).
 */
export function planAlphaTail(out: Tensor, self: Tensor, other: Tensor, alpha: number, sign: 1 | -1, allocated: boolean): (() => void) | null {
  const dtype = out.dtype;
  if ((dtype !== 'float32' && dtype !== 'float64') || out.device !== 'cpu') return null;
  if (self.dtype !== dtype || other.dtype !== dtype || self.device !== 'cpu' || other.device !== 'cpu') return null;
  if (other.numel() <= 1 || out.numel() < 2) return null;
  const g = GEOMETRY[dtype];
  const R = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const al = R(sign * alpha);
  if (al === 1) return null;
  // operand strides over the loop shape, in TensorIterator's order (out, self, other)
  const shape0 = out.shape;
  const sSelf = broadcastStrides(self.shape, self.strides, shape0);
  const sOther = broadcastStrides(other.shape, other.strides, shape0);
  const sOut = [...out.strides];
  const nd = shape0.length;
  // TensorIterator's dims run innermost first: perm[0] is the innermost of the original dims
  const perm = reorder(shape0, allocated ? [sSelf, sOther] : [sOut, sSelf, sOther]);
  const pShape = perm.map((p) => shape0[p]);
  const pt = (s: readonly number[]): number[] => perm.map((p) => s[p]);
  // PyTorch's output: allocated contiguous along the permuted dims
  const itOut: number[] = [];
  for (let d = 0, acc = 1; d < nd; d++) (itOut.push(acc), (acc *= pShape[d]));
  const ourOut = pt(sOut);
  const { shape, strides, groups } = coalesce(pShape, [allocated ? itOut : ourOut, pt(sSelf), pt(sOther)]);
  const [io, is, ib] = strides;
  if (shape.length === 0 || io[0] !== 1 || is[0] !== 1 || ib[0] !== 0) return null;
  /** Offset in our output of index i along merged dim d. */
  const ourOffset = (d: number, i: number): number => {
    let off = 0;
    for (const od of groups[d]) {
      off += (i % pShape[od]) * ourOut[od];
      i = Math.floor(i / pShape[od]);
    }
    return off;
  };
  const n0 = shape[0];
  const span = unfusedInRun(n0, g);
  const numel = out.numel();
  const threads = numel < GRAIN_SIZE ? 1 : Math.min(THREADS, Math.ceil(numel / GRAIN_SIZE));
  const chunk = Math.ceil(numel / threads);
  const where: number[] = [];
  const values: number[] = [];
  const selfArr = self.storage.dataForRead as Float32Array | Float64Array;
  const otherArr = other.storage.dataForRead as Float32Array | Float64Array;
  const rows = numel / n0;
  const idx = new Array<number>(shape.length).fill(0);
  let pSelf = self.offset;
  let pOther = other.offset;
  for (let row = 0; row < rows; row++) {
    const rowStart = row * n0;
    let rowOut = out.offset;
    for (let d = 1; d < shape.length; d++) rowOut += ourOffset(d, idx[d]);
    // one run per thread range that meets this row
    for (let lo = rowStart; lo < rowStart + n0; ) {
      const hi = Math.min(rowStart + n0, (Math.floor(lo / chunk) + 1) * chunk);
      const q = lo === rowStart && hi === rowStart + n0 ? span : unfusedInRun(hi - lo, g);
      if (q !== null) {
        const b = R(al * otherArr[pOther]);
        for (let e = lo + q[0]; e < lo + q[1]; e++) {
          const i = e - rowStart;
          where.push(rowOut + ourOffset(0, i));
          values.push(R(selfArr[pSelf + i] + b));
        }
      }
      lo = hi;
    }
    // odometer over the outer dims
    for (let d = 1; d < shape.length; d++) {
      idx[d]++;
      pSelf += is[d];
      pOther += ib[d];
      if (idx[d] < shape[d]) break;
      pSelf -= is[d] * shape[d];
      pOther -= ib[d] * shape[d];
      idx[d] = 0;
    }
  }
  if (where.length === 0) return null;
  return () => {
    const outArr = out.storage.data as Float32Array | Float64Array;
    for (let k = 0; k < where.length; k++) outArr[where[k]] = values[k];
  };
}
