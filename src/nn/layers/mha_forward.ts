// F.multi_head_attention_forward's slow path (torch/nn/functional.py, 2.6) over engine ops, so
// autograd runs through it and the results carry PyTorch's grad_fns (the averaged weights show
// MeanBackward1): packed or separate input projections, optional bias_k/bias_v and zero
// attention, boolean or float masks (a True entry masks, as _canonical_mask turns it into -inf),
// key_padding_mask merged into the mask, scaled q·kᵀ (baddbmm with a mask, bmm without), softmax,
// dropout, ·v, the output projection, and the weights averaged over heads unless asked not to.
// PyTorch switches to its fused kernels for need_weights=False / inference; the values agree to
// float tolerance, which is all a print shows.

import { PyError } from '../../errors';
import { add, mul } from '../../tensor/ops/arith';
import { full, zeros } from '../../tensor/ops/creation';
import { cat } from '../../tensor/ops/join';
import { linear } from '../../tensor/ops/linalg/matmul';
import { baddbmm, bmm } from '../../tensor/ops/linalg/products';
import { dropout } from '../../tensor/ops/nn/dropout';
import { softmax } from '../../tensor/ops/nn/softmax';
import { mean } from '../../tensor/ops/reduce';
import { where } from '../../tensor/ops/compare';
import { triu } from '../../tensor/ops/reorder';
import { contiguous, expand, narrow, reshape, squeeze, transpose, unsqueeze, view } from '../../tensor/ops/views';
import type { Tensor } from '../../tensor/tensor';

export interface MhaWeights {
  inProjWeight: Tensor | null;
  inProjBias: Tensor | null;
  qProjWeight: Tensor | null;
  kProjWeight: Tensor | null;
  vProjWeight: Tensor | null;
  biasK: Tensor | null;
  biasV: Tensor | null;
  outProjWeight: Tensor;
  outProjBias: Tensor | null;
}

export interface MhaOptions {
  numHeads: number;
  addZeroAttn: boolean;
  dropoutP: number;
  training: boolean;
  keyPaddingMask: Tensor | null;
  needWeights: boolean;
  attnMask: Tensor | null;
  averageAttnWeights: boolean;
  isCausal: boolean;
}

/** A bool mask → float with -inf where True; a float mask as is. */
function canonicalMask(m: Tensor | null, like: Tensor): Tensor | null {
  if (m === null) return null;
  if (m.dtype !== 'bool') return m;
  return where(m, full([], -Infinity, { dtype: like.dtype }), zeros([], { dtype: like.dtype }));
}

const chunk = (t: Tensor | null, i: number, n: number): Tensor | null => (t === null ? null : narrow(t, 0, i * n, n));

