// The composite matrix entry points — torch.matmul / `@`, F.linear, torch.outer, F.bilinear —
// built from the products in products.ts the way ATen builds them (LinearAlgebra.cpp _matmul_impl
// and Linear.cpp, PyTorch 2.6), because the grad_fn a user sees is whichever op ATen happened to
// call last: `v @ M` is SqueezeBackward4, `x3d @ W` UnsafeViewBackward0, `M @ x3d` CloneBackward0
// when M requires grad, Linear on 3-d input ViewBackward0 (fixtures/matmul_cases.oracle.py).

import { PyError } from '../../../errors';
import { GradNode, gradEdge, isGradEnabled, recordInplace, recordOp, withNoGrad } from '../../grad';
import { broadcastShapes, numelOf } from '../../shape';
import { Tensor } from '../../tensor';
import { add, mul } from '../arith';
import { contiguous, expand, mT, permute, reshape, t_, unsqueeze, view } from '../views';
import { addmm, bmm, dot, mm, mv } from './products';
import { roundHalf, unsafeView } from './layout';

/** `squeeze_(0)` on a fresh result: in place, so the result keeps its object and gains a
 * SqueezeBackward4 node on top of its history (what `v @ M` shows). */
function squeezeInPlace0(r: Tensor): Tensor {
  r.shape = r.shape.slice(1);
  r.strides = r.strides.slice(1);
  if (isGradEnabled() && r.requiresGrad) {
    const node = new GradNode('SqueezeBackward4', [gradEdge(r)]);
    node.ctx = { dim: 0 };
    r.gradFn = node;
    r.outputNr = 0;
  }
  return r;
}

/** ATen's should_fold: fold the batch of the larger operand into mm/mv rows instead of bmm. */
function shouldFold(t1: Tensor, t2: Tensor): boolean {
  const t1Larger = t1.ndim >= t2.ndim;
  const big = t1Larger ? t1 : mT(t2);
  const dimSmall = t1Larger ? t2.ndim : t1.ndim;
  if (!(big.ndim >= 3 && dimSmall <= 2)) return false;
  const smallRequiresGrad = t1Larger ? t2.requiresGrad : t1.requiresGrad;
  if (smallRequiresGrad) return true; // ATen reads requires_grad(), whatever the grad mode
  if (t1.ndim === 2) return false;
  if (big.numel() === 0) return true;
  for (let i = 0; i < big.ndim - 1; i++) if (big.strides[i] !== big.strides[i + 1] * big.shape[i + 1]) return false;
  return true;
}

/** torch.matmul(input, other) / `input @ other`. */
export function matmul(t1: Tensor, t2: Tensor): Tensor {
  const d1 = t1.ndim;
  const d2 = t2.ndim;
  if (d1 === 0 || d2 === 0)
    throw new PyError('RuntimeError', `both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  if (d1 === 1 && d2 === 1) return dot(t1, t2);
  if (d1 === 2 && d2 === 1) return mv(t1, t2);
  if (d1 === 1 && d2 === 2) return squeezeInPlace0(mm(unsqueeze(t1, 0), t2));
  if (d1 === 2 && d2 === 2) return mm(t1, t2);
  if (shouldFold(t1, t2)) {
    const transpose = d2 > d1;
    const a = transpose ? mT(t2) : t1;
    const b = !transpose ? t2 : d1 === 2 ? t_(t1) : t1;
    const outShape = a.shape.slice(0, -1);
    const folded = reshape(a, [numelOf(outShape), a.shape[a.ndim - 1]]);
    if (b.ndim === 2) {
      outShape.push(b.shape[1]);
      const out = unsafeView(mm(folded, b), outShape);
      return transpose ? contiguous(mT(out)) : out;
    }
    return unsafeView(mv(folded, b), outShape);
  }
  // Batched: broadcast the batch dims, expand, flatten to 3-d, bmm, and view back.
  const n = d1 > 1 ? t1.shape[d1 - 2] : 1;
  const m1 = t1.shape[d1 - 1];
  const batch1 = t1.shape.slice(0, Math.max(d1 - 2, 0));
  const m2 = d2 > 1 ? t2.shape[d2 - 2] : t2.shape[0];
  const p = d2 > 1 ? t2.shape[d2 - 1] : 1;
  const batch2 = t2.shape.slice(0, Math.max(d2 - 2, 0));
  const batch = broadcastShapes(batch1, batch2);
  const bp = numelOf(batch);
  const e1 = reshape(expand(t1, [...batch, n, m1]), [bp, n, m1]);
  const vectorRhs = d2 === 1;
  const e2 = vectorRhs ? reshape(expand(t2, [...batch, m2]), [bp, m2, 1]) : reshape(expand(t2, [...batch, m2, p]), [bp, m2, p]);
  const outShape = batch.slice();
  if (d1 > 1) outShape.push(n);
  if (d2 > 1) outShape.push(p);
  const prod = bmm(e1, e2);
  return unsafeView(vectorRhs ? view(prod, [bp, n]) : prod, outShape);
}

/** torch.outer(input, vec2) = input.reshape(-1, 1) * vec2 — MulBackward0. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1)
    throw new PyError('RuntimeError', `outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  return mul(reshape(a, [-1, 1]), b);
}

/** F.linear(input, weight, bias=None) = input·weightᵀ + bias, as ATen's at::linear. */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const di = input.ndim;
  const dw = weight.ndim;
  if (di === 0 || dw === 0)
    throw new PyError('RuntimeError', `both arguments to linear need to be at least 1D, but they are ${di}D and ${dw}D`);
  if (di === 2 && bias !== null) return addmm(bias, input, t_(weight));
  if (bias !== null && input.isContiguous() && (di === 3 || bias.ndim === 1)) {
    // _flatten_nd_linear: reshape to 2-d, addmm, view back (ViewBackward0).
    const lead = input.shape.slice(0, -1);
    const flat = reshape(input, [numelOf(lead), input.shape[di - 1]]);
    const r = addmm(bias, flat, t_(weight));
    return view(r, [...lead, r.shape[1]]);
  }
  const out = matmul(input, t_(weight));
  if (bias !== null) addBiasInPlace(out, bias);
  return out;
}

