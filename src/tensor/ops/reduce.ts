// Reductions and scans with PyTorch's dim / keepdim / dtype rules, output dtypes, empty-input
// errors and grad_fn names (REDUCTIONS in the op table). Each op lays the input out so reduced
// dims are innermost and contiguous (a no-copy path when they already are), then runs one row
// kernel from cpu/reduce.ts — except float sum / mean, which add in PyTorch's order (sum_cpu.ts)
// so their last bits, and so their printed digits, are PyTorch's.

import { PyError } from '../../errors';
import { allocStorageArray, isFloating, type DType, type StorageArray } from '../dtype';
import { recordOp, withNoGrad } from '../grad';
import { add, sub } from './arith';
import { abs, exp, log } from './unary';
import { eq, maskedFill } from './compare';
import { squeeze } from './views';
import { scalarTypeName } from '../promotion';
import { numelOf, wrapDim, wrapDims } from '../shape';
import { Tensor } from '../tensor';
import { gatherStrided } from '../cpu/strided';
import * as K from '../cpu/reduce';
import { castInto, toDtype } from './copy';
import { REDUCTIONS } from './table';
import { placeLike } from './dimrows';
import { engineWarn, internally } from '../warnings';
import { cascadeSum } from './sum_cpu';
import { gpuForWork } from '../webgpu/active';
import { gpuReduceAll, gpuReduceDim, type RowReduce } from '../webgpu/kernels/rows';

export type DimArg = number | readonly number[] | null | undefined;

interface Plan {
  /** Input values with reduced dims innermost, row-major (in the input dtype). */
  rows: StorageArray;
  outer: number;
  R: number;
  /** Output shape with and without kept dims. */
  outShape: number[];
  reduced: number[];
}

function plan(t: Tensor, dim: DimArg, keepdim: boolean): Plan {
  const nd = t.ndim;
  let reduced: number[];
  if (dim === null || dim === undefined) reduced = t.shape.map((_, i) => i);
  else if (typeof dim === 'number') reduced = [wrapDim(dim, nd)];
  else reduced = dim.length === 0 ? t.shape.map((_, i) => i) : wrapDims(dim, nd);
  const red = new Set(reduced);
  const kept = t.shape.map((_, i) => i).filter((i) => !red.has(i));
  const order = [...kept, ...reduced.slice().sort((a, b) => a - b)];
  const shape = order.map((i) => t.shape[i]);
  const strides = order.map((i) => t.strides[i]);
  const n = numelOf(t.shape);
  const R = reduced.reduce((a, i) => a * t.shape[i], 1);
  const outer = kept.reduce((a, i) => a * t.shape[i], 1);
  let rows: StorageArray;
  const src = t.storage.dataForRead;
  if (n === src.length && t.offset === 0 && t.isContiguous() && order.every((o, i) => o === i)) rows = src;
  else {
    rows = allocStorageArray(t.dtype, n);
    gatherStrided(src, t.offset, shape, strides, rows);
  }
  const outShape = keepdim ? t.shape.map((d, i) => (red.has(i) ? 1 : d)) : kept.map((i) => t.shape[i]);
  return { rows, outer, R, outShape, reduced };
}

const asNumbers = (a: StorageArray): ArrayLike<number> & { [i: number]: number } =>
  a instanceof BigInt64Array ? Float64Array.from(a, Number) : (a as Float64Array);

const isFull = (dim: DimArg): boolean => dim === null || dim === undefined;
const intToLong = (d: DType): DType => (isFloating(d) ? d : 'int64');

function finish(name: keyof typeof REDUCTIONS, t: Tensor, outs: Tensor[], full: boolean, ctx: Record<string, unknown> = {}): void {
  const node = recordOp(full ? REDUCTIONS[name].full : REDUCTIONS[name].dim, [t], outs);
  if (node === null) return;
  Object.assign(node.ctx, ctx);
  // what PyTorch saves: the input and the result for the value-dependent reductions
  if (['prod', 'max', 'min', 'amax', 'amin', 'var', 'std', 'norm', 'logsumexp', 'cumprod'].includes(name)) node.save(t, outs[0]);
}

