// More of torch.nn.functional, composed in Python in PyTorch or easily composed from engine ops:
// one_hot, pad (constant mode), cosine_similarity, pairwise_distance, scaled_dot_product_attention
// (the math path), interpolate (mode='nearest'), unfold (im2col), glu, softsign, tanhshrink, threshold,
// rms_norm. Each is
// built from differentiable engine ops, so autograd follows without formulas of its own.
// functional.ts merges these entries into the module.

import { PyError } from '../../../errors';
import { PyBuiltinFunction, PyFloat, PyList, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { padWithMode } from '../../../tensor/ops/nn/pad_modes';
import * as E from './tensor/engine';
import type { Tensor } from './tensor/engine';
import { functionalLossEntries } from './functional_loss';

const num = (v: PyValue): number => (v instanceof PyFloat ? v.v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
const truth = (v: PyValue): boolean => v === true || (typeof v === 'number' && v !== 0);
const T = (v: PyValue, fn: string, name = 'input', pos = 1): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `${fn}(): argument '${name}' (position ${pos}) must be Tensor, not ${typeof v}`);
  return v;
};
const ints = (v: PyValue): number[] => (v instanceof PyTuple || v instanceof PyList ? v.items.map(Number) : [Number(v)]);

const F = new Map<string, PyValue>();
function pyFn(sig: string, f: (v: PyValue[]) => PyValue): void {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  F.set(name, new PyBuiltinFunction(name, (a, kw) => f(bind(a, kw).values), `torch.nn.functional.${name}`));
}

// ---- one_hot, pad ----------------------------------------------------------------------------------

pyFn('one_hot(tensor, num_classes=-1)', ([x, nc]) => {
  const t = T(x, 'one_hot', 'self');
  if (t.dtype !== 'int64') throw new PyError('RuntimeError', 'one_hot is only applicable to index tensor of type LongTensor.');
  let classes = Number(nc);
  if (t.numel() > 0) {
    if (Number(E.min(t).item()) < 0) throw new PyError('RuntimeError', 'Class values must be non-negative.');
    const hi = Number(E.max(t).item());
    if (classes === -1) classes = hi + 1;
    else if (hi >= classes) throw new PyError('RuntimeError', 'Class values must be smaller than num_classes.');
  } else if (classes === -1) throw new PyError('RuntimeError', 'Can not infer total number of classes from empty tensor.');
  return E.toDtype(E.eq(E.unsqueeze(t, -1), E.arange(0, classes)), 'int64');
});

pyFn('pad(input, pad, mode="constant", value=None)', ([x, p, mode, value]) => {
  const t = T(x, 'pad');
  const pads = ints(p);
  if (pads.length % 2 !== 0) throw new PyError('RuntimeError', 'Padding length must be divisible by 2');
  if (pads.length / 2 > t.ndim) throw new PyError('RuntimeError', 'Padding length should be less than or equal to two times the input dimension but got padding length ' + pads.length + ' and input of dimension ' + t.ndim);
  if (mode === 'reflect' || mode === 'replicate') return padWithMode(t, pads, mode);
  if (mode !== 'constant') throw new PyError('NotImplementedError', `F.pad(mode='${String(mode)}') is not supported in this playground (only 'constant', 'reflect' and 'replicate')`);
  const fill = value === null ? 0 : num(value);
  let out = t;
  // pad = (last_left, last_right, second_last_left, ...): dimension ndim-1-k takes pair k
  for (let k = 0; k < pads.length / 2; k++) {
    const d = t.ndim - 1 - k;
    const [lo, hi] = [pads[2 * k], pads[2 * k + 1]];
    if (lo < 0) out = E.narrow(out, d, -lo, out.shape[d] + lo);
    if (hi < 0) out = E.narrow(out, d, 0, out.shape[d] + hi);
    const block = (n: number): Tensor => E.full(out.shape.map((s, i) => (i === d ? n : s)), E.isFloating(t.dtype) ? new PyFloat(fill) : fill, { dtype: t.dtype });
    const parts = [...(lo > 0 ? [block(lo)] : []), out, ...(hi > 0 ? [block(hi)] : [])];
    if (parts.length > 1) out = E.cat(parts, d);
  }
  return out === t ? E.clone(t) : out;
});

