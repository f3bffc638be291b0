// Backward formulas of the linalg decompositions and solvers (tensor/ops/linalg/decomp.ts,
// matrix_exp.ts, svd.ts) and of weight_norm (norms.ts):
//   inv        gA = -A⁻ᵀ·G·A⁻ᵀ
//   det        gA = g·det(A)·A⁻ᵀ (invertible A; a singular A raises, see below)
//   solve      gB = A⁻ᵀ·G, gA = -gB·Xᵀ
//   matrix_exp gA = the top-right block of exp([[Aᵀ, G], [0, Aᵀ]]) (Mathias' block formula)
//   qr         gA = (gQ + Q·copyltu(M))·R⁻ᵀ, M = R·gRᵀ - gQᵀ·Q (m ≥ n, reduced/complete)
//   svdvals    gA = U·diag(gS)·Vᵀ
//   householder_product, weight_norm: see each formula.
// inv/det/solve/matrix_exp/qr/weight_norm compute with engine ops, so create_graph gives second
// derivatives through them; svdvals' U, V and householder_product's backward are computed
// directly in double (first order only).

import { PyError } from '../../../errors';
import { Tensor } from '../../tensor';
import { matmul } from '../../ops/linalg/matmul';
import { inv } from '../../ops/linalg/decomp';
import { matrixExp } from '../../ops/linalg/matrix_exp';
import { cat } from '../../ops/join';
import { tril } from '../../ops/reorder';
import * as O from '../ops';
import { savedTensor } from '../meta';
import { registerFormula } from '../registry';

const mT = (t: Tensor): Tensor => O.transpose(t, -2, -1);
/** t[..., None, None]: a per-matrix scalar against its matrix. */
const asMat = (t: Tensor): Tensor => O.unsqueeze(O.unsqueeze(t, -1), -1);

registerFormula('LinalgInvExBackward0', (node, grads) => {
  const ainvT = mT(savedTensor(node, 0));
  return [O.neg(matmul(matmul(ainvT, grads[0]!), ainvT))];
});

registerFormula('LinalgDetBackward0', (node, grads) => {
  const a = savedTensor(node, 0);
  const d = savedTensor(node, 1);
  // PyTorch falls back on an SVD for singular A; here A⁻¹ must exist (inv raises LinAlgError)
  return [O.mul(asMat(O.mul(grads[0]!, d)), mT(inv(a)))];
});

registerFormula('LinalgSolveExBackward0', (node, grads, fx) => {
  const a = savedTensor(node, 0);
  const x = savedTensor(node, 1);
  const g = grads[0]!;
  const gb = x.ndim === 1 ? O.mv(mT(inv(a)), g) : matmul(mT(inv(a)), g);
  const ga = fx.needs[0] ? (x.ndim === 1 ? O.neg(O.mm(O.unsqueeze(gb, 1), O.unsqueeze(x, 0))) : O.neg(matmul(gb, mT(x)))) : null;
  return [ga, fx.needs[1] ? gb : null];
});

registerFormula('LinalgMatrixExpBackward0', (node, grads) => {
  const a = savedTensor(node, 0);
  const g = grads[0]!;
  const n = a.shape[a.ndim - 1];
  const at = mT(a);
  const top = cat([at, g], -1);
  const bottom = cat([O.mul(g, 0), at], -1);
  const e = matrixExp(cat([top, bottom], -2));
  return [O.narrow(O.narrow(e, -2, 0, n), -1, n, n)];
});

registerFormula('LinalgQrBackward0', (node, grads) => {
  if (node.ctx.mode === 'r')
    throw new PyError(
      'RuntimeError',
      "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
    );
  const q = savedTensor(node, 0);
  const r = savedTensor(node, 1);
  const [m, n] = [q.shape[q.ndim - 2], r.shape[r.ndim - 1]];
  if (m < n) throw new PyError('NotImplementedError', 'autograd: the derivative of linalg.qr for wide matrices (m < n) is not implemented');
  const gQ = grads[0] ?? O.mul(q, 0);
  const gR = grads.length > 1 && grads[1] != null ? grads[1] : O.mul(r, 0);
  const mm = O.sub(matmul(r, mT(gR)), matmul(mT(gQ), q));
  // copyltu: the lower triangle mirrored onto the upper one
  const sym = O.add(tril(mm, 0), mT(tril(mm, -1)));
  return [matmul(O.add(gQ, matmul(q, sym)), mT(inv(r)))];
});