/**
 * A float32 webgpu tensor reduced over everything or one dim on the GPU (null: the CPU path).
 * max / min / amax / amin are exact (a comparison picks one of the inputs; NaN propagates as on
 * the CPU). sum / mean / prod accumulate in f32 pairwise where the CPU path follows PyTorch's
 * order (sum_cpu.ts) or a double product — equal within tolerance. Reductions that return int64
 * indices (argmax, max(dim)) stay on the CPU: an int64 storage lives on the host (webgpu/storage.ts).
 */
function gpuReduce(kind: RowReduce, name: keyof typeof REDUCTIONS, t: Tensor, dim: DimArg, keepdim: boolean, outDtype: DType): Tensor | null {
  if (t.dtype !== 'float32' || outDtype !== 'float32' || t.numel() === 0) return null;
  const one = typeof dim === 'number' ? dim : Array.isArray(dim) && dim.length === 1 ? (dim[0] as number) : null;
  const full = one === null && (isFull(dim) || (Array.isArray(dim) && dim.length === 0));
  if (one === null && !full) return null;
  const ctx = gpuForWork(t.numel(), t);
  if (ctx === null) return null;
  let out = one === null ? gpuReduceAll(ctx, t, kind) : gpuReduceDim(ctx, t, kind, wrapDim(one, t.ndim), keepdim);
  if (out === null) return null;
  if (full && keepdim) out = new Tensor(out.storage, t.shape.map(() => 1));
  const reduced = one === null ? t.shape.map((_, i) => i) : [wrapDim(one, t.ndim)];
  finish(name, t, [out], isFull(dim), { dims: reduced, keepdim });
  return out;
}

const gpuSumMean = (kind: 'sum' | 'mean', t: Tensor, dim: DimArg, keepdim: boolean, outDtype: DType): Tensor | null => gpuReduce(kind, kind, t, dim, keepdim, outDtype);

function sumLike(kind: 'sum' | 'prod', t: Tensor, dim: DimArg, keepdim: boolean, dtype: DType | null): Tensor {
  const outDtype = dtype ?? intToLong(t.dtype);
  const onGpu = gpuReduce(kind, kind, t, dim, keepdim, outDtype);
  if (onGpu !== null) return onGpu;
  const src = outDtype === t.dtype ? t : toDtypeNoGrad(t, outDtype);
  if (kind === 'sum' && (outDtype === 'float32' || outDtype === 'float64')) return floatSum(t, src, dim, keepdim, outDtype, 1, 'sum');
  const p = plan(src, dim, keepdim);
  const out = Tensor.empty(p.outShape, outDtype);
  if (outDtype === 'int64') {
    (kind === 'sum' ? K.sumRowsBig : K.prodRowsBig)(p.rows as BigInt64Array, p.outer, p.R, out.storage.data as BigInt64Array);
  } else {
    const tmp = new Float64Array(p.outer);
    (kind === 'sum' ? K.sumRows : K.prodRows)(asNumbers(p.rows), p.outer, p.R, tmp);
    writeNumbers(out, tmp);
  }
  const res = placeLike(out, t);
  finish(kind, t, [res], isFull(dim), { dims: p.reduced, keepdim });
  return res;
}

function toDtypeNoGrad(t: Tensor, d: DType): Tensor {
  const c = toDtype(t, d);
  return c === t ? t : new Tensor(c.storage, c.shape, c.strides, c.offset);
}

/** Store doubles into a tensor of any dtype (float16 rounding etc. via the copy kernel). */
function writeNumbers(out: Tensor, vals: Float64Array): void {
  const d = out.storage.data;
  if (out.dtype === 'float16' || out.dtype === 'bfloat16' || out.dtype === 'bool' || out.dtype === 'int64') {
    const tmp = Tensor.fromArray(vals, out.shape, 'float64');
    const casted = toDtype(tmp, out.dtype);
    d.set(casted.storage.data as never);
  } else (d as Float64Array).set(vals);
}

