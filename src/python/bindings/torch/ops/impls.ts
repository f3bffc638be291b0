// One implementation per op name, shared by `torch.X(input, ...)` and `input.X(...)`: the arg
// parser has already matched PyTorch's overload (signatures.data.ts), and an Impl reads the
// arguments by parameter name — the names are the same in the function and method forms — and
// calls the engine. `self` is the tensor the op is about (the method's receiver or `input`).
// Adding an op: write its Impl here (or in a sibling file) and list its name in bind.ts; the
// signature comes from PyTorch's own table.

import { PyError } from '../../../../errors';
import { PyDict, PyFloat, PyList, PyTuple, type PyValue } from '../../../object';
import type { ParsedArgs } from '../argparse/parse';
import { toEngineDtype } from '../types/dtype';
import { makeSize } from '../types/size';
import * as E from '../tensor/engine';
import type { DType, Scalar, Tensor } from '../tensor/engine';
import { returnTuple } from './returntypes';

export type Impl = (self: Tensor, a: ParsedArgs) => PyValue | Promise<PyValue>;

const dtypeOpt = (a: ParsedArgs, k = 'dtype'): DType | null => {
  const v = a.dtypeArg(k);
  return v === null ? null : toEngineDtype(v);
};
/** A dim argument that may be an int, a list of ints, or absent. */
const dimsOpt = (a: ParsedArgs, k = 'dim'): number | number[] | null => {
  if (!a.has(k)) return null;
  const v = a.intlist(k);
  const raw = a.raw(k);
  return raw instanceof PyTuple || raw instanceof PyList ? v : v[0];
};

/** Tensor results of multi-output ops as a Python tuple/list. */
const tup = (ts: readonly Tensor[]): PyTuple => new PyTuple(ts.slice());

export const IMPLS: Record<string, Impl> = {};
const def = (names: string, f: Impl): void => {
  for (const n of names.split(' ')) IMPLS[n] = f;
};

// ---- elementwise unary ------------------------------------------------------------------------

const UNARY: Record<string, (t: Tensor) => Tensor> = {
  abs: E.abs, absolute: E.abs, neg: E.neg, negative: E.neg, exp: E.exp, exp2: E.exp2, expm1: E.expm1, log: E.log,
  log1p: E.log1p, log2: E.log2, log10: E.log10, sqrt: E.sqrt, rsqrt: E.rsqrt, sin: E.sin, cos: E.cos,
  tan: E.tan, asin: E.asin, acos: E.acos, atan: E.atan, sinh: E.sinh, cosh: E.cosh, tanh: E.tanh,
  sigmoid: E.sigmoid, relu: E.relu, sign: E.sign, floor: E.floor, ceil: E.ceil, trunc: E.trunc,
  frac: E.frac, erf: E.erf, reciprocal: E.reciprocal, square: E.square, isnan: E.isnan, isinf: E.isinf,
  isfinite: E.isfinite, signbit: E.signbit, logical_not: E.logicalNot, bitwise_not: E.bitwiseNot,
  silu: E.silu, mish: E.mish,
};
for (const [n, f] of Object.entries(UNARY)) def(n, (t) => f(t));
const UNARY_INPLACE: Record<string, (t: Tensor) => Tensor> = {
  abs_: E.abs_, neg_: E.neg_, exp_: E.exp_, exp2_: E.exp2_, expm1_: E.expm1_, log_: E.log_, log1p_: E.log1p_,
  log2_: E.log2_, log10_: E.log10_, sqrt_: E.sqrt_, rsqrt_: E.rsqrt_, sin_: E.sin_, cos_: E.cos_, tan_: E.tan_,
  tanh_: E.tanh_, sigmoid_: E.sigmoid_, relu_: E.relu_, sign_: E.sign_, floor_: E.floor_, ceil_: E.ceil_,
  trunc_: E.trunc_, frac_: E.frac_, erf_: E.erf_, reciprocal_: E.reciprocal_, logical_not_: E.logicalNot_,
  bitwise_not_: E.bitwiseNot_,
};
for (const [n, f] of Object.entries(UNARY_INPLACE)) def(n, (t) => f(t));
def('round', (t, a) => (a.hasParam('decimals') ? E.round(t, a.int('decimals'), undefined, true) : E.round(t)));
def('round_', (t, a) => E.round_(t, a.hasParam('decimals') ? a.int('decimals') : 0));
def('nan_to_num', (t, a) => E.nanToNum(t, a.has('nan') ? a.double('nan') : 0, a.optDouble('posinf'), a.optDouble('neginf')));
def('nan_to_num_', (t, a) => E.nanToNum_(t, a.has('nan') ? a.double('nan') : 0, a.optDouble('posinf'), a.optDouble('neginf')));

