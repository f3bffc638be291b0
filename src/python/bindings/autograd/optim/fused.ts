// Two CPU kernels of PyTorch that the engine's op table does not round the same way yet, written
// here from engine ops so the optimizers agree bit for bit (reported to the tensor/ owner):
//
//   add(a, b, alpha)  PyTorch: fmadd(b, alpha, a) with alpha cast to the tensor's dtype — one
//                     rounding of a + alpha·b with a float32 alpha. The table computes a + alpha·b
//                     in double with the double alpha. Handing it Math.fround(alpha) makes the
//                     product exact in double, so the only difference left is double rounding
//                     (about one element in 2^29).
//   addcmul(s, x, y, v)  PyTorch (GCC contracts the kernel's `self + value * t1 * t2`, vector and
//                     scalar paths alike): fma(fl(v·x), y, s), v a float. The table: s + v·x·y in
//                     double with the double v.
//   addcdiv(s, x, y, v)  PyTorch: s + fl(fl(v·x) / y). The table: s + v·(x / y).
//   lerp(a, b, w)     PyTorch: d = b - a rounded to float, then fmadd(w, d, a) for |w| < 0.5, else
//                     fmadd(w - 1, d, b), w a float. The table keeps b - a exact in double.
//
// Each is built from engine ops whose rounding already matches PyTorch's (mul and div by a scalar,
// add, and the table's exact-product-then-round for a product of two float32 values).
//
// Float64 tensors take the plain ops (their opmath is double; fused there too, but float64
// optimizer state is rare in the playground).

import * as A from '../../../../tensor/ops/arith';
import { copy_ } from '../../../../tensor/ops/copy';
import type { Tensor } from '../../../../tensor/tensor';

const alphaFor = (t: Tensor, alpha: number): number => (t.dtype === 'float32' ? Math.fround(alpha) : alpha);

/** `a.add(b, alpha=alpha)` as PyTorch's CPU kernel rounds it. */
export const addScaled = (a: Tensor, b: Tensor, alpha: number): Tensor => A.add(a, b, alphaFor(a, alpha));

/** `a.add_(b, alpha=alpha)` in place. */
export const addScaled_ = (a: Tensor, b: Tensor, alpha: number): Tensor => A.add_(a, b, alphaFor(a, alpha));

/** `a.lerp_(b, w)` for a Python-float weight, as PyTorch's CPU kernel rounds it. */
export function lerp_(a: Tensor, b: Tensor, w: number): Tensor {
  if (a.dtype !== 'float32') return A.lerp_(a, b, w);
  const wf = Math.fround(w);
  const d = A.sub(b, a);
  if (Math.abs(wf) < 0.5) return A.add_(a, d, wf);
  return copy_(a, A.add(b, d, Math.fround(wf - 1)));
}

/** `s.addcmul_(x, y, value=v)` in place. */
export function addcmul_(s: Tensor, x: Tensor, y: Tensor, v: number): Tensor {
  if (s.dtype !== 'float32') return A.addcmul_(s, x, y, v);
  return A.addcmul_(s, A.mul(x, Math.fround(v)), y, 1);
}

/** `s.addcmul(x, y, value=v)`. */
export function addcmul(s: Tensor, x: Tensor, y: Tensor, v: number): Tensor {
  if (s.dtype !== 'float32') return A.addcmul(s, x, y, v);
  return A.addcmul(s, A.mul(x, Math.fround(v)), y, 1);
}

/** `s.addcdiv_(x, y, value=v)` in place. */
export function addcdiv_(s: Tensor, x: Tensor, y: Tensor, v = 1): Tensor {
  if (s.dtype !== 'float32') return A.addcdiv_(s, x, y, v);
  return A.add_(s, A.div(A.mul(x, Math.fround(v)), y));
}