/** The reduced dims of an argument, as plan() resolves them. */
function reducedDims(ndim: number, dim: DimArg): number[] {
  if (dim === null || dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof dim === 'number') return [wrapDim(dim, ndim)];
  return dim.length === 0 ? Array.from({ length: ndim }, (_, i) => i) : wrapDims(dim, ndim);
}

/** float sum / mean in PyTorch's add order (sum_cpu.ts); `t` is the input the node records, `src`
 * the same values in the output dtype; mean divides by `count` in that dtype. */
function floatSum(t: Tensor, src: Tensor, dim: DimArg, keepdim: boolean, outDtype: 'float32' | 'float64', count: number, kind: 'sum' | 'mean'): Tensor {
  const red = new Set(reducedDims(src.ndim, dim));
  const vals = cascadeSum(
    { data: asNumbers(src.storage.dataForRead), offset: src.offset, shape: src.shape, strides: src.strides },
    src.shape.map((_, i) => red.has(i)),
    outDtype,
  );
  if (kind === 'mean') for (let i = 0; i < vals.length; i++) vals[i] = outDtype === 'float32' ? Math.fround(vals[i] / count) : vals[i] / count;
  const outShape = keepdim ? src.shape.map((d, i) => (red.has(i) ? 1 : d)) : src.shape.filter((_, i) => !red.has(i));
  const out = Tensor.empty(outShape, outDtype);
  (out.storage.data as Float64Array).set(vals);
  const res = placeLike(out, t);
  finish(kind, t, [res], isFull(dim), { dims: [...red].sort((a, b) => a - b), keepdim });
  return res;
}

export const sum = (t: Tensor, dim?: DimArg, keepdim = false, dtype: DType | null = null): Tensor => sumLike('sum', t, dim, keepdim, dtype);
export const prod = (t: Tensor, dim?: number | null, keepdim = false, dtype: DType | null = null): Tensor => sumLike('prod', t, dim, keepdim, dtype);

export function mean(t: Tensor, dim?: DimArg, keepdim = false, dtype: DType | null = null): Tensor {
  if (dtype !== null && !isFloating(dtype))
    throw new PyError('RuntimeError', `mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(dtype)}`);
  if (dtype === null && !isFloating(t.dtype))
    throw new PyError('RuntimeError', `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(t.dtype)}`);
  const outDtype = dtype ?? t.dtype;
  const onGpu = gpuSumMean('mean', t, dim, keepdim, outDtype);
  if (onGpu !== null) return onGpu;
  if (outDtype === 'float32' || outDtype === 'float64') {
    // PyTorch's CPU mean: sum (in the output dtype), then divide by the count
    const src = outDtype === t.dtype ? t : toDtypeNoGrad(t, outDtype);
    return floatSum(t, src, dim, keepdim, outDtype, plan(t, dim, keepdim).R, 'mean');
  }
  const p = plan(t, dim, keepdim);
  const tmp = new Float64Array(p.outer);
  K.sumRows(asNumbers(p.rows), p.outer, p.R, tmp);
  for (let i = 0; i < tmp.length; i++) tmp[i] /= p.R;
  const out = Tensor.empty(p.outShape, outDtype);
  writeNumbers(out, tmp);
  const res = placeLike(out, t);
  finish('mean', t, [res], isFull(dim), { dims: p.reduced, keepdim });
  return res;
}