// ---- elementwise binary -------------------------------------------------------------------------

const other = (a: ParsedArgs): Tensor | Scalar => a.tensorOrScalar('other');
def('add', (t, a) => E.add(t, other(a), a.scalar('alpha')));
def('add_', (t, a) => E.add_(t, other(a), a.scalar('alpha')));
def('sub subtract', (t, a) => E.sub(t, other(a), a.scalar('alpha')));
def('sub_ subtract_', (t, a) => E.sub_(t, other(a), a.scalar('alpha')));
def('rsub', (t, a) => E.rsub(t, other(a), a.scalar('alpha')));
// torch.mul(2, t): `input` may be a number (should_allow_numbers_as_tensors), a wrapped scalar.
const wrapped = (t: Tensor | Scalar): Tensor => (t instanceof E.Tensor ? t : E.scalarTensor(t, E.scalarWrappedDtype(t)));
def('mul multiply', (t, a) => E.mul(wrapped(t), other(a)));
def('mul_ multiply_', (t, a) => E.mul_(t, other(a)));
const roundingMode = (a: ParsedArgs): E.RoundingMode | undefined =>
  a.hasParam('rounding_mode') && a.has('rounding_mode') ? (a.string('rounding_mode') as E.RoundingMode) : undefined;
def('div divide true_divide', (t, a) => E.div(t, other(a), roundingMode(a)));
def('div_ divide_ true_divide_', (t, a) => E.div_(t, other(a), roundingMode(a)));
def('floor_divide', (t, a) => E.floorDivide(t, other(a)));
def('floor_divide_', (t, a) => E.floorDivide_(t, other(a)));
def('remainder', (t, a) => E.remainder(t, other(a)));
def('remainder_', (t, a) => E.remainder_(t, other(a)));
def('fmod', (t, a) => E.fmod(t, other(a)));
def('fmod_', (t, a) => E.fmod_(t, other(a)));
def('pow', (t, a) => {
  if (a.hasParam('self')) return E.pow(a.scalar('self'), a.tensor('exponent'));
  return E.pow(t, a.hasParam('exponent') ? a.tensorOrScalar('exponent') : other(a));
});
def('pow_', (t, a) => E.pow_(t, a.tensorOrScalar('exponent')));
def('atan2', (t, a) => E.atan2(t, a.tensor('other')));
def('maximum', (t, a) => E.maximum(t, a.tensor('other')));
def('minimum', (t, a) => E.minimum(t, a.tensor('other')));
const CMP: Record<string, (x: Tensor, y: Tensor | Scalar) => Tensor> = {
  eq: E.eq, ne: E.ne, lt: E.lt, le: E.le, gt: E.gt, ge: E.ge, logical_and: E.logicalAnd,
  logical_or: E.logicalOr, logical_xor: E.logicalXor, bitwise_and: E.bitwiseAnd, bitwise_or: E.bitwiseOr,
  bitwise_xor: E.bitwiseXor,
};
for (const [n, f] of Object.entries(CMP)) def(n, (t, a) => f(t, other(a)));
const CMP_INPLACE: Record<string, (x: Tensor, y: Tensor | Scalar) => Tensor> = {
  eq_: E.eq_, ne_: E.ne_, lt_: E.lt_, le_: E.le_, gt_: E.gt_, ge_: E.ge_, logical_and_: E.logicalAnd_,
  logical_or_: E.logicalOr_, logical_xor_: E.logicalXor_,
};
for (const [n, f] of Object.entries(CMP_INPLACE)) def(n, (t, a) => f(t, other(a)));
const clampArg = (a: ParsedArgs, k: string): Tensor | Scalar | null => {
  const v = a.raw(k);
  if (v === undefined) return null;
  return v instanceof E.Tensor ? v : a.scalar(k);
};
def('clamp clip', (t, a) => E.clamp(t, clampArg(a, 'min'), clampArg(a, 'max')));
def('clamp_ clip_', (t, a) => E.clamp_(t, clampArg(a, 'min'), clampArg(a, 'max')));
def('clamp_min', (t, a) => E.clampMin(t, clampArg(a, 'min')!));
def('clamp_max', (t, a) => E.clampMax(t, clampArg(a, 'max')!));
def('where', (t, a) => {
  // where(condition) alone is nonzero(condition, as_tuple=True)
  if (!a.hasParam('other')) return tup(E.nonzeroTuple(a.tensor('condition')));
  if (a.hasParam('condition') && a.hasParam('input')) {
    if (!a.hasParam('other')) return tup(E.nonzero(a.tensor('condition')).shape.length ? E.unbind(E.nonzero(a.tensor('condition')), 1) : []);
    return E.where(a.tensor('condition'), a.tensorOrScalar('input'), a.tensorOrScalar('other'));
  }
  return E.where(a.tensor('condition'), t, a.tensorOrScalar('other'));
});
def('lerp', (t, a) => E.lerp(t, a.tensor('end'), a.raw('weight') instanceof E.Tensor ? a.tensor('weight') : a.scalar('weight')));
def('lerp_', (t, a) => E.lerp_(t, a.tensor('end'), a.raw('weight') instanceof E.Tensor ? a.tensor('weight') : a.scalar('weight')));
def('addcmul', (t, a) => E.addcmul(t, a.tensor('tensor1'), a.tensor('tensor2'), a.scalar('value')));
def('addcmul_', (t, a) => E.addcmul_(t, a.tensor('tensor1'), a.tensor('tensor2'), a.scalar('value')));
def('addcdiv', (t, a) => E.addcdiv(t, a.tensor('tensor1'), a.tensor('tensor2'), a.scalar('value')));
def('masked_fill', (t, a) => E.maskedFill(t, a.tensor('mask'), a.raw('value') instanceof E.Tensor ? a.tensor('value') : a.scalar('value')));
def('masked_fill_', (t, a) => E.maskedFill_(t, a.tensor('mask'), a.raw('value') instanceof E.Tensor ? a.tensor('value') : a.scalar('value')));