// ---- distances -----------------------------------------------------------------------------------------

pyFn('cosine_similarity(x1, x2, dim=1, eps=1e-08)', ([a, b, dim, eps]) => {
  const shape = E.broadcastAll([T(a, 'cosine_similarity', 'x1').shape, T(b, 'cosine_similarity', 'x2', 2).shape]);
  const x1 = E.expand(a as Tensor, shape);
  const x2 = E.expand(b as Tensor, shape);
  const d = Number(dim);
  // ATen's cosine_similarity: each side divided by its norm (clamped to eps outside autograd), then summed.
  const n1 = E.vectorNorm(x1, { ord: 2, dim: d, keepdim: true });
  const n2 = E.vectorNorm(x2, { ord: 2, dim: d, keepdim: true });
  E.withNoGrad(() => {
    E.clamp_(n1, new PyFloat(num(eps)), null);
    E.clamp_(n2, new PyFloat(num(eps)), null);
  });
  return E.sum(E.mul(E.div(x1, n1), E.div(x2, n2)), d);
});
pyFn('pairwise_distance(x1, x2, p=2.0, eps=1e-06, keepdim=False)', ([a, b, p, eps, keepdim]) => {
  const diff = E.add(E.sub(T(a, 'pairwise_distance', 'x1'), T(b, 'pairwise_distance', 'x2', 2)), new PyFloat(num(eps)));
  return E.vectorNorm(diff, { ord: num(p), dim: -1, keepdim: truth(keepdim) });
});

// ---- attention ----------------------------------------------------------------------------------------------

pyFn('scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False)', ([q, k, v, mask, dp, causal, scale]) => {
  const Q = T(q, 'scaled_dot_product_attention', 'query');
  const K = T(k, 'scaled_dot_product_attention', 'key', 2);
  const V = T(v, 'scaled_dot_product_attention', 'value', 3);
  const L = Q.shape[Q.ndim - 2];
  const S = K.shape[K.ndim - 2];
  // ATen's math path: q and k are each scaled by sqrt(scale) before the product.
  const s = Math.sqrt(scale === null ? 1 / Math.sqrt(Q.shape[Q.ndim - 1]) : num(scale));
  let attn = E.matmul(E.mul(Q, new PyFloat(s)), E.mul(E.transpose(K, -2, -1), new PyFloat(s)));
  const ninf = new PyFloat(-Infinity);
  if (truth(causal)) attn = E.maskedFill(attn, E.logicalNot(E.tril(E.ones([L, S], { dtype: 'bool' }))), ninf);
  if (mask instanceof E.Tensor) attn = mask.dtype === 'bool' ? E.maskedFill(attn, E.logicalNot(mask), ninf) : E.add(attn, mask);
  attn = E.softmax(attn, -1);
  if (num(dp) > 0) throw new PyError('NotImplementedError', 'scaled_dot_product_attention(dropout_p > 0) is not supported in this playground');
  return E.matmul(attn, V);
});

// ---- interpolate -----------------------------------------------------------------------------------------------

pyFn('interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None, antialias=False)', ([x, size, sf, mode]) => {
  const t = T(x, 'interpolate');
  if (mode !== 'nearest') throw new PyError('NotImplementedError', `F.interpolate(mode='${String(mode)}') is not supported in this playground (only 'nearest')`);
  const spatial = t.ndim - 2;
  if (spatial < 1) throw new PyError('ValueError', `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${t.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${String(mode)})`);
  if ((size === null) === (sf === null)) throw new PyError('ValueError', size === null ? 'either size or scale_factor should be defined' : 'only one of size or scale_factor should be defined');
  const sizes = size === null ? null : ints(size);
  const factors = sf === null ? null : sf instanceof PyTuple || sf instanceof PyList ? sf.items.map(num) : new Array<number>(spatial).fill(num(sf));
  let out = t;
  for (let i = 0; i < spatial; i++) {
    const d = 2 + i;
    const n = t.shape[d];
    const o = sizes ? (sizes.length === 1 ? sizes[0] : sizes[i]) : Math.floor(n * factors![i]);
    // upsample_nearest: src = min(floor(dst * scale), n - 1), scale = 1/scale_factor when given, else n/o
    const scale = factors ? 1 / factors[i] : n / o;
    const idx = Array.from({ length: o }, (_, j) => Math.min(Math.floor(Math.fround(j * Math.fround(scale))), n - 1));
    out = E.indexSelect(out, d, E.toDtype(E.tensor(idx, { dtype: 'float64' }), 'int64'));
  }
  return out;
});