function checkNonEmpty(op: string, t: Tensor, p: Plan, dimGiven: boolean): void {
  if (p.R === 0 && t.numel() === 0 && !dimGiven)
    throw new PyError(
      'RuntimeError',
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  if (p.R === 0 && p.outer > 0) throw new PyError('IndexError', `${op}(): Expected reduction dim ${p.reduced[0]} to have non-zero size.`);
}

function extreme(t: Tensor, dim: DimArg, keepdim: boolean, isMax: boolean, withIdx: boolean, name: string): { values: Tensor; indices: Tensor } {
  const p = plan(t, dim, keepdim);
  checkNonEmpty(name, t, p, !isFull(dim));
  const values = Tensor.empty(p.outShape, t.dtype);
  const idxArr = withIdx ? new Float64Array(p.outer) : null;
  if (t.dtype === 'int64') K.extremeRowsBig(p.rows as BigInt64Array, p.outer, p.R, values.storage.data as BigInt64Array, idxArr, isMax);
  else K.extremeRows(p.rows as Float64Array, p.outer, p.R, values.storage.data as Float64Array, idxArr, isMax);
  const indices = Tensor.empty(p.outShape, 'int64');
  if (idxArr !== null) {
    const d = indices.storage.data as BigInt64Array;
    for (let i = 0; i < idxArr.length; i++) d[i] = BigInt(idxArr[i]);
  }
  return { values: placeLike(values, t), indices: placeLike(indices, t) };
}

/** max() → value; max(dim) → {values, indices}; max(other) is maximum (arith.ts). */
export function max(t: Tensor): Tensor {
  if (t.numel() === 0)
    throw new PyError('RuntimeError', 'max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the \'dim\' argument.');
  const onGpu = gpuReduce('max', 'max', t, null, false, t.dtype);
  if (onGpu !== null) return onGpu;
  const { values } = extreme(t, null, false, true, false, 'max');
  finish('max', t, [values], true);
  return values;
}
export function min(t: Tensor): Tensor {
  if (t.numel() === 0)
    throw new PyError('RuntimeError', 'min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the \'dim\' argument.');
  const onGpu = gpuReduce('min', 'min', t, null, false, t.dtype);
  if (onGpu !== null) return onGpu;
  const { values } = extreme(t, null, false, false, false, 'min');
  finish('min', t, [values], true);
  return values;
}
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}
export function maxDim(t: Tensor, dim: number, keepdim = false): ValuesIndices {
  const r = extreme(t, dim, keepdim, true, true, 'max');
  finishDim('max', t, r, dim, keepdim);
  return r;
}
export function minDim(t: Tensor, dim: number, keepdim = false): ValuesIndices {
  const r = extreme(t, dim, keepdim, false, true, 'min');
  finishDim('min', t, r, dim, keepdim);
  return r;
}
function finishDim(name: 'max' | 'min', t: Tensor, r: ValuesIndices, dim: number, keepdim: boolean): void {
  const node = recordOp(REDUCTIONS[name].dim, [t], [r.values, r.indices]);
  if (node === null) return;
  node.ctx = { dim: wrapDim(dim, Math.max(t.ndim, 1)), keepdim };
  node.save(r.indices);
}
export function amax(t: Tensor, dim: DimArg = null, keepdim = false): Tensor {
  const onGpu = gpuReduce('max', 'amax', t, dim, keepdim, t.dtype);
  if (onGpu !== null) return onGpu;
  const { values } = extreme(t, dim, keepdim, true, false, 'amax');
  finish('amax', t, [values], isFull(dim), { dims: plan(t, dim, keepdim).reduced, keepdim });
  return values;
}
export function amin(t: Tensor, dim: DimArg = null, keepdim = false): Tensor {
  const onGpu = gpuReduce('min', 'amin', t, dim, keepdim, t.dtype);
  if (onGpu !== null) return onGpu;
  const { values } = extreme(t, dim, keepdim, false, false, 'amin');
  finish('amin', t, [values], isFull(dim), { dims: plan(t, dim, keepdim).reduced, keepdim });
  return values;
}
export function argmax(t: Tensor, dim: number | null = null, keepdim = false): Tensor {
  if (t.numel() === 0 && dim === null) throw new PyError('IndexError', 'argmax(): Expected reduction dim to be specified for input.numel() == 0.');
  const r = extreme(t, dim, dim === null ? false : keepdim, true, true, 'argmax');
  return dim === null && keepdim ? reshapeKeep(r.indices, t.ndim) : r.indices;
}
export function argmin(t: Tensor, dim: number | null = null, keepdim = false): Tensor {
  if (t.numel() === 0 && dim === null) throw new PyError('IndexError', 'argmin(): Expected reduction dim to be specified for input.numel() == 0.');
  const r = extreme(t, dim, dim === null ? false : keepdim, false, true, 'argmin');
  return dim === null && keepdim ? reshapeKeep(r.indices, t.ndim) : r.indices;
}
const reshapeKeep = (t: Tensor, nd: number): Tensor => new Tensor(t.storage, new Array(nd).fill(1));

