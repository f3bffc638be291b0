// torch.linalg.matrix_exp (and torch.matrix_exp) for square matrices and batches of them, as the
// orthogonal parametrization needs it. Scaling and squaring in double precision: scale A by 2^-s
// until ‖A‖₁ ≤ 1/2, sum the Taylor series to convergence (≤ 30 terms at that norm), square s
// times, round once into the dtype. PyTorch evaluates a degree-18 Padé-like polynomial in the
// dtype itself (Bader–Blanes–Casas); computing in double agrees with it to float32 precision.

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { Tensor } from '../../tensor';
import { contiguous } from '../views';
import { roundHalf } from './layout';

function matmulSq(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const v = a[i * n + k];
      if (v === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += v * b[k * n + j];
    }
  return c;
}

/** exp(A) for one n×n matrix in double. */
export function expm64(a: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]);
    norm = Math.max(norm, s);
  }
  if (!Number.isFinite(norm)) return new Float64Array(n * n).fill(NaN);
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scale = 2 ** -s;
  const as = a.map((v) => v * scale);
  let result: Float64Array = new Float64Array(n * n);
  let term: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    result[i * n + i] = 1;
    term[i * n + i] = 1;
  }
  for (let k = 1; k <= 30; k++) {
    term = matmulSq(term, as, n).map((v) => v / k);
    let mx = 0;
    for (let i = 0; i < n * n; i++) {
      result[i] += term[i];
      mx = Math.max(mx, Math.abs(term[i]));
    }
    if (mx < 1e-18) break;
  }
  for (let q = 0; q < s; q++) result = matmulSq(result, result, n);
  return result;
}

/** torch.linalg.matrix_exp(A): A of shape (*, n, n) — LinalgMatrixExpBackward0. */
export function matrixExp(input: Tensor): Tensor {
  if (input.ndim < 2 || input.shape[input.ndim - 1] !== input.shape[input.ndim - 2])
    throw new PyError('RuntimeError', `linalg.matrix_exp: A must be batches of square matrices, but they are ${input.shape.slice(-2).join(' by ')} matrices`);
  if (!isFloating(input.dtype))
    throw new PyError('RuntimeError', `linalg.matrix_exp: Expected a floating point or complex tensor as input. Got ${scalarTypeName(input.dtype)}`);
  const n = input.shape[input.ndim - 1];
  const out = Tensor.empty(input.shape, input.dtype, input.device);
  const src = contiguous(input).dataSync() as Float32Array | Float64Array;
  const dst = out.storage.data as Float32Array | Float64Array;
  const batches = n === 0 ? 0 : src.length / (n * n);
  for (let b = 0; b < batches; b++) dst.set(expm64(Float64Array.from(src.subarray(b * n * n, (b + 1) * n * n)), n), b * n * n);
  roundHalf(out);
  recordOp('LinalgMatrixExpBackward0', [input], [out])?.save(input);
  return out;
}
