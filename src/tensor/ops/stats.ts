// Statistics built on the reductions and sort: nansum / nanmean, aminmax, std_mean / var_mean,
// quantile / nanquantile (PyTorch's rank arithmetic in the input's precision, its interpolation
// modes and output layout), histc and bincount. grad_fns are the ones PyTorch records (nanmean is
// nansum / count → DivBackward0; aminmax records NotImplemented; std_mean one node, two outputs).

import { PyError } from '../../errors';
import { isFloating, isIntegral, type DType } from '../dtype';
import { recordOp, withNoGrad } from '../grad';
import { scalarTypeName } from '../promotion';
import { wrapDim } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { div } from './arith';
import { castInto } from './copy';
import { isnan, logicalNot, where } from './compare';
import { onHost, placeLike, toRows } from './dimrows';
import { amax, amin, mean, sum, varStd, type DimArg, type VarOptions } from './reduce';
import { sort } from './sort';
import { notImplemented } from './dimrows';
import { permute, reshape } from './views';

// --- nansum / nanmean ------------------------------------------------------------------------

export function nansum(t: Tensor, dim?: DimArg, keepdim = false, dtype: DType | null = null): Tensor {
  if (!isFloating(t.dtype)) return sum(t, dim, keepdim, dtype);
  const h = onHost(t);
  const zeroed = withNoGrad(() => where(isnan(h), 0, h));
  const out = placeLike(withNoGrad(() => sum(zeroed, dim, keepdim, dtype)), t);
  const node = recordOp('NansumBackward0', [t], [out]);
  if (node !== null) {
    node.save(t);
    Object.assign(node.ctx, { dim, keepdim });
  }
  return out;
}

export function nanmean(t: Tensor, dim?: DimArg, keepdim = false, dtype: DType | null = null): Tensor {
  if (!isFloating(t.dtype))
    throw new PyError('RuntimeError', `nanmean(): expected input to have floating point or complex dtype but got ${scalarTypeName(t.dtype)}`);
  const h = onHost(t);
  const count = placeLike(withNoGrad(() => sum(logicalNot(isnan(h)), dim, keepdim)), t);
  return div(nansum(t, dim, keepdim, dtype), count);
}

// --- aminmax / std_mean / var_mean -----------------------------------------------------------

export interface MinMax {
  min: Tensor;
  max: Tensor;
}

export function aminmax(t: Tensor, dim: number | null = null, keepdim = false): MinMax {
  if (t.numel() === 0 && dim === null)
    throw new PyError('RuntimeError', 'aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.');
  const d = dim === null ? null : wrapDim(dim, t.ndim);
  if (d !== null && t.ndim > 0 && t.shape[d] === 0)
    throw new PyError('IndexError', `aminmax: Expected reduction dim ${d} to have non-zero size.`);
  const r = withNoGrad(() => ({ min: amin(t, d, keepdim), max: amax(t, d, keepdim) }));
  // a full reduction with keepdim=True keeps every dim as size 1
  recordOp('NotImplemented', [t], [r.min, r.max]);
  return r;
}

function statMean(kind: 'std' | 'var', t: Tensor, dim: DimArg, opts: VarOptions): [Tensor, Tensor] {
  const opName = kind === 'std' ? 'std_mean' : 'var_mean';
  const pair = withNoGrad((): [Tensor, Tensor] => [varStd(kind, t, dim, opts, opName), mean(t, dim, opts.keepdim ?? false)]);
  const node = recordOp(kind === 'std' ? 'StdMeanBackward0' : 'VarMeanBackward0', [t], pair);
  if (node !== null) {
    node.save(t, pair[0]);
    Object.assign(node.ctx, { dim, correction: opts.correction ?? 1, keepdim: opts.keepdim ?? false });
  }
  return pair;
}

export const stdMean = (t: Tensor, dim?: DimArg, opts: VarOptions = {}): [Tensor, Tensor] => statMean('std', t, dim, opts);
export const varMean = (t: Tensor, dim?: DimArg, opts: VarOptions = {}): [Tensor, Tensor] => statMean('var', t, dim, opts);