export interface VarOptions {
  correction?: number;
  keepdim?: boolean;
}
/** var/std; `opName` names the op in PyTorch's no-degrees-of-freedom warning (std_mean() ...). */
export function varStd(kind: 'var' | 'std', t: Tensor, dim: DimArg, opts: VarOptions, opName: string = kind): Tensor {
  if (!isFloating(t.dtype)) throw new PyError('RuntimeError', 'std and var only support floating point and complex dtypes');
  const p = plan(t, dim, opts.keepdim ?? false);
  if (p.R - (opts.correction ?? 1) <= 0)
    engineWarn(
      'UserWarning',
      `${opName}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel).` +
        internally('ReduceOps.cpp:1831'),
    );
  const tmp = new Float64Array(p.outer);
  K.varRows(asNumbers(p.rows), p.outer, p.R, opts.correction ?? 1, tmp, kind === 'std');
  const out = Tensor.empty(p.outShape, t.dtype);
  writeNumbers(out, tmp);
  const res = placeLike(out, t);
  finish(kind, t, [res], isFull(dim), { dims: p.reduced, keepdim: opts.keepdim ?? false, correction: opts.correction ?? 1 });
  return res;
}
export const variance = (t: Tensor, dim?: DimArg, opts: VarOptions = {}): Tensor => varStd('var', t, dim, opts);
export const std = (t: Tensor, dim?: DimArg, opts: VarOptions = {}): Tensor => varStd('std', t, dim, opts);

/**
 * torch.dist(input, other, p=2): the p-norm of input - other (broadcast) as one op, recording
 * PyTorch's DistBackward0 over both inputs (its backward is the norm's, negated for `other`).
 */
export function dist(a: Tensor, b: Tensor, p: number = 2): Tensor {
  const res = withNoGrad(() => {
    const d = sub(a, b);
    if (!isFloating(d.dtype)) throw new PyError('RuntimeError', `norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(d.dtype)} instead.`);
    return norm(d, p);
  });
  const node = recordOp('DistBackward0', [a, b], [res]);
  if (node !== null) {
    node.save(a, b, res);
    node.ctx.p = p;
  }
  return res;
}

/** torch.norm / linalg.vector_norm: p = 2 ('fro'), 1, inf, -inf, 0, any real. */
export function norm(t: Tensor, p: number = 2, dim: DimArg = null, keepdim = false, dtype: DType | null = null): Tensor {
  if (!isFloating(t.dtype))
    throw new PyError('RuntimeError', `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(t.dtype)}`);
  const src = dtype !== null && dtype !== t.dtype ? toDtypeNoGrad(t, dtype) : t;
  const pl = plan(src, dim, keepdim);
  const tmp = new Float64Array(pl.outer);
  K.normRows(asNumbers(pl.rows), pl.outer, pl.R, p, tmp);
  const out = Tensor.empty(pl.outShape, src.dtype);
  writeNumbers(out, tmp);
  const res = placeLike(out, t);
  finish('norm', t, [res], isFull(dim), { dims: pl.reduced, keepdim, p });
  return res;
}