/** `output.add_(bias)` on matmul's fresh contiguous result: bias broadcast over the last dim
 * (float32 rounding per element, as the elementwise add would), version bump, in-place
 * AddBackward0 on top of the result's history. */
function addBiasInPlace(out: Tensor, bias: Tensor): void {
  const b = expand(bias, out.shape);
  const bv = contiguous(b).dataSync() as Float32Array | Float64Array;
  const o = out.storage.data as Float32Array | Float64Array;
  for (let i = 0; i < bv.length; i++) o[out.offset + i] = o[out.offset + i] + bv[i];
  roundHalf(out);
  out.bumpVersion();
  // AddBackward0's formula reads alpha from ctx.params (as the elementwise add records it).
  const node = recordInplace('AddBackward0', out, [bias]);
  if (node) node.ctx.params = [1];
}

/**
 * F.bilinear(input1, input2, weight, bias=None): y[…, o] = Σ_ij x1[…, i]·W[o, i, j]·x2[…, j] + b[o].
 * Computed as one GEMM x1 · W' (W' = W permuted to in1 × (out·in2)) and a row-wise contraction
 * with x2. Records what PyTorch shows: AddBackward0 with bias, ViewBackward0 without.
 */
export function bilinear(x1: Tensor, x2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (x1.ndim !== x2.ndim)
    throw new PyError('RuntimeError', `bilinear(): input dimensions do not match: got ${x1.ndim} and ${x2.ndim}`);
  for (let d = 0; d < x1.ndim - 1; d++)
    if (x1.shape[d] !== x2.shape[d])
      throw new PyError('RuntimeError', `bilinear(): input batch dimensions do not match at dim ${d}: got ${x1.shape[d]} and ${x2.shape[d]}`);
  const [nOut, in1, in2] = weight.shape;
  if (x1.shape[x1.ndim - 1] !== in1)
    throw new PyError('RuntimeError', `bilinear(): input1 size does not match weight size: got ${x1.shape[x1.ndim - 1]} but expected ${in1}`);
  if (x2.shape[x2.ndim - 1] !== in2)
    throw new PyError('RuntimeError', `bilinear(): input2 size does not match weight size: got ${x2.shape[x2.ndim - 1]} but expected ${in2}`);
  const lead = x1.shape.slice(0, -1);
  const rows = numelOf(lead);
  // ATen: _trilinear on the flattened inputs (TrilinearBackward0), reshaped back (ViewBackward0),
  // then + bias (AddBackward0). The flattening records its own views.
  const x1f = reshape(x1, [rows, in1]);
  const x2f = reshape(x2, [rows, in2]);
  const tri = Tensor.empty([rows, nOut], x1.dtype, x1.device);
  const t = withNoGrad(() => mm(x1f, reshape(permute(weight, [1, 0, 2]), [in1, nOut * in2])));
  const td = t.storage.data as Float32Array | Float64Array;
  const x2c = withNoGrad(() => contiguous(x2f));
  const xd = x2c.storage.data as Float32Array | Float64Array;
  const od = tri.storage.data as Float32Array | Float64Array;
  const f = tri.dtype === 'float64' ? (v: number) => v : Math.fround;
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < nOut; o++) {
      let s = 0;
      for (let j = 0; j < in2; j++) s = f(s + f(td[r * nOut * in2 + o * in2 + j] * xd[x2c.offset + r * in2 + j]));
      od[r * nOut + o] = s;
    }
  recordOp('TrilinearBackward0', [x1f, weight, x2f], [tri])?.save(x1f, weight, x2f);
  const out = reshape(tri, [...lead, nOut]);
  return bias === null ? out : add(out, bias);
}
