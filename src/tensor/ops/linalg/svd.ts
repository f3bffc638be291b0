// Singular values by one-sided Jacobi rotations in double (accurate to the last bit of float32
// for the small matrices a playground holds): linalg.svdvals, and through it the spectral (2),
// inverse-spectral (-2) and nuclear matrix norms. Full SVD (U, Vh) is not provided: its sign
// convention (LAPACK gesdd's) is not reproduced here.

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { Tensor } from '../../tensor';
import { contiguous } from '../views';
import { roundHalf } from './layout';

/** Singular values (descending) of a row-major m×n matrix. */
export function singularValues64(a: Float64Array, m: number, n: number): Float64Array {
  // Work on columns of the taller orientation: B is rows×cols with rows ≥ cols.
  const tall = m >= n;
  const rows = tall ? m : n;
  const cols = tall ? n : m;
  const b = new Float64Array(rows * cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) b[tall ? i * cols + j : j * cols + i] = a[i * n + j];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < cols - 1; p++)
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < rows; i++) {
          const x = b[i * cols + p], y = b[i * cols + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-300) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = b[i * cols + p], y = b[i * cols + q];
          b[i * cols + p] = c * x - s * y;
          b[i * cols + q] = s * x + c * y;
        }
      }
    if (off < 1e-15) break;
  }
  const sv = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += b[i * cols + j] ** 2;
    sv[j] = Math.sqrt(s);
  }
  return sv.sort().reverse();
}

/** torch.linalg.svdvals(A): A (*, m, n) → (*, min(m, n)), descending — LinalgSvdBackward0. */
export function svdvals(input: Tensor): Tensor {
  if (input.ndim < 2) throw new PyError('RuntimeError', 'linalg.svd: The input tensor A must have at least 2 dimensions.');
  if (!isFloating(input.dtype))
    throw new PyError('RuntimeError', `linalg.svd: Expected a floating point or complex tensor as input. Got ${scalarTypeName(input.dtype)}`);
  const [m, n] = input.shape.slice(-2);
  const k = Math.min(m, n);
  const out = Tensor.empty([...input.shape.slice(0, -2), k], input.dtype, input.device);
  const src = contiguous(input).dataSync() as Float32Array | Float64Array;
  const o = out.storage.data as Float32Array | Float64Array;
  const batches = m * n === 0 ? 0 : src.length / (m * n);
  for (let b = 0; b < batches; b++) o.set(singularValues64(Float64Array.from(src.subarray(b * m * n, (b + 1) * m * n)), m, n), b * k);
  roundHalf(out);
  recordOp('LinalgSvdBackward0', [input], [out])?.save(input);
  return out;
}