// ---- unfold (im2col) -----------------------------------------------------------------------------------------------

const pair = (v: PyValue): [number, number] => {
  const xs = ints(v);
  return xs.length === 1 ? [xs[0], xs[0]] : [xs[0], xs[1]];
};
pyFn('unfold(input, kernel_size, dilation=1, padding=0, stride=1)', ([x, ks, dil, padv, st]) => {
  const t = T(x, 'unfold');
  if (t.ndim !== 3 && t.ndim !== 4) throw new PyError('NotImplementedError', `Input Error: Only 3D or 4D input Tensors are supported (got ${t.ndim}D)`);
  const batched = t.ndim === 4 ? t : E.unsqueeze(t, 0);
  const [kh, kw] = pair(ks);
  const [dh, dw] = pair(dil);
  const [ph, pw] = pair(padv);
  const [sh, sw] = pair(st);
  let inp = batched;
  if (ph || pw) {
    const zeros = (d: number, n: number): Tensor => E.zeros(inp.shape.map((s, i) => (i === d ? n : s)), { dtype: inp.dtype });
    if (pw) inp = E.cat([zeros(3, pw), inp, zeros(3, pw)], 3);
    if (ph) inp = E.cat([zeros(2, ph), inp, zeros(2, ph)], 2);
  }
  const [N, C, H, W] = inp.shape;
  const oh = Math.floor((H - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((W - dw * (kw - 1) - 1) / sw) + 1;
  // One strided slice per kernel offset, stacked as (N, C, kh*kw, oh, ow): Im2Col's (C, kh, kw) row order.
  const cols: Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const rows = E.sliceDim(inp, 2, i * dh, i * dh + sh * (oh - 1) + 1, sh);
      cols.push(E.sliceDim(rows, 3, j * dw, j * dw + sw * (ow - 1) + 1, sw));
    }
  }
  const out = E.reshape(E.stack(cols, 2), [N, C * kh * kw, oh * ow]);
  return t.ndim === 4 ? out : E.squeeze(out, 0);
});

// ---- small activations -------------------------------------------------------------------------------------------

pyFn('glu(input, dim=-1)', ([x, dim]) => {
  const t = T(x, 'glu');
  const d = E.wrapDim(Number(dim), t.ndim);
  if (t.shape[d] % 2 !== 0) throw new PyError('RuntimeError', `Halving dimension must be even, but dimension ${d} is size ${t.shape[d]}`);
  const [a, b] = E.chunk(t, 2, d);
  return E.mul(a, E.sigmoid(b));
});
pyFn('softsign(input)', ([x]) => {
  const t = T(x, 'softsign');
  return E.div(t, E.add(E.abs(t), 1));
});
pyFn('tanhshrink(input)', ([x]) => {
  const t = T(x, 'tanhshrink');
  return E.sub(t, E.tanh(t));
});
pyFn('threshold(input, threshold, value, inplace=False)', ([x, th, value]) => {
  const t = T(x, 'threshold');
  return E.where(E.le(t, new PyFloat(num(th))), new PyFloat(num(value)), t);
});

// ---- rms_norm (the engine's composite; nn.RMSNorm calls the same) ------------------------------------

pyFn('rms_norm(input, normalized_shape, weight=None, eps=None)', ([x, shape, w, eps]) =>
  E.rmsNorm(T(x, 'rms_norm'), ints(shape), w instanceof E.Tensor ? w : null, eps === null ? null : num(eps)));

/** The extra attributes of `torch.nn.functional`. */
export function functionalMoreEntries(): Map<string, PyValue> {
  return new Map([...F, ...functionalLossEntries()]);
}
