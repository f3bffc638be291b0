// The engine ops backward formulas compute with, plus the compound helpers every family needs
// (reduce a broadcast gradient back to an input's shape, cast to an input's dtype). Each op is
// wrapped so that, when it records a node (create_graph), the node carries the full records
// meta.ts reads — so gradients of gradients work through these ops.

import type { DType } from '../dtype';
import { Tensor } from '../tensor';
import type { Scalar } from '../scalar';
import * as A from '../ops/arith';
import * as U from '../ops/unary';
import * as R from '../ops/reduce';
import * as V from '../ops/views';
import * as C from '../ops/copy';
import * as K from '../ops/compare';
import * as L from '../ops/linalg/products';
import { zeros as zerosRaw, ones as onesRaw, onesLike as onesLikeRaw, zerosLike as zerosLikeRaw } from '../ops/creation';
import { elementwise } from '../ops/elementwise';
import { annotate } from './annotate';

type TS = Tensor | number;
const sc = (x: TS): number | null => (typeof x === 'number' ? x : null);
const tn = (x: TS): Tensor | null => (typeof x === 'number' ? null : x);
const tensorsOf = (...xs: TS[]): Tensor[] => xs.filter((x): x is Tensor => x instanceof Tensor);

const bin = (f: (a: Tensor, b: Tensor | Scalar) => Tensor) => (a: Tensor, b: TS): Tensor =>
  annotate(f(a, b), tensorsOf(a, b), { scalars: [null, sc(b)], params: [1] });
export const add = bin((a, b) => A.add(a, b));
export const sub = bin((a, b) => A.sub(a, b));
export const mul = bin(A.mul);
export const div = bin((a, b) => A.div(a, b));
export const maximum = (a: Tensor, b: Tensor): Tensor => annotate(A.maximum(a, b), [a, b]);
export const minimum = (a: Tensor, b: Tensor): Tensor => annotate(A.minimum(a, b), [a, b]);
export function pow(a: Tensor, b: TS): Tensor {
  const out = A.pow(a, b);
  return annotate(out, tensorsOf(a, b), typeof b === 'number' ? { params: [b], scalars: [null, b] } : {});
}
const un = (f: (a: Tensor) => Tensor) => (a: Tensor): Tensor => annotate(f(a), [a]);
export const neg = un(U.neg), exp = un(U.exp), log = un(U.log), sqrt = un(U.sqrt), sin = un(U.sin), cos = un(U.cos);
export const tanh = un(U.tanh), sigmoid = un(U.sigmoid), sign = un(U.sign), abs = un(U.abs), erf = un(U.erf), reciprocal = un(U.reciprocal);
/** The tanh / sigmoid backward kernels (grad, result), rounded as PyTorch's. */
export const tanhBackward = (g: Tensor, y: Tensor): Tensor => annotate(A.tanhBackward(g, y), [g, y]);
export const sigmoidBackward = (g: Tensor, y: Tensor): Tensor => annotate(A.sigmoidBackward(g, y), [g, y]);

export const sum = (t: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor =>
  annotate(R.sum(t, dim, keepdim), [t], { dims: dim ?? null, keepdim });
export const mean = (t: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor =>
  annotate(R.mean(t, dim, keepdim), [t], { dims: dim ?? null, keepdim });

export const reshape = (t: Tensor, shape: readonly number[]): Tensor => annotate(V.reshape(t, shape), [t]);
export const expand = (t: Tensor, shape: readonly number[]): Tensor => annotate(V.expand(t, shape), [t]);
export const t_ = (t: Tensor): Tensor => annotate(V.t_(t), [t]);
export const permute = (t: Tensor, dims: readonly number[]): Tensor => annotate(V.permute(t, dims), [t], { dims: dims.slice() });
export const transpose = (t: Tensor, d0: number, d1: number): Tensor => annotate(V.transpose(t, d0, d1), [t], { dim0: d0, dim1: d1 });
export const unsqueeze = (t: Tensor, d: number): Tensor => annotate(V.unsqueeze(t, d), [t]);
export const squeeze = (t: Tensor, d?: number): Tensor => annotate(V.squeeze(t, d), [t]);
export const narrow = (t: Tensor, dim: number, start: number, len: number): Tensor => annotate(V.narrow(t, dim, start, len), [t]);
export const detach = V.detach;

export const toDtype = (t: Tensor, d: DType): Tensor => annotate(C.toDtype(t, d), [t]);
export const clone = (t: Tensor): Tensor => annotate(C.clone(t), [t]);

export const where = (c: Tensor, x: TS, y: TS): Tensor => annotate(K.where(c, x, y), tensorsOf(c, x, y), { scalars: [null, sc(x), sc(y)] });
export const gt = (a: Tensor, b: TS): Tensor => K.gt(a, b);
export const lt = (a: Tensor, b: TS): Tensor => K.lt(a, b);
export const ge = (a: Tensor, b: TS): Tensor => K.ge(a, b);
export const le = (a: Tensor, b: TS): Tensor => K.le(a, b);
export const eq = (a: Tensor, b: TS): Tensor => K.eq(a, b);
export const logicalNot = K.logicalNot;
/** Elementwise and/or of boolean masks. */
export const and = (a: Tensor, b: Tensor): Tensor => K.logicalAnd(a, b);
export const or = (a: Tensor, b: Tensor): Tensor => K.logicalOr(a, b);

export const mm = (a: Tensor, b: Tensor): Tensor => L.mm(a, b);
export const bmm = (a: Tensor, b: Tensor): Tensor => L.bmm(a, b);
export const mv = (a: Tensor, b: Tensor): Tensor => L.mv(a, b);
export const dot = (a: Tensor, b: Tensor): Tensor => L.dot(a, b);

export const zeros = zerosRaw, ones = onesRaw, onesLike = onesLikeRaw, zerosLike = zerosLikeRaw;
export const floorOf = (t: Tensor): Tensor => annotate(elementwise('floor', [t]), [t]);
export const truncOf = (t: Tensor): Tensor => annotate(elementwise('trunc', [t]), [t]);
export { tn };

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Sum a gradient of a broadcast result back to `shape` (PyTorch's sum_to). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < lead; i++) dims.push(i);
  for (let i = 0; i < shape.length; i++) if (shape[i] === 1 && g.shape[lead + i] !== 1) dims.push(lead + i);
  let r = dims.length > 0 ? sum(g, dims, true) : g;
  if (!sameShape(r.shape, shape)) r = reshape(r, shape);
  return r;
}

/** True if `g` can be summed down to `shape` (numpy broadcasting in reverse). */
export function expandableTo(shape: readonly number[], g: readonly number[]): boolean {
  if (shape.length > g.length) return false;
  const lead = g.length - shape.length;
  return shape.every((d, i) => d === g[lead + i] || d === 1);
}

export const castTo = (g: Tensor, dtype: DType): Tensor => (g.dtype === dtype ? g : toDtype(g, dtype));
export const zerosOf = (shape: readonly number[], dtype: DType): Tensor => zerosRaw(shape, { dtype });
/** A float64 tensor over `data` (no copy). */
export const fromFloat64 = (data: Float64Array, shape: readonly number[]): Tensor => Tensor.fromArray(data, shape, 'float64');
