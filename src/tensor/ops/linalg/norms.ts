// Vector and matrix norms and the normalizations built on them: linalg.vector_norm (any ord,
// dims, keepdim), linalg.matrix_norm (fro, nuc, ±1, ±2, ±inf), linalg.norm, F.normalize,
// torch.norm_except_dim and torch._weight_norm (what nn.utils.weight_norm and its
// parametrization call). Sums run in
// double and round once into the dtype; grad_fn names are the oracle's
// (LinalgVectorNormBackward0, DivBackward0, ViewBackward0, WeightNormInterfaceBackward0).

import { PyError } from '../../../errors';
import { isFloating, type DType } from '../../dtype';
import { recordOp, withNoGrad } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { numelOf, wrapDim } from '../../shape';
import { Tensor } from '../../tensor';
import { toDtype } from '../copy';
import { contiguous, expand, permute, transpose, view } from '../views';
import { singularValues64 } from './svd';
import { div, mul } from '../arith';
import { clampMin } from '../unary';
import { pyf } from '../../scalar';
import { roundHalf } from './layout';

type Arr = Float32Array | Float64Array;

/** Reduce |x|^ord over `dims` of a float tensor (ord ∈ ℝ ∪ {±inf}), in double. */
function normReduce(x: Tensor, ord: number, dims: readonly number[], keepdim: boolean): Tensor {
  const red = new Set(dims);
  const kept = x.shape.map((_, i) => i).filter((i) => !red.has(i));
  const outShape = keepdim ? x.shape.map((s, i) => (red.has(i) ? 1 : s)) : kept.map((i) => x.shape[i]);
  const out = Tensor.empty(outShape, x.dtype, x.device);
  const src = contiguous(x).dataSync() as Arr;
  const strides = x.shape.map((_, i) => numelOf(x.shape.slice(i + 1)));
  const redDims = [...red].sort((a, b) => a - b);
  const redCount = numelOf(redDims.map((d) => x.shape[d]));
  const keptCount = numelOf(kept.map((d) => x.shape[d]));
  const o = out.storage.data as Arr;
  for (let k = 0; k < keptCount; k++) {
    let base = 0;
    for (let q = kept.length - 1, rem = k; q >= 0; q--) {
      base += (rem % x.shape[kept[q]]) * strides[kept[q]];
      rem = Math.floor(rem / x.shape[kept[q]]);
    }
    let acc = ord === -Infinity ? Infinity : 0;
    for (let r = 0; r < redCount; r++) {
      let off = base;
      for (let q = redDims.length - 1, rr = r; q >= 0; q--) {
        off += (rr % x.shape[redDims[q]]) * strides[redDims[q]];
        rr = Math.floor(rr / x.shape[redDims[q]]);
      }
      const a = Math.abs(src[off]);
      if (Number.isNaN(a)) acc = NaN;
      else if (ord === Infinity) acc = Math.max(acc, a);
      else if (ord === -Infinity) acc = Math.min(acc, a);
      else if (ord === 0) acc += a !== 0 ? 1 : 0;
      else if (ord === 1) acc += a;
      else if (ord === 2) acc += a * a;
      else acc += a ** ord;
    }
    o[k] = ord === 2 ? Math.sqrt(acc) : ord === 1 || ord === 0 || !Number.isFinite(ord) ? acc : acc ** (1 / ord);
  }
  roundHalf(out);
  return out;
}

export interface VectorNormOptions {
  ord?: number;
  dim?: number | readonly number[] | null;
  keepdim?: boolean;
  dtype?: DType | null;
}

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, dtype=None). */
export function vectorNorm(input: Tensor, opts: VectorNormOptions = {}): Tensor {
  const ord = opts.ord ?? 2;
  const x = opts.dtype ? toDtype(input, opts.dtype) : input;
  if (!isFloating(x.dtype))
    throw new PyError('RuntimeError', `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(x.dtype)}`);
  const d = opts.dim;
  const dims = d === null || d === undefined ? x.shape.map((_, i) => i) : (typeof d === 'number' ? [d] : d).map((v) => wrapDim(v, x.ndim));
  if (ord < 0 && x.numel() === 0)
    throw new PyError('RuntimeError', `linalg.vector_norm cannot compute the ${ord} norm on an empty tensor because the operation does not have an identity`);
  const out = normReduce(x, ord, dims, opts.keepdim ?? false);
  const node = recordOp('LinalgVectorNormBackward0', [x], [out]);
  if (node) {
    node.save(x, out);
    node.ctx = { ord, dims, keepdim: opts.keepdim ?? false };
  }
  return out;
}

/**
 * torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False). 'fro' is a vector norm
 * over the two dims; ±1 / ±inf are max/min absolute column / row sums; ±2 and 'nuc' come from
 * the singular values (svd.ts). grad_fn as PyTorch: LinalgVectorNormBackward0, Amax/AminBackward0,
 * SumBackward1.
 */