// ---- linear algebra ------------------------------------------------------------------------------

def('matmul', (t, a) => E.matmul(t, a.tensor('other')));
def('mm', (t, a) => E.mm(t, a.tensor('mat2')));
def('bmm', (t, a) => E.bmm(t, a.tensor('mat2')));
def('mv', (t, a) => E.mv(t, a.tensor('vec')));
def('dot', (t, a) => E.dot(t, a.hasParam('tensor') ? a.tensor('tensor') : a.tensor('other')));
def('outer ger', (t, a) => E.outer(t, a.tensor('vec2')));
def('addmm', (t, a) => E.addmm(t, a.tensor('mat1'), a.tensor('mat2'), { beta: a.scalar('beta'), alpha: a.scalar('alpha') }));

// ---- reductions ------------------------------------------------------------------------------------

def('sum', (t, a) => E.sum(t, dimsOpt(a), a.bool('keepdim'), dtypeOpt(a)));
def('mean', (t, a) => E.mean(t, dimsOpt(a), a.bool('keepdim'), dtypeOpt(a)));
def('prod', (t, a) => E.prod(t, a.hasParam('dim') ? a.int('dim') : null, a.bool('keepdim'), dtypeOpt(a)));
for (const [n, full, byDim, pair] of [
  ['max', E.max, E.maxDim, E.maximum],
  ['min', E.min, E.minDim, E.minimum],
] as const) {
  def(n, (t, a) => {
    if (a.hasParam('other')) return pair(t, a.tensor('other'));
    if (a.hasParam('dim')) {
      const r = byDim(t, a.int('dim'), a.bool('keepdim'));
      return returnTuple(n, [r.values, r.indices]);
    }
    return full(t);
  });
}
def('amax', (t, a) => E.amax(t, dimsOpt(a) ?? [], a.bool('keepdim')));
def('amin', (t, a) => E.amin(t, dimsOpt(a) ?? [], a.bool('keepdim')));
def('argmax', (t, a) => E.argmax(t, a.optInt('dim'), a.bool('keepdim')));
def('argmin', (t, a) => E.argmin(t, a.optInt('dim'), a.bool('keepdim')));
const correction = (a: ParsedArgs): number => {
  if (a.hasParam('unbiased')) return a.bool('unbiased') ? 1 : 0;
  if (a.hasParam('correction') && a.has('correction')) return a.double('correction');
  return 1;
};
def('var', (t, a) => E.variance(t, dimsOpt(a), { correction: correction(a), keepdim: a.bool('keepdim') }));
def('std', (t, a) => E.std(t, dimsOpt(a), { correction: correction(a), keepdim: a.bool('keepdim') }));
def('logsumexp', (t, a) => E.logsumexp(t, dimsOpt(a), a.bool('keepdim')));
def('all', (t, a) => E.all(t, dimsOpt(a), a.bool('keepdim')));
def('any', (t, a) => E.any(t, dimsOpt(a), a.bool('keepdim')));
def('count_nonzero', (t, a) => E.countNonzero(t, dimsOpt(a)));
def('cumsum', (t, a) => E.cumsum(t, a.int('dim'), dtypeOpt(a)));
def('cumprod', (t, a) => E.cumprod(t, a.int('dim'), dtypeOpt(a)));
def('softmax', (t, a) => E.softmax(t, a.int('dim'), dtypeOpt(a)));
def('log_softmax', (t, a) => E.logSoftmax(t, a.int('dim'), dtypeOpt(a)));