export function logsumexp(t: Tensor, dim: DimArg, keepdim = false): Tensor {
  const src = isFloating(t.dtype) ? t : toDtypeNoGrad(t, 'float32');
  const p = plan(src, dim, keepdim);
  // ATen's logsumexp_out_impl, step by step so each rounds as PyTorch's kernels do (the vector
  // exp, the CPU sum's order): m = amax(x, dims, keepdim=True) with an infinite max taken as 0
  // (ATen masks it in place through a squeezed view, so the subtraction sees the masked one too);
  // sum(exp(x - m)); log; + m
  const out = withNoGrad(() => {
    if (src.numel() === 0) return log(sum(exp(src), p.reduced, keepdim));
    const maxes = amax(src, p.reduced, true);
    const finite = maskedFill(maxes, eq(abs(maxes), Infinity), 0);
    const total = sum(exp(sub(src, finite)), p.reduced, keepdim);
    let m = finite;
    if (!keepdim) for (const d of [...p.reduced].sort((a, b) => b - a)) m = squeeze(m, d);
    return add(log(total), m);
  });
  const res = placeLike(out, t);
  finish('logsumexp', t, [res], false, { dims: p.reduced, keepdim });
  return res;
}

function allAny(t: Tensor, dim: DimArg, keepdim: boolean, isAll: boolean): Tensor {
  const p = plan(t, dim, keepdim);
  const out = Tensor.empty(p.outShape, t.dtype === 'uint8' ? 'uint8' : 'bool');
  K.allAnyRows(asNumbers(p.rows), p.outer, p.R, out.storage.data as Uint8Array, isAll);
  return placeLike(out, t);
}
export const all = (t: Tensor, dim?: DimArg, keepdim = false): Tensor => allAny(t, dim, keepdim, true);
export const any = (t: Tensor, dim?: DimArg, keepdim = false): Tensor => allAny(t, dim, keepdim, false);

export function countNonzero(t: Tensor, dim?: DimArg): Tensor {
  const p = plan(t, dim, false);
  const out = Tensor.empty(p.outShape, 'int64');
  K.countNonzeroRows(asNumbers(p.rows), p.outer, p.R, out.storage.data as BigInt64Array);
  return placeLike(out, t);
}

function scan(kind: 'cumsum' | 'cumprod', t: Tensor, dim: number, dtype: DType | null): Tensor {
  const outDtype = dtype ?? intToLong(t.dtype);
  const src = outDtype === t.dtype ? t : toDtypeNoGrad(t, outDtype);
  const d = wrapDim(dim, t.ndim);
  const p = plan(src, d, true);
  const isProd = kind === 'cumprod';
  let buf: StorageArray;
  if (outDtype === 'int64') {
    buf = p.rows === src.storage.data ? (p.rows as BigInt64Array).slice() : p.rows;
    K.scanRowsBig(buf as BigInt64Array, p.outer, p.R, isProd);
  } else {
    const f = Float64Array.from(asNumbers(p.rows));
    K.scanRows(f, p.outer, p.R, isProd);
    buf = f;
  }
  // rows are laid out with `d` moved last; scatter back into the original order
  const permShape = [...t.shape.filter((_, i) => i !== d), t.ndim === 0 ? 1 : t.shape[d]];
  const laid = Tensor.fromArray(buf, t.ndim === 0 ? [1] : permShape, outDtype === 'int64' ? 'int64' : buf instanceof Float64Array ? 'float64' : outDtype);
  const out = Tensor.empty(t.shape, outDtype);
  // view of `out` in the permuted order, then a cast-copy from `laid`
  const order = [...t.shape.map((_, i) => i).filter((i) => i !== d), d];
  const outView = t.ndim === 0 ? out : new Tensor(out.storage, order.map((i) => t.shape[i]), order.map((i) => out.strides[i]), 0);
  const c = toDtype(laid, outDtype);
  castInto(outView, t.ndim === 0 ? new Tensor(c.storage, []) : c);
  const res = placeLike(out, t);
  finish(kind, t, [res], false, { dim: d });
  return res;
}

export const cumsum = (t: Tensor, dim: number, dtype: DType | null = null): Tensor => scan('cumsum', t, dim, dtype);
export const cumprod = (t: Tensor, dim: number, dtype: DType | null = null): Tensor => scan('cumprod', t, dim, dtype);