/** query (L, N, E), key (S, N, kdim), value (S, N, vdim) — or unbatched (L, E) etc. */
export function multiHeadAttentionForward(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, o: MhaOptions): [Tensor, Tensor | null] {
  const batched = query.ndim === 3;
  let q0 = query, k0 = key, v0 = value;
  let keyPadding = o.keyPaddingMask;
  if (!batched) {
    q0 = unsqueeze(query, 1);
    k0 = unsqueeze(key, 1);
    v0 = unsqueeze(value, 1);
    if (keyPadding !== null) keyPadding = unsqueeze(keyPadding, 0);
  }
  const [tgtLen, bsz, embedDim] = q0.shape;
  const heads = o.numHeads;
  const headDim = Math.floor(embedDim / heads);
  if (headDim * heads !== embedDim) throw new PyError('AssertionError', `embed_dim ${embedDim} not divisible by num_heads ${heads}`);
  let attnMask = canonicalMask(o.attnMask, q0);
  if (o.isCausal && attnMask === null) {
    attnMask = canonicalMask(triu(full([tgtLen, k0.shape[0]], true, { dtype: 'bool' }), 1), q0);
  }
  keyPadding = canonicalMask(keyPadding, q0);

  // In-projection (_in_projection_packed / _in_projection).
  let q: Tensor, k: Tensor, v: Tensor;
  if (w.inProjWeight !== null) {
    if (key === query && value === key) {
      const proj = linear(q0, w.inProjWeight, w.inProjBias);
      // unflatten(-1, (3, E)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous()
      const p = contiguous(squeeze(transpose(unsqueeze(reshape(proj, [...proj.shape.slice(0, -1), 3, embedDim]), 0), 0, -2), -2));
      [q, k, v] = [0, 1, 2].map((i) => narrow(p, 0, i, 1)).map((t) => squeeze(t, 0)) as [Tensor, Tensor, Tensor];
    } else {
      q = linear(q0, chunk(w.inProjWeight, 0, embedDim)!, chunk(w.inProjBias, 0, embedDim));
      k = linear(k0, chunk(w.inProjWeight, 1, embedDim)!, chunk(w.inProjBias, 1, embedDim));
      v = linear(v0, chunk(w.inProjWeight, 2, embedDim)!, chunk(w.inProjBias, 2, embedDim));
    }
  } else {
    q = linear(q0, w.qProjWeight!, chunk(w.inProjBias, 0, embedDim));
    k = linear(k0, w.kProjWeight!, chunk(w.inProjBias, 1, embedDim));
    v = linear(v0, w.vProjWeight!, chunk(w.inProjBias, 2, embedDim));
  }
  if (attnMask !== null && attnMask.ndim === 2) attnMask = unsqueeze(attnMask, 0);
  if (w.biasK !== null && w.biasV !== null) {
    k = cat([k, expand(w.biasK, [1, bsz, embedDim])], 0);
    v = cat([v, expand(w.biasV, [1, bsz, embedDim])], 0);
    if (attnMask !== null) attnMask = cat([attnMask, zeros([attnMask.shape[0], attnMask.shape[1], 1], { dtype: attnMask.dtype })], 2);
    if (keyPadding !== null) keyPadding = cat([keyPadding, zeros([keyPadding.shape[0], 1], { dtype: keyPadding.dtype })], 1);
  }
  q = transpose(view(contiguous(q), [tgtLen, bsz * heads, headDim]), 0, 1);
  k = transpose(view(contiguous(k), [k.shape[0], bsz * heads, headDim]), 0, 1);
  v = transpose(view(contiguous(v), [v.shape[0], bsz * heads, headDim]), 0, 1);
  if (o.addZeroAttn) {
    k = cat([k, zeros([bsz * heads, 1, headDim], { dtype: k.dtype })], 1);
    v = cat([v, zeros([bsz * heads, 1, headDim], { dtype: v.dtype })], 1);
    if (attnMask !== null) attnMask = cat([attnMask, zeros([attnMask.shape[0], attnMask.shape[1], 1], { dtype: attnMask.dtype })], 2);
    if (keyPadding !== null) keyPadding = cat([keyPadding, zeros([keyPadding.shape[0], 1], { dtype: keyPadding.dtype })], 1);
  }
  const srcLen = k.shape[1];
  if (keyPadding !== null) {
    const kp = reshape(expand(view(keyPadding, [bsz, 1, 1, srcLen]), [bsz, heads, 1, srcLen]), [bsz * heads, 1, srcLen]);
    attnMask = attnMask === null ? kp : add(attnMask, kp);
  }
  const dropoutP = o.training ? o.dropoutP : 0;
  const qScaled = mul(q, Math.sqrt(1 / headDim));
  let weights = attnMask !== null ? baddbmm(attnMask, qScaled, transpose(k, -2, -1)) : bmm(qScaled, transpose(k, -2, -1));
  weights = softmax(weights, -1);
  if (dropoutP > 0) weights = dropout(weights, dropoutP, { training: true });
  let out = bmm(weights, v);
  out = view(contiguous(transpose(out, 0, 1)), [tgtLen * bsz, embedDim]);
  out = linear(out, w.outProjWeight, w.outProjBias);
  out = view(out, [tgtLen, bsz, out.shape[1]]);
  let wOut: Tensor | null = null;
  if (o.needWeights) {
    wOut = view(weights, [bsz, heads, tgtLen, srcLen]);
    if (o.averageAttnWeights) wOut = mean(wOut, 1);
    if (!batched) wOut = squeeze(wOut, 0);
  }
  if (!batched) out = squeeze(out, 1);
  return [out, wOut];
}
