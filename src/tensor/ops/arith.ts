// Arithmetic ops (add/sub/mul/div/remainder/fmod/floor_divide/pow/maximum/minimum/atan2/lerp/
// addcmul/addcdiv, and the tanh/sigmoid backward kernels) and their in-place forms: each is the table kernel plus the argument checks and
// special cases PyTorch makes (alpha rules, bool subtraction, integer negative powers, `2 / x`
// recorded as MulBackward0 because PyTorch computes reciprocal() * 2).

import { PyError } from '../../errors';
import { isFloating, type DType } from '../dtype';
import { resultType } from '../promotion';
import { scalarKind, scalarToNumber, type Scalar } from '../scalar';
import { Tensor } from '../tensor';
import { elementwise, type TensorOrScalar } from './elementwise';

const isBoolT = (x: TensorOrScalar): boolean => (x instanceof Tensor ? x.dtype === 'bool' : typeof x === 'boolean');
const dtypeOf = (x: TensorOrScalar): DType | null => (x instanceof Tensor ? x.dtype : null);

function checkAlpha(a: TensorOrScalar, b: TensorOrScalar, alpha: Scalar): void {
  const rt = resultType(...[a, b].map((x) => (x instanceof Tensor ? { dtype: x.dtype, ndim: x.ndim } : x)));
  if (!isFloating(rt) && scalarKind(alpha) === 'float')
    throw new PyError('RuntimeError', 'For integral input tensors, argument alpha must not be a floating point number.');
  if (rt !== 'bool' && typeof alpha === 'boolean')
    throw new PyError('RuntimeError', 'Boolean alpha only supported for Boolean results.');
}