registerFormula('LinalgSvdBackward0', (node, grads) => {
  const a = savedTensor(node, 0);
  const g = grads[0]!;
  const [m, n] = a.shape.slice(-2);
  const k = Math.min(m, n);
  const av = Float64Array.from(a.dataSync() as ArrayLike<number>);
  const gv = Float64Array.from(g.dataSync() as ArrayLike<number>);
  const out = new Float64Array(av.length);
  const batches = m * n === 0 ? 0 : av.length / (m * n);
  for (let b = 0; b < batches; b++) {
    const { u, v } = svd64(av.subarray(b * m * n, (b + 1) * m * n), m, n);
    for (let j = 0; j < k; j++) {
      const s = gv[b * k + j];
      for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) out[b * m * n + i * n + c] += s * u[i * k + j] * v[c * k + j];
    }
  }
  return [fill(a, out)];
});

/** A new tensor shaped like `like` holding `values`. */
function fill(like: Tensor, values: Float64Array): Tensor {
  const t = Tensor.empty(like.shape, like.dtype, like.device);
  (t.storage.data as Float32Array | Float64Array).set(values);
  return t;
}

/** Thin SVD by one-sided Jacobi: U (m×k), V (n×k), columns ordered by descending singular value. */
export function svd64(a: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  if (m < n) {
    const t = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) t[c * m + i] = a[i * n + c];
    const r = svd64(t, n, m);
    return { u: r.v, s: r.s, v: r.u };
  }
  const b = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = b[i * n + p], y = b[i * n + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) < 1e-300) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = b[i * n + p], y = b[i * n + q];
          b[i * n + p] = c * x - s * y;
          b[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p], y = v[i * n + q];
          v[i * n + p] = c * x - s * y;
          v[i * n + q] = s * x + c * y;
        }
      }
    if (off < 1e-15) break;
  }
  const sv = Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += b[i * n + j] ** 2;
    return Math.sqrt(s);
  });
  const order = sv.map((_, j) => j).sort((x, y) => sv[y] - sv[x]);
  const u = new Float64Array(m * n);
  const vo = new Float64Array(n * n);
  const s = new Float64Array(n);
  order.forEach((j, r) => {
    s[r] = sv[j];
    for (let i = 0; i < m; i++) u[i * n + r] = sv[j] === 0 ? 0 : b[i * n + j] / sv[j];
    for (let i = 0; i < n; i++) vo[i * n + r] = v[i * n + j];
  });
  return { u, s, v: vo };
}

/**
 * householder_product(A, tau) = H_1·…·H_k·I[:, :n], H_j = I − τ_j v_j v_jᵀ (v_j: 1 at j, A[i, j]
 * below). With Q_j = H_j·Q_{j+1} and G_j the gradient reaching Q_j (G_1 = G, G_{j+1} = H_j·G_j):
 * dτ_j = −v_jᵀ·G_j·Q_{j+1}ᵀ·v_j and dv_j = −τ_j (G_j Q_{j+1}ᵀ + Q_{j+1} G_jᵀ)·v_j, whose entries
 * below the diagonal are A's gradient (the rest of A is not read).
 */
