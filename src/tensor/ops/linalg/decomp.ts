// Small dense linear algebra on (batches of) matrices, in double, rounded once into the dtype:
// linalg.qr (Householder, LAPACK geqrf's sign convention so Q and R match PyTorch's), det and
// solve (LU with partial pivoting), inv (Gauss–Jordan). Enough for parametrizations and user
// scripts on small matrices; grad_fn names are the oracle's (LinalgQrBackward0, ...).

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { Tensor } from '../../tensor';
import { contiguous } from '../views';
import { roundHalf } from './layout';

type Arr = Float32Array | Float64Array;

/** torch.linalg.LinAlgError (Python name `_LinAlgError` in torch._C), a RuntimeError subclass. */
export class LinAlgError extends PyError {
  constructor(message: string) {
    super('_LinAlgError', message);
  }
  override isInstanceOf(type: string): boolean {
    return type === '_LinAlgError' || type === 'LinAlgError' || new PyError('RuntimeError', '').isInstanceOf(type);
  }
}

function checkFloat(t: Tensor, name: string): void {
  if (!isFloating(t.dtype))
    throw new PyError('RuntimeError', `${name}: Expected a floating point or complex tensor as input. Got ${scalarTypeName(t.dtype)}`);
}

function checkSquare(t: Tensor, name: string): number {
  if (t.ndim < 2) throw new PyError('RuntimeError', `${name}: The input tensor A must have at least 2 dimensions.`);
  const [m, n] = t.shape.slice(-2);
  if (m !== n) throw new PyError('RuntimeError', `${name}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  return n;
}

/** Matrices of a (*, m, n) tensor as double arrays. */
function matrices(t: Tensor): Float64Array[] {
  const [m, n] = t.shape.slice(-2);
  const src = contiguous(t).dataSync() as Arr;
  const out: Float64Array[] = [];
  for (let off = 0; m * n > 0 && off < src.length; off += m * n) out.push(Float64Array.from(src.subarray(off, off + m * n)));
  return out;
}

/** Householder QR of an m×n matrix (row-major): returns reduced Q (m×k) and R (k×n). */
function qr64(a: Float64Array, m: number, n: number): { q: Float64Array; r: Float64Array } {
  const k = Math.min(m, n);
  const r = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const taus: number[] = [];
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += r[i * n + j] ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[j * n + j];
    const v = new Float64Array(m);
    if (norm === 0 || (norm === Math.abs(x0) && m - j === 1)) {
      vs.push(v);
      taus.push(0);
      continue;
    }
    // LAPACK dlarfg: beta = -sign(x0)·‖x‖, v = x / (x0 - beta) with v0 = 1, tau = (beta - x0) / beta.
    const beta = x0 >= 0 ? -norm : norm;
    const tau = (beta - x0) / beta;
    v[j] = 1;
    for (let i = j + 1; i < m; i++) v[i] = r[i * n + j] / (x0 - beta);
    for (let c = j; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i] * r[i * n + c];
      s *= tau;
      for (let i = j; i < m; i++) r[i * n + c] -= s * v[i];
    }
    vs.push(v);
    taus.push(tau);
  }
  // Q = H_0 H_1 … H_{k-1} applied to the first k columns of I.
  const q = new Float64Array(m * k);
  for (let i = 0; i < k; i++) q[i * k + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j];
    const tau = taus[j];
    if (tau === 0) continue;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i] * q[i * k + c];
      s *= tau;
      for (let i = j; i < m; i++) q[i * k + c] -= s * v[i];
    }
  }
  const rr = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let c = i; c < n; c++) rr[i * n + c] = r[i * n + c];
  return { q, r: rr };
}

/** torch.linalg.qr(A, mode='reduced') → [Q, R] — LinalgQrBackward0 on both. */
export function qr(input: Tensor, mode: 'reduced' | 'complete' | 'r' = 'reduced'): [Tensor, Tensor] {
  checkFloat(input, 'linalg.qr');
  if (input.ndim < 2) throw new PyError('RuntimeError', 'linalg.qr: The input tensor A must have at least 2 dimensions.');
  const [m, n] = input.shape.slice(-2);
  if (mode === 'complete' && m > n) throw new PyError('NotImplementedError', "linalg.qr: mode='complete' with m > n is not supported yet");
  const k = Math.min(m, n);
  const batch = input.shape.slice(0, -2);
  const Q = Tensor.empty(mode === 'r' ? [0] : [...batch, m, k], input.dtype, input.device);
  const R = Tensor.empty([...batch, k, n], input.dtype, input.device);
  matrices(input).forEach((a, b) => {
    const { q, r } = qr64(a, m, n);
    if (mode !== 'r') (Q.storage.data as Arr).set(q, b * m * k);
    (R.storage.data as Arr).set(r, b * k * n);
  });
  roundHalf(Q);
  roundHalf(R);
  // backward (autograd/formulas/decomp.ts) reads Q and R; mode 'r' has no Q and raises there
  const node = recordOp('LinalgQrBackward0', [input], mode === 'r' ? [R] : [Q, R]);
  if (node !== null) {
    if (mode !== 'r') node.save(Q, R);
    node.ctx.mode = mode;
  }
  return [Q, R];
}

/** torch.geqrf(A) → (a, tau): LAPACK's packed QR — R on and above the diagonal, the Householder
 * vectors (implicit leading 1) below it, and their scalars tau. Not differentiable in PyTorch,
 * so no node is recorded. */
export function geqrf(input: Tensor): [Tensor, Tensor] {
  checkFloat(input, 'geqrf');
  if (input.ndim < 2) throw new PyError('RuntimeError', 'torch.geqrf: input must have at least 2 dimensions.');
  const [m, n] = input.shape.slice(-2);
  const k = Math.min(m, n);
  const batch = input.shape.slice(0, -2);
  const A = Tensor.empty(input.shape, input.dtype, input.device);
  const tau = Tensor.empty([...batch, k], input.dtype, input.device);
  matrices(input).forEach((a, b) => {
    const { packed, taus } = geqrf64(a, m, n);
    (A.storage.data as Arr).set(packed, b * m * n);
    (tau.storage.data as Arr).set(taus, b * k);
  });
  roundHalf(A);
  roundHalf(tau);
  return [A, tau];
}

function geqrf64(a: Float64Array, m: number, n: number): { packed: Float64Array; taus: Float64Array } {
  const k = Math.min(m, n);
  const r = Float64Array.from(a);
  const taus = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let norm2 = 0;
    for (let i = j + 1; i < m; i++) norm2 += r[i * n + j] ** 2;
    const x0 = r[j * n + j];
    if (norm2 === 0) continue; // LAPACK: H = I (tau = 0), column left as is
    const norm = Math.sqrt(x0 * x0 + norm2);
    const beta = x0 >= 0 ? -norm : norm;
    const tau = (beta - x0) / beta;
    const scale = 1 / (x0 - beta);
    for (let i = j + 1; i < m; i++) r[i * n + j] *= scale;
    r[j * n + j] = beta;
    for (let c = j + 1; c < n; c++) {
      let s = r[j * n + c];
      for (let i = j + 1; i < m; i++) s += r[i * n + j] * r[i * n + c];
      s *= tau;
      r[j * n + c] -= s;
      for (let i = j + 1; i < m; i++) r[i * n + c] -= s * r[i * n + j];
    }
    taus[j] = tau;
  }
  return { packed: r, taus };
}

/** torch.linalg.householder_product(A, tau): the first n columns of H_1·…·H_k, H_i = I − τ_i v_i v_iᵀ
 * with v_i the i-th column of A below the diagonal (implicit 1) — LinalgHouseholderProductBackward0. */
export function householderProduct(input: Tensor, tau: Tensor): Tensor {
  checkFloat(input, 'linalg.householder_product');
  if (input.ndim < 2) throw new PyError('RuntimeError', 'torch.linalg.householder_product: input must have at least 2 dimensions.');
  const [m, n] = input.shape.slice(-2);
  if (m < n) throw new PyError('RuntimeError', 'torch.linalg.householder_product: input.shape[-2] must be greater than or equal to input.shape[-1]');
  const k = tau.shape[tau.ndim - 1];
  if (k > n) throw new PyError('RuntimeError', 'torch.linalg.householder_product: input.shape[-1] must be greater than or equal to tau.shape[-1]');
  const out = Tensor.empty(input.shape, input.dtype, input.device);
  const taus = contiguous(tau).dataSync() as Arr;
  matrices(input).forEach((a, b) => {
    const q = new Float64Array(m * n);
    for (let i = 0; i < n; i++) q[i * n + i] = 1;
    for (let j = k - 1; j >= 0; j--) {
      const t = taus[b * k + j];
      for (let c = 0; c < n; c++) {
        let s = q[j * n + c];
        for (let i = j + 1; i < m; i++) s += a[i * n + j] * q[i * n + c];
        s *= t;
        q[j * n + c] -= s;
        for (let i = j + 1; i < m; i++) q[i * n + c] -= s * a[i * n + j];
      }
    }
    (out.storage.data as Arr).set(q, b * m * n);
  });
  roundHalf(out);
  recordOp('LinalgHouseholderProductBackward0', [input, tau], [out])?.save(input, tau);
  return out;
}

/** LU with partial pivoting in place; returns the permutation sign, or 0 if singular. */
function lu64(a: Float64Array, n: number, perm: Int32Array): number {
  let sign = 1;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let j = 0; j < n; j++) {
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(a[i * n + j]) > Math.abs(a[p * n + j])) p = i;
    if (a[p * n + j] === 0) return 0;
    if (p !== j) {
      for (let c = 0; c < n; c++) [a[j * n + c], a[p * n + c]] = [a[p * n + c], a[j * n + c]];
      [perm[j], perm[p]] = [perm[p], perm[j]];
      sign = -sign;
    }
    for (let i = j + 1; i < n; i++) {
      const f = (a[i * n + j] /= a[j * n + j]);
      for (let c = j + 1; c < n; c++) a[i * n + c] -= f * a[j * n + c];
    }
  }
  return sign;
}

/** torch.linalg.det(A) — LinalgDetBackward0. */
export function det(input: Tensor): Tensor {
  checkFloat(input, 'linalg.det');
  const n = checkSquare(input, 'linalg.det');
  const out = Tensor.empty(input.shape.slice(0, -2), input.dtype, input.device);
  const o = out.storage.data as Arr;
  const perm = new Int32Array(n);
  matrices(input).forEach((a, b) => {
    const sign = lu64(a, n, perm);
    let d = sign;
    for (let i = 0; i < n; i++) d *= a[i * n + i];
    o[b] = sign === 0 ? 0 : d;
  });
  if (n === 0) o.fill(1);
  roundHalf(out);
  recordOp('LinalgDetBackward0', [input], [out])?.save(input, out);
  return out;
}

/** torch.linalg.inv(A) — LinalgInvExBackward0. */
export function inv(input: Tensor): Tensor {
  checkFloat(input, 'linalg.inv');
  const n = checkSquare(input, 'linalg.inv');
  const out = Tensor.empty(input.shape, input.dtype, input.device);
  const o = out.storage.data as Arr;
  const perm = new Int32Array(n);
  matrices(input).forEach((a, b) => {
    const lu = Float64Array.from(a);
    if (lu64(lu, n, perm) === 0) {
      let zero = 0;
      for (let i = 0; i < n; i++) if (lu[i * n + i] === 0 || i === n - 1) { zero = i + 1; break; }
      throw new LinAlgError(`linalg.inv: The diagonal element ${zero} is zero, the inversion could not be completed because the input matrix is singular.`);
    }
    for (let c = 0; c < n; c++) {
      const e = new Float64Array(n);
      for (let i = 0; i < n; i++) e[i] = perm[i] === c ? 1 : 0;
      const x = luSolve(lu, n, e);
      for (let i = 0; i < n; i++) o[b * n * n + i * n + c] = x[i];
    }
  });
  roundHalf(out);
  recordOp('LinalgInvExBackward0', [input], [out])?.save(out);
  return out;
}

/** Solve LU·x = rhs (rhs already permuted). */
function luSolve(lu: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const x = Float64Array.from(rhs);
  for (let i = 0; i < n; i++) for (let c = 0; c < i; c++) x[i] -= lu[i * n + c] * x[c];
  for (let i = n - 1; i >= 0; i--) {
    for (let c = i + 1; c < n; c++) x[i] -= lu[i * n + c] * x[c];
    x[i] /= lu[i * n + i];
  }
  return x;
}

/** torch.linalg.solve(A, B) for one square A (n×n) and B of shape (n) or (n, k) — LinalgSolveExBackward0. */
export function solve(a: Tensor, bT: Tensor): Tensor {
  checkFloat(a, 'linalg.solve');
  const n = checkSquare(a, 'linalg.solve');
  if (a.ndim !== 2) throw new PyError('NotImplementedError', 'linalg.solve: batched A is not supported yet');
  const vector = bT.ndim === 1;
  const k = vector ? 1 : bT.shape[1];
  if (bT.shape[0] !== n)
    throw new PyError('RuntimeError', `linalg.solve: Incompatible shapes of A and B for the equation AX = B (${n}x${n} and ${bT.shape.join('x')})`);
  const lu = matrices(a)[0];
  const perm = new Int32Array(n);
  if (lu64(lu, n, perm) === 0)
    throw new LinAlgError('torch.linalg.solve: The solver failed because the input matrix is singular.');
  const bv = contiguous(bT).dataSync() as Arr;
  const out = Tensor.empty(bT.shape, a.dtype, a.device);
  const o = out.storage.data as Arr;
  for (let c = 0; c < k; c++) {
    const rhs = new Float64Array(n);
    for (let i = 0; i < n; i++) rhs[i] = bv[perm[i] * k + c];
    const x = luSolve(lu, n, rhs);
    for (let i = 0; i < n; i++) o[i * k + c] = x[i];
  }
  roundHalf(out);
  recordOp('LinalgSolveExBackward0', [a, bT], [out])?.save(a, out);
  return out;
}
