// Impls of the in-place forms and aliases PyTorch binds beside the ops of impls.ts and
// impls_math.ts: the trigonometric in-place ops and their arc* spellings (asin_, arcsinh_, ...),
// negative_/absolute_/sgn_, square_, clamp_min_/clamp_max_, logit_, the two-operand in-place ops
// (hypot_, copysign_, xlogy_, nextafter_, heaviside_, atan2_ and the arctan2 aliases, bitwise_and_ /
// or_ / xor_) and float_power_. Each writes into `self` through the engine's elementwise `out:` path — the same
// one the engine's own add_/mul_ use — so version counters, the "a leaf Variable that requires
// grad is being used in an in-place operation" check and the recorded grad_fn are the engine's.
// Installed into IMPLS when bind.ts imports this file.

import { PyError } from '../../../../errors';
import type { ParsedArgs } from '../argparse/parse';
import * as E from '../tensor/engine';
import type { Tensor } from '../tensor/engine';
import { IMPLS, type Impl } from './impls';

const def = (names: string, f: Impl): void => {
  for (const n of names.split(' ')) IMPLS[n] = f;
};
/** The op-table kernel `name` applied to `self` and `more`, written back into `self`. */
const into = (name: string, self: Tensor, more: (Tensor | E.Scalar)[] = [], params?: E.Scalar[]): Tensor =>
  E.elementwise(name, [self, ...more], params ? { out: self, params } : { out: self });

// ---- unary ---------------------------------------------------------------------------------------------

for (const [names, kernel] of [
  ['asin_ arcsin_', 'asin'], ['acos_ arccos_', 'acos'], ['atan_ arctan_', 'atan'], ['sinh_', 'sinh'], ['cosh_', 'cosh'],
] as const) {
  def(names, (t) => into(kernel, t));
}
def('arcsinh_', (t) => E.asinh_(t));
def('arccosh_', (t) => E.acosh_(t));
def('arctanh_', (t) => E.atanh_(t));
def('negative_', (t) => E.neg_(t));
def('absolute_', (t) => E.abs_(t));
def('sgn_', (t) => E.sign_(t));
// PyTorch's square_ is pow_(2) (aten/src/ATen/native/UnaryOps.cpp), grad_fn PowBackward0 included.
def('square_', (t) => E.pow_(t, 2));
def('logit_', (t, a) => E.logit_(t, a.optDouble('eps')));
const bound = (a: ParsedArgs, k: string): Tensor | E.Scalar => (a.raw(k) instanceof E.Tensor ? a.tensor(k) : a.scalar(k));
def('clamp_min_', (t, a) => E.clampMin(t, bound(a, 'min'), t));
def('clamp_max_', (t, a) => E.clampMax(t, bound(a, 'max'), t));

// ---- two operands -----------------------------------------------------------------------------------------

def('arctan2', (t, a) => E.atan2(t, a.tensor('other')));
def('bitwise_and_', (t, a) => E.bitwiseAnd_(t, a.tensorOrScalar('other')));
def('bitwise_or_', (t, a) => E.bitwiseOr_(t, a.tensorOrScalar('other')));
def('bitwise_xor_', (t, a) => E.bitwiseXor_(t, a.tensorOrScalar('other')));
def('atan2_ arctan2_', (t, a) => into('atan2', t, [a.tensor('other')]));
def('hypot_', (t, a) => into('hypot', t, [a.tensor('other')]));
def('copysign_', (t, a) => into('copysign', t, [a.tensorOrScalar('other')]));
def('xlogy_', (t, a) => into('xlogy', t, [a.tensorOrScalar('other')]));
// nextafter steps in the result's precision; in place that is self's dtype (see E.nextafter).
def('nextafter_', (t, a) => into('nextafter', t, [a.tensor('other')], [t.dtype === 'float64' ? 0 : 1]));
def('heaviside_', (t, a) => {
  const values = a.tensor('values');
  if (t.dtype !== values.dtype) throw new PyError('RuntimeError', 'heaviside is not yet implemented for tensors with different dtypes.');
  return into('heaviside', t, [values]);
});
// float_power_ computes in double, so self must already be double (FloatPowerKernel's check).
def('float_power_', (t, a) => {
  if (t.dtype !== 'float64') {
    throw new PyError('RuntimeError', `the base given to float_power_ has dtype ${E.scalarTypeName(t.dtype)} but the operation's result requires dtype Double`);
  }
  return E.pow_(t, a.tensorOrScalar('exponent'));
});