// --- quantile --------------------------------------------------------------------------------

export type QuantileInterpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

/** Round half to even (PyTorch's round_ on the ranks). */
const rint = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

function quantileImpl(t: Tensor, q: number | Tensor, dim: number | null, keepdim: boolean, interpolation: QuantileInterpolation, ignoreNan: boolean): Tensor {
  const fn = ignoreNan ? 'nanquantile' : 'quantile';
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new PyError('RuntimeError', `${fn}() input tensor must be either float or double dtype`);
  if (q instanceof Tensor) {
    if (q.ndim > 1) throw new PyError('RuntimeError', `${fn}() q must be a scalar or 1D tensor`);
    if (q.dtype !== t.dtype) throw new PyError('RuntimeError', `${fn}() q tensor must be same dtype as the input tensor`);
  }
  const modes: QuantileInterpolation[] = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];
  if (!modes.includes(interpolation))
    throw new PyError('RuntimeError', `${fn}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  if (t.numel() === 0) throw new PyError('RuntimeError', `${fn}() input tensor must be non-empty`);
  const qs = q instanceof Tensor ? Array.from(q.dataSync() as Float32Array) : [q];
  for (const x of qs)
    if (!(x >= 0 && x <= 1)) throw new PyError('RuntimeError', q instanceof Tensor ? `${fn}() q values must be in the range [0, 1]` : `${fn}() q must be in the range [0, 1] but got ${x}`);
  // rank arithmetic in the input's precision, as PyTorch computes it on tensors of that dtype
  const r = t.dtype === 'float32' ? Math.fround : (x: number): number => x;
  const h = onHost(t);
  const src = dim === null ? withNoGrad(() => reshape(h, [h.numel()])) : h;
  const d = dim === null ? 0 : wrapDim(dim, t.ndim);
  const rows = toRows(withNoGrad(() => sort(src, d).values), d);
  const nq = qs.length;
  const out = new Float64Array(rows.outer * nq);
  const v = rows.data as Float32Array | Float64Array;
  for (let row = 0; row < rows.outer; row++) {
    const base = row * rows.R;
    let nanCount = 0;
    for (let i = 0; i < rows.R; i++) if (Number.isNaN(v[base + i])) nanCount++;
    qs.forEach((qq, k) => {
      let rank: number;
      if (ignoreNan) rank = Math.max(r(r(qq) * (rows.R - nanCount - 1)), 0);
      else rank = nanCount > 0 ? rows.R - 1 : r(r(qq) * (rows.R - 1));
      if (interpolation === 'lower') rank = Math.floor(rank);
      else if (interpolation === 'higher') rank = Math.ceil(rank);
      else if (interpolation === 'nearest') rank = rint(rank);
      const below = Math.trunc(rank);
      let value = v[base + below];
      if (interpolation === 'linear' || interpolation === 'midpoint') {
        const w = interpolation === 'midpoint' ? 0.5 : r(rank - below);
        const a = value;
        const b = v[base + Math.ceil(rank)];
        value = w < 0.5 ? r(a + r(w * r(b - a))) : r(b - r(r(b - a) * r(1 - w)));
      }
      out[row * nq + k] = value;
    });
  }
  // rows × q laid out as [..., q]; the reduced dim is gone (or kept as 1)
  const keptShape = dim === null ? [] : t.shape.filter((_, i) => i !== d);
  const res = Tensor.empty([...keptShape, nq], t.dtype);
  castInto(res, Tensor.fromArray(out, [...keptShape, nq], 'float64'));
  let outShape: number[];
  let strides: number[];
  const keepShape = dim === null ? t.shape.map(() => 1) : t.shape.map((s, i) => (i === d ? 1 : s));
  const finalKept = keepdim ? keepShape : keptShape;
  if (!(q instanceof Tensor) || q.ndim === 0) {
    outShape = finalKept;
    strides = Tensor.empty(outShape, t.dtype).strides;
  } else {
    // PyTorch moves the q dim first with a transpose: strides follow the [..., q] layout
    const pos = new Tensor(res.storage, [...finalKept, nq]);
    const p = permute(pos, [finalKept.length, ...finalKept.map((_, i) => i)]);
    outShape = p.shape;
    strides = p.strides;
  }
  const result = placeLike(new Tensor(new Storage(res.storage.data, t.dtype), outShape, strides, 0), t);
  const node = recordOp('SqueezeBackward4', [t], [result]);
  if (node !== null) Object.assign(node.ctx, { q: qs, dim, keepdim, interpolation, composite: 'quantile' });
  return result;
}

export const quantile = (t: Tensor, q: number | Tensor, dim: number | null = null, keepdim = false, interpolation: QuantileInterpolation = 'linear'): Tensor =>
  quantileImpl(t, q, dim, keepdim, interpolation, false);
export const nanquantile = (t: Tensor, q: number | Tensor, dim: number | null = null, keepdim = false, interpolation: QuantileInterpolation = 'linear'): Tensor =>
  quantileImpl(t, q, dim, keepdim, interpolation, true);

// --- histc / bincount ------------------------------------------------------------------------

/** torch.histc(input, bins=100, min=0, max=0): counts in `bins` equal bins; not differentiable. */
export function histc(t: Tensor, bins = 100, min = 0, max = 0): Tensor {
  if (!isFloating(t.dtype)) throw notImplemented('histogram_cpu', t.dtype);
  if (bins <= 0) throw new PyError('RuntimeError', `torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  const vals = Array.from(t.dataSync() as Float32Array);
  let lo = min;
  let hi = max;
  if (lo === hi && vals.length > 0) {
    lo = Math.min(...vals.filter((x) => !Number.isNaN(x)));
    hi = Math.max(...vals.filter((x) => !Number.isNaN(x)));
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (lo > hi) throw new PyError('RuntimeError', 'torch.histc: max must be larger than min');
  const r = t.dtype === 'float64' ? (x: number): number => x : Math.fround;
  lo = r(lo);
  hi = r(hi);
  const counts = new Float64Array(bins);
  for (const x of vals) {
    if (!(x >= lo && x <= hi)) continue;
    let pos = Math.trunc(r(r(r(x - lo) * bins) / r(hi - lo)));
    if (pos === bins) pos -= 1;
    counts[pos] += 1;
  }
  const out = Tensor.empty([bins], t.dtype, t.device);
  castInto(out, Tensor.fromArray(counts, [bins], 'float64'));
  return out;
}

/** torch.bincount(input, weights=None, minlength=0). */
export function bincount(t: Tensor, weights: Tensor | null = null, minlength = 0): Tensor {
  if (minlength < 0) throw new PyError('RuntimeError', 'minlength should be >= 0');
  if (!isIntegral(t.dtype)) throw notImplemented('bincount_cpu', t.dtype);
  const xs = Array.from(t.dataSync() as ArrayLike<number | bigint>, Number);
  if (t.ndim !== 1 || xs.some((x) => x < 0)) throw new PyError('RuntimeError', 'bincount only supports 1-d non-negative integral inputs.');
  if (weights !== null && (weights.ndim !== 1 || weights.shape[0] !== t.shape[0]))
    throw new PyError('RuntimeError', 'weights should be 1-d and have the same length as input');
  const n = Math.max(minlength, xs.length ? Math.max(...xs) + 1 : 0);
  if (weights === null) {
    const out = new BigInt64Array(n);
    for (const x of xs) out[x] += 1n;
    return placeLike(Tensor.fromArray(out, [n], 'int64'), t);
  }
  const w = Array.from(weights.dataSync() as ArrayLike<number | bigint>, Number);
  const dtype: DType = weights.dtype === 'float32' ? 'float32' : 'float64';
  const acc = new Float64Array(n);
  xs.forEach((x, i) => (acc[x] += w[i]));
  const out = Tensor.empty([n], dtype, t.device);
  castInto(out, Tensor.fromArray(acc, [n], 'float64'));
  return out;
}