// ---- views and shape ---------------------------------------------------------------------------------

def('view', (t, a) => {
  if (a.hasParam('dtype')) throw new PyError('NotImplementedError', 'Tensor.view(dtype) is not supported in this playground');
  return E.view(t, a.intlist('size'));
});
def('reshape', (t, a) => E.reshape(t, a.intlist('shape')));
def('view_as', (t, a) => E.viewAs(t, a.tensor('other')));
def('reshape_as', (t, a) => E.reshapeAs(t, a.tensor('other')));
def('expand_as', (t, a) => E.expandAs(t, a.tensor('other')));
def('expand broadcast_to', (t, a) => E.expand(t, a.intlist('size')));
def('flatten', (t, a) => E.flatten(t, a.int('start_dim'), a.int('end_dim')));
def('unflatten', (t, a) => E.unflatten(t, a.int('dim'), a.intlist('sizes')));
def('transpose swapaxes swapdims', (t, a) => E.transpose(t, a.int(a.hasParam('dim0') ? 'dim0' : 'axis0'), a.int(a.hasParam('dim1') ? 'dim1' : 'axis1')));
def('t', (t) => E.t_(t)); // the engine's t_ is the out-of-place t() (named to avoid shadowing)
def('permute', (t, a) => E.permute(t, a.intlist('dims')));
def('squeeze', (t, a) => {
  if (!a.hasParam('dim')) return E.squeeze(t);
  const d = dimsOpt(a);
  return d === null ? E.squeeze(t) : E.squeeze(t, d);
});
def('unsqueeze', (t, a) => E.unsqueeze(t, a.int('dim')));
def('narrow', (t, a) => E.narrow(t, a.int('dim'), a.int('start'), a.int('length')));
def('select', (t, a) => E.select(t, a.int('dim'), a.int('index')));
def('unbind', (t, a) => tup(E.unbind(t, a.int('dim'))));
def('chunk', (t, a) => tup(E.chunk(t, a.int('chunks'), a.int('dim'))));
def('movedim moveaxis', (t, a) => E.movedim(t, a.intlist('source'), a.intlist('destination')));
def('diagonal', (t, a) => E.diagonal(t, a.int('offset'), a.int('dim1'), a.int('dim2')));
def('contiguous', (t) => E.contiguous(t));
def('detach', (t) => E.detach(t));
def('clone', (t) => E.clone(t));