export function matrixNorm(input: Tensor, ord: 'fro' | 'nuc' | number = 'fro', dim: readonly [number, number] = [-2, -1], keepdim = false): Tensor {
  if (input.ndim < 2)
    throw new PyError('RuntimeError', `linalg.matrix_norm: The input tensor A must have at least 2 dimensions.`);
  if (ord === 'fro') return vectorNorm(input, { ord: 2, dim, keepdim });
  if (!(ord === 'nuc' || ord === 1 || ord === -1 || ord === 2 || ord === -2 || ord === Infinity || ord === -Infinity))
    throw new PyError('RuntimeError', `linalg.matrix_norm: Order ${typeof ord === 'number' ? ord : ord} not supported.`);
  checkFloatNorm(input);
  const [d0, d1] = dim.map((d) => wrapDim(d, input.ndim));
  // Move the two matrix dims last (rows, cols) to work on contiguous matrices.
  const rest = input.shape.map((_, i) => i).filter((i) => i !== d0 && i !== d1);
  const x = contiguous(permute(input, [...rest, d0, d1]));
  const [m, n] = [input.shape[d0], input.shape[d1]];
  const batch = rest.map((i) => input.shape[i]);
  const count = numelOf(batch);
  const src = x.dataSync() as Arr;
  const vals = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    const a = Float64Array.from(src.subarray(b * m * n, (b + 1) * m * n));
    if (ord === 'nuc' || ord === 2 || ord === -2) {
      const sv = singularValues64(a, m, n);
      vals[b] = ord === 'nuc' ? sv.reduce((p, q) => p + q, 0) : ord === 2 ? sv[0] : sv[sv.length - 1];
    } else {
      const byCols = ord === 1 || ord === -1;
      const sums = new Float64Array(byCols ? n : m);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[byCols ? j : i] += Math.abs(a[i * n + j]);
      vals[b] = ord > 0 ? Math.max(...sums) : Math.min(...sums);
    }
  }
  const outShape = keepdim ? input.shape.map((s, i) => (i === d0 || i === d1 ? 1 : s)) : batch;
  const out = Tensor.empty(outShape, input.dtype, input.device);
  (out.storage.data as Arr).set(vals);
  roundHalf(out);
  const grad = ord === 'nuc' ? 'SumBackward1' : (ord as number) > 0 ? 'AmaxBackward0' : 'AminBackward0';
  const node = recordOp(grad, [input], [out]);
  if (node) {
    node.save(input, out);
    node.ctx = { ord, dim: [d0, d1], keepdim, composite: 'matrix_norm' };
  }
  return out;
}

function checkFloatNorm(t: Tensor): void {
  if (!isFloating(t.dtype))
    throw new PyError('RuntimeError', `linalg.matrix_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(t.dtype)}`);
}

/**
 * torch.linalg.norm(A, ord=None, dim=None, keepdim=False): no ord → the 2-norm of all elements;
 * with ord, a vector norm for 1-d input (or one dim) and a matrix norm for 2-d (or two dims).
 */
export function linalgNorm(input: Tensor, ord: number | 'fro' | 'nuc' | null = null, dim: number | readonly number[] | null = null, keepdim = false): Tensor {
  const dims = dim === null ? null : typeof dim === 'number' ? [dim] : dim;
  if (ord === null) {
    if (dims !== null && dims.length === 2) return matrixNorm(input, 'fro', [dims[0], dims[1]], keepdim);
    return vectorNorm(input, { ord: 2, dim: dims, keepdim });
  }
  const matrix = dims !== null ? dims.length === 2 : input.ndim === 2;
  if (matrix) return matrixNorm(input, ord, dims === null ? [-2, -1] : [dims[0], dims[1]], keepdim);
  if (typeof ord === 'string')
    throw new PyError('RuntimeError', `linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${input.ndim}D.`);
  if (dims === null && input.ndim !== 1)
    throw new PyError('RuntimeError', `linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${input.ndim}D.`);
  return vectorNorm(input, { ord, dim: dims, keepdim });
}

/** F.normalize(input, p=2.0, dim=1, eps=1e-12) = input / max(‖input‖_p over dim, eps). */
export function normalize(input: Tensor, p = 2, dim = 1, eps = 1e-12): Tensor {
  const norm = vectorNorm(input, { ord: p, dim, keepdim: true });
  return div(input, expand(clampMin(norm, pyf(eps)), input.shape));
}

/** torch.norm_except_dim(v, pow=2, dim=0): the norm over every dim but `dim`, shaped to broadcast. */
export function normExceptDim(v: Tensor, pow = 2, dim = 0): Tensor {
  if (dim === -1) return vectorNorm(v, { ord: pow });
  if (dim === 0) {
    const outShape = v.shape.map((s, i) => (i === 0 ? s : 1));
    return view(vectorNorm(view(contiguous(v), [v.shape[0], -1]), { ord: pow, dim: 1 }), outShape);
  }
  const last = v.ndim - 1;
  if (dim === last) {
    const outShape = v.shape.map((s, i) => (i === last ? s : 1));
    return view(vectorNorm(view(contiguous(v), [-1, v.shape[last]]), { ord: pow, dim: 0 }), outShape);
  }
  return transpose(normExceptDim(transpose(v, 0, dim), pow, 0), 0, dim);
}

/** torch._weight_norm(v, g, dim=0) = v · (g / norm_except_dim(v, 2, dim)) — WeightNormInterfaceBackward0. */
export function weightNorm(v: Tensor, g: Tensor, dim = 0): Tensor {
  const out = withNoGrad(() => {
    const d = dim < 0 ? dim + v.ndim : dim;
    const norm = normExceptDim(v, 2, dim === -1 ? -1 : d);
    return contiguous(mul(v, div(g, norm)));
  });
  const node = recordOp('WeightNormInterfaceBackward0', [v, g], [out]);
  if (node) {
    node.save(v, g);
    node.ctx = { dim };
  }
  return out;
}
