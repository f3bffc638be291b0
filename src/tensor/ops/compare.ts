// Comparisons, logical and bitwise ops, predicates (isnan...), where and masked_fill: the ops
// whose result is bool or whose condition is a bool mask, with PyTorch's dtype checks and texts.

import { PyError } from '../../errors';
import { isIntegral } from '../dtype';
import { type Scalar } from '../scalar';
import { Tensor } from '../tensor';
import { elementwise, type TensorOrScalar } from './elementwise';
import { engineWarnOnce, internally } from '../warnings';

const bin = (name: string) => (a: Tensor, b: TensorOrScalar): Tensor => elementwise(name, [a, b]);
const binI = (name: string) => (a: Tensor, b: TensorOrScalar): Tensor => elementwise(name, [a, b], { out: a });

export const eq = bin('eq'), ne = bin('ne'), lt = bin('lt'), le = bin('le'), gt = bin('gt'), ge = bin('ge');
export const eq_ = binI('eq'), ne_ = binI('ne'), lt_ = binI('lt'), le_ = binI('le'), gt_ = binI('gt'), ge_ = binI('ge');
export const logicalAnd = bin('logical_and'), logicalOr = bin('logical_or'), logicalXor = bin('logical_xor');
export const logicalAnd_ = binI('logical_and'), logicalOr_ = binI('logical_or'), logicalXor_ = binI('logical_xor');
export const logicalNot = (t: Tensor): Tensor => elementwise('logical_not', [t]);
export const logicalNot_ = (t: Tensor): Tensor => elementwise('logical_not', [t], { out: t });
export const bitwiseAnd = bin('bitwise_and'), bitwiseOr = bin('bitwise_or'), bitwiseXor = bin('bitwise_xor');
export const bitwiseAnd_ = binI('bitwise_and'), bitwiseOr_ = binI('bitwise_or'), bitwiseXor_ = binI('bitwise_xor');
export const bitwiseNot = (t: Tensor): Tensor => elementwise('bitwise_not', [t]);
export const bitwiseNot_ = (t: Tensor): Tensor => elementwise('bitwise_not', [t], { out: t });
export const isnan = (t: Tensor): Tensor => elementwise('isnan', [t]);
export const isinf = (t: Tensor): Tensor => elementwise('isinf', [t]);
export const isfinite = (t: Tensor): Tensor => elementwise('isfinite', [t]);
export const signbit = (t: Tensor): Tensor => elementwise('signbit', [t]);

/** Python's `~t` (operator.invert): bool → logical not, ints → bitwise not, floats → TypeError. */
export function invert(t: Tensor): Tensor {
  if (!isIntegral(t.dtype, true))
    throw new PyError('TypeError', '~ (operator.invert) is only implemented on integer and Boolean-type tensors');
  return bitwiseNot(t);
}

/** Python's `&`, `|`, `^` on tensors: same as the bitwise ops. */
export const and = bitwiseAnd, or = bitwiseOr, xor = bitwiseXor;

/** torch.where(cond, x, y): x/y tensors or scalars; result dtype promotes x and y. */
export function where(cond: Tensor, x: TensorOrScalar, y: TensorOrScalar): Tensor {
  if (cond.dtype !== 'bool' && cond.dtype !== 'uint8')
    throw new PyError('RuntimeError', `where expected condition to be a boolean tensor, but got a tensor with dtype ${dtypeWord(cond)}`);
  if (cond.dtype === 'uint8')
    engineWarnOnce(
      'UserWarning',
      'where received a uint8 condition tensor. This behavior is deprecated and will be removed in a future version of PyTorch. Use a boolean condition instead.' +
        internally('TensorCompare.cpp:529'),
    );
  return elementwise('where', [cond, x, y]);
}

/** torch.where(cond) — the nonzero() form lives in indexing. */

const dtypeWord = (t: Tensor): string =>
  ({ float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool' })[t.dtype];

/** masked_fill_(mask, value): value a scalar (MaskedFillBackward0) or 0-d tensor (…Backward1). */
export function maskedFill_(t: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  if (mask.dtype !== 'bool')
    throw new PyError('RuntimeError', `masked_fill_ only supports boolean masks, but got mask with dtype ${maskDtypeName(mask)}`);
  if (value instanceof Tensor) {
    if (value.ndim !== 0)
      throw new PyError('RuntimeError', `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
    return elementwise('where', [mask, value, t], { out: t, compute: t.dtype, grad: 'MaskedFillBackward1' });
  }
  return elementwise('where', [mask, value, t], { out: t, compute: t.dtype, grad: 'MaskedFillBackward0' });
}

export function maskedFill(t: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  if (mask.dtype !== 'bool')
    throw new PyError('RuntimeError', `masked_fill_ only supports boolean masks, but got mask with dtype ${maskDtypeName(mask)}`);
  if (value instanceof Tensor && value.ndim !== 0)
    throw new PyError('RuntimeError', `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  const grad = value instanceof Tensor ? 'MaskedFillBackward1' : 'MaskedFillBackward0';
  return elementwise('where', [mask, value, t], { compute: t.dtype, grad });
}

const maskDtypeName = (m: Tensor): string =>
  ({ float32: 'float', float64: 'double', float16: 'c10::Half', bfloat16: 'c10::BFloat16', int64: 'long int', int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool' })[m.dtype];
