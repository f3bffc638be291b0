// Impls of the pointwise and statistics ops beyond the core table in impls.ts: the special
// functions (erfc, erfinv, lgamma, digamma, sinc, logit, hyperbolic inverses and the arc* aliases),
// two-operand extras (logaddexp, hypot, xlogy, copysign, fmax, fmin, float_power, heaviside,
// nextafter), NaN-aware and paired reductions (nansum, nanmean, aminmax, var_mean, std_mean),
// frexp, isclose and the matrix helpers that sit beside matmul (addmv, baddbmm, vdot, inner,
// det, inverse, matrix_exp, torch.dropout/celu/selu).

import { PyTuple } from '../../../object';
import type { ParsedArgs } from '../argparse/parse';
import { toEngineDtype } from '../types/dtype';
import * as E from '../tensor/engine';
import type { Tensor } from '../tensor/engine';
import { defaultGeneratorObject } from '../types/generator';
import { IMPLS, type Impl } from './impls';
import { returnTuple } from './returntypes';

const def = (names: string, f: Impl): void => {
  for (const n of names.split(' ')) IMPLS[n] = f;
};

// ---- unary ---------------------------------------------------------------------------------------------

const UNARY: Record<string, (t: Tensor) => Tensor> = {
  erfc: E.erfc, erfinv: E.erfinv, lgamma: E.lgamma, digamma: E.digamma, sinc: E.sinc, deg2rad: E.deg2rad,
  rad2deg: E.rad2deg, asinh: E.asinh, acosh: E.acosh, atanh: E.atanh, arcsinh: E.asinh, arccosh: E.acosh,
  arctanh: E.atanh, arcsin: E.asin, arccos: E.acos, arctan: E.atan, fix: E.trunc, sgn: E.sign,
  sinh: E.sinh, cosh: E.cosh,
};
for (const [n, f] of Object.entries(UNARY)) def(n, (t) => f(t));
const UNARY_INPLACE: Record<string, (t: Tensor) => Tensor> = {
  erfc_: E.erfc_, erfinv_: E.erfinv_, lgamma_: E.lgamma_, digamma_: E.digamma_, sinc_: E.sinc_,
  deg2rad_: E.deg2rad_, rad2deg_: E.rad2deg_, asinh_: E.asinh_, acosh_: E.acosh_, atanh_: E.atanh_, fix_: E.trunc_,
};
for (const [n, f] of Object.entries(UNARY_INPLACE)) def(n, (t) => f(t));
def('positive', (t) => t);
def('logit', (t, a) => E.logit(t, a.optDouble('eps')));

// ---- two operands --------------------------------------------------------------------------------------

const other = (a: ParsedArgs): Tensor => a.tensor('other');
def('logaddexp', (t, a) => E.logaddexp(t, other(a)));
def('logaddexp2', (t, a) => E.logaddexp2(t, other(a)));
def('hypot', (t, a) => E.hypot(t, other(a)));
def('fmax', (t, a) => E.fmax(t, other(a)));
def('fmin', (t, a) => E.fmin(t, other(a)));
def('nextafter', (t, a) => E.nextafter(t, other(a)));
def('heaviside', (t, a) => E.heaviside(t, a.tensor('values')));
def('copysign', (t, a) => E.copysign(t, a.tensorOrScalar('other')));
def('xlogy', (t, a) => {
  if (a.hasParam('self')) return E.xlogy(E.scalarTensor(a.scalar('self'), E.scalarWrappedDtype(a.scalar('self'))), a.tensor('other'));
  return E.xlogy(t, a.tensorOrScalar('other'));
});
def('float_power', (t, a) => {
  if (a.hasParam('self')) return E.floatPower(a.scalar('self'), a.tensor('exponent'));
  return E.floatPower(t, a.tensorOrScalar('exponent'));
});

// ---- reductions ---------------------------------------------------------------------------------------------

const dims = (a: ParsedArgs): number | number[] | null => {
  if (!a.hasParam('dim') || !a.has('dim') || a.raw('dim') === null) return null;
  return a.intlist('dim');
};
const dtypeOpt = (a: ParsedArgs) => {
  const v = a.hasParam('dtype') ? a.dtypeArg('dtype') : null;
  return v === null ? null : toEngineDtype(v);
};
def('nansum', (t, a) => E.nansum(t, dims(a) ?? undefined, a.bool('keepdim'), dtypeOpt(a)));
def('nanmean', (t, a) => E.nanmean(t, dims(a) ?? undefined, a.bool('keepdim'), dtypeOpt(a)));
def('aminmax', (t, a) => {
  const r = E.aminmax(t, a.optInt('dim'), a.bool('keepdim'));
  return returnTuple('aminmax', [r.min, r.max]);
});
const correction = (a: ParsedArgs): number => {
  if (a.hasParam('unbiased')) return a.bool('unbiased') ? 1 : 0;
  if (a.hasParam('correction') && a.has('correction') && a.raw('correction') !== null) return E.scalarToNumber(a.scalar('correction'));
  return 1;
};
for (const [name, f] of [['var_mean', E.varMean], ['std_mean', E.stdMean]] as const) {
  def(name, (t, a) => new PyTuple(f(t, dims(a) ?? undefined, { correction: correction(a), keepdim: a.hasParam('keepdim') && a.bool('keepdim') })));
}
def('frexp', (t) => {
  const r = E.frexp(t);
  return returnTuple('frexp', [r.mantissa, r.exponent]);
});
def('isclose', (t, a) => E.isclose(t, other(a), { rtol: a.double('rtol'), atol: a.double('atol'), equalNan: a.bool('equal_nan') }));

// ---- matrices -------------------------------------------------------------------------------------------------

def('addmv', (t, a) => E.addmv(t, a.tensor('mat'), a.tensor('vec'), { beta: a.scalar('beta'), alpha: a.scalar('alpha') }));
def('baddbmm', (t, a) => E.baddbmm(t, a.tensor('batch1'), a.tensor('batch2'), { beta: a.scalar('beta'), alpha: a.scalar('alpha') }));
def('vdot', (t, a) => E.vdot(t, other(a)));
def('inner', (t, a) => {
  const o = other(a);
  if (t.ndim === 0 || o.ndim === 0) return E.mul(t, o);
  return innerProduct(t, o);
});
/** torch.inner: contract the last dims; result shape t.shape[:-1] + o.shape[:-1]. */
function innerProduct(t: Tensor, o: Tensor): Tensor {
  const lt = 'abcdefgh'.slice(0, t.ndim - 1);
  const lo = 'ijklmnop'.slice(0, o.ndim - 1);
  return E.einsum(`${lt}z,${lo}z->${lt}${lo}`, [t, o]);
}
def('det', (t) => E.det(t));
def('inverse', (t) => E.inv(t));
def('matrix_exp', (t) => E.matrixExp(t));
def('celu', (t, a) => E.celu(t, a.scalar('alpha')));
def('selu', (t) => E.selu(t));
def('dropout', (t, a) => E.nnDropout(t, a.double('p'), { training: a.bool('train'), generator: defaultGeneratorObject.gen }));
// torch.dist: the engine's dist op (one DistBackward0 node, as PyTorch records it)
def('dist', (t, a) => E.dist(t, other(a), E.scalarToNumber(a.scalar('p'))));