registerFormula('LinalgHouseholderProductBackward0', (node, grads, fx) => {
  const a = savedTensor(node, 0);
  const tau = savedTensor(node, 1);
  const [m, n] = a.shape.slice(-2);
  const k = tau.shape[tau.ndim - 1];
  const av = Float64Array.from(a.dataSync() as ArrayLike<number>);
  const tv = Float64Array.from(tau.dataSync() as ArrayLike<number>);
  const gv = Float64Array.from(grads[0]!.dataSync() as ArrayLike<number>);
  const ga = new Float64Array(av.length);
  const gt = new Float64Array(tv.length);
  const batches = m * n === 0 ? 0 : av.length / (m * n);
  for (let b = 0; b < batches; b++) {
    const A = av.subarray(b * m * n, (b + 1) * m * n);
    const vec = (j: number): Float64Array => {
      const v = new Float64Array(m);
      v[j] = 1;
      for (let i = j + 1; i < m; i++) v[i] = A[i * n + j];
      return v;
    };
    // Q_{j} for j = k..0 (Q_k = I[:, :n]); qs[j] is the product H_{j}..H_{k-1}·I (0-based)
    const qs: Float64Array[] = new Array(k + 1);
    const q0 = new Float64Array(m * n);
    for (let i = 0; i < n; i++) q0[i * n + i] = 1;
    qs[k] = q0;
    for (let j = k - 1; j >= 0; j--) qs[j] = applyH(vec(j), tv[b * k + j], qs[j + 1], m, n);
    let G: Float64Array = Float64Array.from(gv.subarray(b * m * n, (b + 1) * m * n));
    for (let j = 0; j < k; j++) {
      const v = vec(j);
      const t = tv[b * k + j];
      const Q = qs[j + 1];
      // Qᵀv and Gᵀv (n-vectors), then W v = G (Qᵀ v) and Wᵀ v = Q (Gᵀ v)
      const qtv = new Float64Array(n);
      const gtv = new Float64Array(n);
      for (let i = 0; i < m; i++)
        for (let c = 0; c < n; c++) {
          qtv[c] += Q[i * n + c] * v[i];
          gtv[c] += G[i * n + c] * v[i];
        }
      const wv = new Float64Array(m);
      const wtv = new Float64Array(m);
      for (let i = 0; i < m; i++)
        for (let c = 0; c < n; c++) {
          wv[i] += G[i * n + c] * qtv[c];
          wtv[i] += Q[i * n + c] * gtv[c];
        }
      let vwv = 0;
      for (let i = 0; i < m; i++) vwv += v[i] * wv[i];
      gt[b * k + j] = -vwv;
      for (let i = j + 1; i < m; i++) ga[b * m * n + i * n + j] = -t * (wv[i] + wtv[i]);
      G = applyH(v, t, G, m, n);
    }
  }
  return [fx.needs[0] ? fill(a, ga) : null, fx.needs[1] ? fill(tau, gt) : null];
});

/** (I − τ v vᵀ)·X for X m×n. */
function applyH(v: Float64Array, t: number, x: Float64Array, m: number, n: number): Float64Array {
  const out = Float64Array.from(x);
  for (let c = 0; c < n; c++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += v[i] * x[i * n + c];
    s *= t;
    for (let i = 0; i < m; i++) out[i * n + c] -= s * v[i];
  }
  return out;
}

/** w = v·g/‖v‖ (norm over every dim but `dim`; all of them for dim = −1):
 * gg = Σ(G·v)/‖v‖, gv = (g/‖v‖)·(G − v·Σ(G·v)/‖v‖²). */
registerFormula('WeightNormInterfaceBackward0', (node, grads, fx) => {
  const v = savedTensor(node, 0);
  const g = savedTensor(node, 1);
  const G = grads[0]!;
  const dim = (node.ctx.dim as number | undefined) ?? 0;
  const d = dim < -1 ? dim + v.ndim : dim;
  const dims = v.shape.map((_, i) => i).filter((i) => d === -1 || i !== d);
  const norm = O.sqrt(O.sum(O.mul(v, v), dims, true));
  const gv = O.sum(O.mul(G, v), dims, true);
  const gOut = fx.needs[1] ? O.div(gv, norm) : null;
  const vOut = fx.needs[0] ? O.mul(O.div(g, norm), O.sub(G, O.div(O.mul(v, gv), O.mul(norm, norm)))) : null;
  return [vOut, gOut];
});