// ---- joins, gathers ---------------------------------------------------------------------------------

def('cat concat concatenate', (_t, a) => E.cat(a.tensorlist('tensors'), a.int('dim')));
def('stack', (_t, a) => E.stack(a.tensorlist('tensors'), a.int('dim')));
def('hstack', (_t, a) => E.hstack(a.tensorlist('tensors')));
def('vstack', (_t, a) => E.vstack(a.tensorlist('tensors')));
def('index_select', (t, a) => E.indexSelect(t, a.int('dim'), a.tensor('index')));
def('gather', (t, a) => E.gather(t, a.int('dim'), a.tensor('index')));
def('scatter', (t, a) => E.scatter(t, a.int('dim'), a.tensor('index'), a.raw('src') instanceof E.Tensor ? a.tensor('src') : a.scalar('value')));
def('scatter_', (t, a) => E.scatter_(t, a.int('dim'), a.tensor('index'), a.raw('src') instanceof E.Tensor ? a.tensor('src') : a.scalar('value')));
def('scatter_add', (t, a) => E.scatterAdd(t, a.int('dim'), a.tensor('index'), a.tensor('src')));
def('scatter_add_', (t, a) => E.scatterAdd_(t, a.int('dim'), a.tensor('index'), a.tensor('src')));
def('nonzero', (t, a) => (a.hasParam('as_tuple') && a.bool('as_tuple') ? tup(E.nonzeroTuple(t)) : E.nonzero(t)));
def('masked_select', (t, a) => E.maskedSelect(t, a.tensor('mask')));

// ---- copies and casts --------------------------------------------------------------------------------

def('copy_', (t, a) => E.copy_(t, a.tensor('other')));
def('zero_', (t) => E.zero_(t));
def('fill_', (t, a) => E.fill_(t, a.raw('value') instanceof E.Tensor ? a.tensor('value') : a.scalar('value')));
def('equal', (t, a) => {
  const o = a.tensor('other');
  if (t.shape.length !== o.shape.length || t.shape.some((d, i) => d !== o.shape[i])) return false;
  return E.all(E.eq(t, o)).item() === true;
});
def('allclose', (t, a) => {
  const o = a.tensor('other');
  const rtol = a.double('rtol');
  const atol = a.double('atol');
  const equalNan = a.bool('equal_nan');
  const x = E.broadcastAll([t.shape, o.shape]);
  void x;
  const av = Array.from(E.toDtype(E.expand(t, E.broadcastAll([t.shape, o.shape])), 'float64').dataSync() as Float64Array);
  const bv = Array.from(E.toDtype(E.expand(o, E.broadcastAll([t.shape, o.shape])), 'float64').dataSync() as Float64Array);
  return av.every((x, i) => {
    const y = bv[i];
    if (Number.isNaN(x) || Number.isNaN(y)) return equalNan && Number.isNaN(x) && Number.isNaN(y);
    if (x === y) return true;
    return Math.abs(x - y) <= atol + rtol * Math.abs(y);
  });
});

// ---- sizes and Python values -------------------------------------------------------------------------

def('size', (t, a) => {
  if (!a.has('dim')) return makeSize(t.shape);
  return t.shape[E.wrapDim(a.int('dim'), t.ndim, false)];
});
def('stride', (t, a) => (a.has('dim') ? t.strides[E.wrapDim(a.int('dim'), t.ndim, false)] : new PyTuple(t.strides.slice())));

/** A Python value of an engine element: float dtypes give Python floats. */
export function pyElement(v: number | bigint | boolean, floating: boolean): PyValue {
  if (typeof v === 'boolean' || typeof v === 'bigint') return v;
  return floating ? new PyFloat(v) : v;
}
export function tolist(t: Tensor): PyValue {
  const f = E.isFloating(t.dtype);
  const conv = (x: E.NestedList): PyValue => (Array.isArray(x) ? new PyList(x.map(conv)) : pyElement(x, f));
  return conv(t.tolist());
}
void PyDict;