function checkSub(a: TensorOrScalar, b: TensorOrScalar): void {
  if (isBoolT(a) && isBoolT(b) && (a instanceof Tensor || b instanceof Tensor))
    throw new PyError('RuntimeError', 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  if (isBoolT(a) || isBoolT(b))
    throw new PyError(
      'RuntimeError',
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
}

/** A first operand that is a Python scalar is not a tensor op; bindings reorder (radd → add). */
const T = (x: TensorOrScalar): Tensor => {
  if (!(x instanceof Tensor)) throw new PyError('TypeError', 'expected Tensor as first argument');
  return x;
};

export function add(a: Tensor, b: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkAlpha(a, b, alpha);
  return elementwise('add', [a, b], { params: [alpha] });
}
export function add_(a: Tensor, b: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkAlpha(a, b, alpha);
  return elementwise('add', [a, b], { params: [alpha], out: a });
}
export function sub(a: Tensor, b: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkSub(a, b);
  checkAlpha(a, b, alpha);
  return elementwise('sub', [a, b], { params: [alpha] });
}
export function sub_(a: Tensor, b: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkSub(a, b);
  checkAlpha(a, b, alpha);
  return elementwise('sub', [a, b], { params: [alpha], out: a });
}
/** torch.rsub(a, b, alpha) = b - alpha * a; Python's `2 - x` is rsub(x, 2) (RsubBackward1). */
export function rsub(a: Tensor, b: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkSub(a, b);
  checkAlpha(a, b, alpha);
  return elementwise('sub', [b, a], { params: [alpha], grad: b instanceof Tensor ? 'RsubBackward0' : 'RsubBackward1' });
}
export const mul = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('mul', [T(a), b]);
export const mul_ = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('mul', [a, b], { out: a });

export type RoundingMode = 'trunc' | 'floor' | null;

function divName(mode: RoundingMode | undefined): string {
  if (mode === undefined || mode === null) return 'div';
  if (mode === 'trunc') return 'div_trunc';
  if (mode === 'floor') return 'div_floor';
  throw new PyError(
    'RuntimeError',
    `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`,
  );
}
export const div = (a: Tensor, b: TensorOrScalar, mode?: RoundingMode): Tensor => elementwise(divName(mode), [a, b]);
export const div_ = (a: Tensor, b: TensorOrScalar, mode?: RoundingMode): Tensor => elementwise(divName(mode), [a, b], { out: a });

/** Python's `s / x` for a scalar s: PyTorch computes x.reciprocal() * s, so the graph is
 * MulBackward0 (scalar s in ctx) → ReciprocalBackward0 (saved result) → x, as in PyTorch. */
export function rdiv(x: Tensor, s: Scalar): Tensor {
  return elementwise('mul', [elementwise('reciprocal', [x]), s]);
}

export const floorDivide = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('floor_divide', [a, b]);
export const floorDivide_ = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('floor_divide', [a, b], { out: a });
/** Python `s // x`. */
export const rfloorDivide = (x: Tensor, s: Scalar): Tensor => elementwise('floor_divide', [s, x]);
export const remainder = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('remainder', [a, b]);
export const remainder_ = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('remainder', [a, b], { out: a });
/** Python `s % x`. */
export const rremainder = (x: Tensor, s: Scalar): Tensor => elementwise('remainder', [s, x], { grad: 'RemainderBackward1' });
export const fmod = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('fmod', [a, b]);
export const fmod_ = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('fmod', [a, b], { out: a });

function checkIntPow(base: TensorOrScalar, exp: TensorOrScalar): void {
  const bd = dtypeOf(base);
  const integralBase = bd !== null ? !isFloating(bd) : scalarKind(base as Scalar) !== 'float';
  if (!(exp instanceof Tensor) && integralBase && scalarKind(exp) === 'int' && scalarToNumber(exp) < 0 && bd !== null && !isFloating(bd))
    throw new PyError('RuntimeError', 'Integers to negative integer powers are not allowed.');
}

/** pow in all forms: tensor ** scalar (PowBackward0), tensor ** tensor (1), scalar ** tensor (2). */
export function pow(base: TensorOrScalar, exp: TensorOrScalar): Tensor {
  checkIntPow(base, exp);
  if (base instanceof Tensor && exp instanceof Tensor) return elementwise('pow', [base, exp]);
  if (base instanceof Tensor) {
    const e = exp as Scalar;
    const compute = resultType({ dtype: base.dtype, ndim: base.ndim }, e);
    return elementwise('pow_scalar', [base], { params: [e], compute });
  }
  const t = exp as Tensor;
  const compute = resultType(base, { dtype: t.dtype, ndim: t.ndim });
  return elementwise('rpow_scalar', [t], { params: [base], compute });
}
export function pow_(base: Tensor, exp: TensorOrScalar): Tensor {
  checkIntPow(base, exp);
  if (exp instanceof Tensor) return elementwise('pow', [base, exp], { out: base });
  const compute = resultType({ dtype: base.dtype, ndim: base.ndim }, exp);
  return elementwise('pow_scalar', [base], { params: [exp], compute, out: base });
}
export const square = (a: Tensor): Tensor => (a.dtype === 'bool' ? pow(a, 2) : elementwise('square', [a]));

export const maximum = (a: Tensor, b: Tensor): Tensor => elementwise('maximum', [a, b]);
export const minimum = (a: Tensor, b: Tensor): Tensor => elementwise('minimum', [a, b]);
export const atan2 = (a: Tensor, b: Tensor): Tensor => elementwise('atan2', [a, b]);
export const arctan2 = atan2;
export const hypot = (a: Tensor, b: Tensor): Tensor => elementwise('hypot', [a, b]);
export const copysign = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('copysign', [a, b]);
export const xlogy = (a: Tensor, b: TensorOrScalar): Tensor => elementwise('xlogy', [a, b]);
export const logaddexp = (a: Tensor, b: Tensor): Tensor => elementwise('logaddexp', [a, b]);
export const logaddexp2 = (a: Tensor, b: Tensor): Tensor => elementwise('logaddexp2', [a, b]);
export const fmax = (a: Tensor, b: Tensor): Tensor => elementwise('fmax', [a, b]);
export const fmin = (a: Tensor, b: Tensor): Tensor => elementwise('fmin', [a, b]);

export function heaviside(a: Tensor, values: Tensor): Tensor {
  if (a.dtype !== values.dtype) throw new PyError('RuntimeError', 'heaviside is not yet implemented for tensors with different dtypes.');
  return elementwise('heaviside', [a, values]);
}

/** nextafter steps in the result's own precision (float32 steps are float32 ulps). */
export function nextafter(a: Tensor, b: Tensor): Tensor {
  const rt = resultType({ dtype: a.dtype, ndim: a.ndim }, { dtype: b.dtype, ndim: b.ndim });
  return elementwise('nextafter', [a, b], { params: [rt === 'float64' ? 0 : 1] });
}

/** torch.float_power: pow computed and returned in float64. */
export function floatPower(base: TensorOrScalar, exp: TensorOrScalar): Tensor {
  if (base instanceof Tensor && exp instanceof Tensor) return elementwise('pow', [base, exp], { compute: 'float64' });
  if (base instanceof Tensor) return elementwise('pow_scalar', [base], { params: [exp as Scalar], compute: 'float64' });
  return elementwise('rpow_scalar', [exp as Tensor], { params: [base], compute: 'float64' });
}

function checkLerp(a: Tensor, b: Tensor, w?: Tensor): void {
  if (a.dtype !== b.dtype)
    throw new PyError('RuntimeError', `expected dtype ${dtypeText(a.dtype)} for \`end\` but got dtype ${dtypeText(b.dtype)}`);
  if (w !== undefined && w.dtype !== a.dtype)
    throw new PyError('RuntimeError', `expected dtype ${dtypeText(a.dtype)} for \`weight\` but got dtype ${dtypeText(w.dtype)}`);
}
const dtypeText = (d: DType): string => ({ float32: 'float', float64: 'double', float16: 'c10::Half', bfloat16: 'c10::BFloat16', int64: 'long int', int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool' })[d];

export function lerp(a: Tensor, b: Tensor, w: Tensor | Scalar, out?: Tensor): Tensor {
  if (w instanceof Tensor) {
    checkLerp(a, b, w);
    return elementwise('lerp_t', [a, b, w], { out });
  }
  checkLerp(a, b);
  return elementwise('lerp', [a, b], { params: [w], out });
}
export const lerp_ = (a: Tensor, b: Tensor, w: Tensor | Scalar): Tensor => lerp(a, b, w, a);

export const addcmul = (t: Tensor, t1: Tensor, t2: Tensor, value: Scalar = 1): Tensor => elementwise('addcmul', [t, t1, t2], { params: [value] });
export const addcmul_ = (t: Tensor, t1: Tensor, t2: Tensor, value: Scalar = 1): Tensor => elementwise('addcmul', [t, t1, t2], { params: [value], out: t });
export function addcdiv(t: Tensor, t1: Tensor, t2: Tensor, value: Scalar = 1, out?: Tensor): Tensor {
  if (!isFloating(t1.dtype) && !isFloating(t2.dtype))
    throw new PyError(
      'RuntimeError',
      'Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.',
    );
  return elementwise('addcdiv', [t, t1, t2], { params: [value], out });
}
export const addcdiv_ = (t: Tensor, t1: Tensor, t2: Tensor, value: Scalar = 1): Tensor => addcdiv(t, t1, t2, value, t);

/** aten::tanh_backward(grad, output) = grad·(1 - output²): TanhBackward0's kernel. */
export const tanhBackward = (g: Tensor, y: Tensor): Tensor => elementwise('tanh_backward', [g, y]);
/** aten::sigmoid_backward(grad, output) = grad·(1 - output)·output: SigmoidBackward0's kernel. */
export const sigmoidBackward = (g: Tensor, y: Tensor): Tensor => elementwise('sigmoid_backward', [g, y]);
