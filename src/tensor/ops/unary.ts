// Unary math and activations with their in-place forms, as thin wrappers over the op table
// (ops/table.ts). Activation defaults and parameter handling follow torch.nn.functional; the
// grad_fn a form records is PyTorch's (selu → EluBackward0, relu6 → HardtanhBackward0, in-place
// leaky_relu_/elu_ → ...Backward1).

import { PyError } from '../../errors';
import { isFloating, type DType } from '../dtype';
import { recordInplace, recordOp } from '../grad';
import { castInto } from './copy';
import { placeLike } from './dimrows';
import { resultType } from '../promotion';
import { pyf, type Scalar } from '../scalar';
import { Tensor } from '../tensor';
import { elementwise } from './elementwise';

const u = (name: string) => (t: Tensor): Tensor => elementwise(name, [t]);
const ui = (name: string) => (t: Tensor): Tensor => elementwise(name, [t], { out: t });

export const exp = u('exp'), exp_ = ui('exp');
export const expm1 = u('expm1'), expm1_ = ui('expm1');
export const exp2 = u('exp2'), exp2_ = ui('exp2');
export const log = u('log'), log_ = ui('log');
export const log1p = u('log1p'), log1p_ = ui('log1p');
export const log2 = u('log2'), log2_ = ui('log2');
export const log10 = u('log10'), log10_ = ui('log10');
export const sqrt = u('sqrt'), sqrt_ = ui('sqrt');
export const rsqrt = u('rsqrt'), rsqrt_ = ui('rsqrt');
export const sin = u('sin'), sin_ = ui('sin');
export const cos = u('cos'), cos_ = ui('cos');
export const tan = u('tan'), tan_ = ui('tan');
export const asin = u('asin'), acos = u('acos'), atan = u('atan');
export const sinh = u('sinh'), cosh = u('cosh');
export const tanh = u('tanh'), tanh_ = ui('tanh');
export const sigmoid = u('sigmoid'), sigmoid_ = ui('sigmoid');
export const erf = u('erf'), erf_ = ui('erf');
export const erfc = u('erfc'), erfc_ = ui('erfc');
export const erfinv = u('erfinv'), erfinv_ = ui('erfinv');
export const lgamma = u('lgamma'), lgamma_ = ui('lgamma');
export const digamma = u('digamma'), digamma_ = ui('digamma');
export const asinh = u('asinh'), acosh = u('acosh'), atanh = u('atanh');
export const asinh_ = ui('asinh'), acosh_ = ui('acosh'), atanh_ = ui('atanh');
export const sinc = u('sinc'), sinc_ = ui('sinc');
export const deg2rad = u('deg2rad'), deg2rad_ = ui('deg2rad');
export const rad2deg = u('rad2deg'), rad2deg_ = ui('rad2deg');

/** torch.logit(input, eps=None): log(p / (1 - p)); with eps the input is first clamped to
 * [eps, 1 - eps] (one LogitBackward0 node either way, eps kept in ctx for backward). */
export function logit(t: Tensor, eps: number | null = null, out?: Tensor): Tensor {
  if (eps === null) return elementwise('logit', [t], { out });
  const compute = resultType({ dtype: t.dtype, ndim: t.ndim }, pyf(eps));
  const clamped = elementwise('clamp', [t], { params: [pyf(eps), pyf(1 - eps)], compute: isFloating(compute) ? compute : 'float32', grad: null });
  const r = elementwise('logit', [clamped], { out, grad: null });
  const node = out === undefined ? recordOp('LogitBackward0', [t], [r]) : recordInplace('LogitBackward0', r, []);
  if (node !== null) {
    node.save(t);
    node.ctx.eps = eps;
  }
  return r;
}
export const logit_ = (t: Tensor, eps: number | null = null): Tensor => logit(t, eps, t);
export const reciprocal = u('reciprocal'), reciprocal_ = ui('reciprocal');
export const abs = u('abs'), abs_ = ui('abs');
export const sign = u('sign'), sign_ = ui('sign');
export const floor = u('floor'), floor_ = ui('floor');
export const ceil = u('ceil'), ceil_ = ui('ceil');
export const trunc = u('trunc'), trunc_ = ui('trunc');
export const frac = u('frac'), frac_ = ui('frac');
export const relu = u('relu'), relu_ = ui('relu');
export const silu = u('silu'), silu_ = ui('silu');
export const mish = u('mish'), mish_ = ui('mish');
export const hardsigmoid = u('hardsigmoid'), hardsigmoid_ = ui('hardsigmoid');
export const hardswish = u('hardswish'), hardswish_ = ui('hardswish');
export const logsigmoid = u('logsigmoid');

const NEG_BOOL =
  'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';
export function neg(t: Tensor): Tensor {
  if (t.dtype === 'bool') throw new PyError('RuntimeError', NEG_BOOL);
  return elementwise('neg', [t]);
}
export function neg_(t: Tensor): Tensor {
  if (t.dtype === 'bool') throw new PyError('RuntimeError', NEG_BOOL);
  return elementwise('neg', [t], { out: t });
}

/** torch.round; `decimalsOverload`: the call named decimals= (round.decimals records RoundBackward1
 * even for decimals=0, as torch.special.round always does). */
export function round(t: Tensor, decimals = 0, out?: Tensor, decimalsOverload = false): Tensor {
  if (decimals === 0 && !decimalsOverload) return elementwise('round', [t], { out });
  return elementwise('round_decimals', [t], { params: [decimals], out });
}
export const round_ = (t: Tensor, decimals = 0): Tensor => round(t, decimals, t);

export const leakyRelu = (t: Tensor, slope: Scalar = pyf(0.01), inplace = false): Tensor =>
  elementwise('leaky_relu', [t], { params: [slope], out: inplace ? t : undefined, grad: inplace ? 'LeakyReluBackward1' : undefined });

export const elu = (t: Tensor, alpha: Scalar = pyf(1), inplace = false): Tensor =>
  elementwise('elu', [t], { params: [alpha, 1, 1], out: inplace ? t : undefined, grad: inplace ? 'EluBackward1' : undefined });

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
export const selu = (t: Tensor, inplace = false): Tensor =>
  elementwise('elu', [t], { params: [SELU_ALPHA, SELU_SCALE, 1], out: inplace ? t : undefined, grad: inplace ? 'EluBackward1' : 'EluBackward0' });

export function celu(t: Tensor, alpha: Scalar = pyf(1)): Tensor {
  const a = typeof alpha === 'object' ? alpha.v : Number(alpha);
  return elementwise('elu', [t], { params: [a, 1, 1 / a], grad: 'EluBackward0' });
}

export function gelu(t: Tensor, approximate: 'none' | 'tanh' = 'none', inplace = false): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw new PyError('RuntimeError', `approximate argument must be either none or tanh.`);
  return elementwise(approximate === 'tanh' ? 'gelu_tanh' : 'gelu', [t], { out: inplace ? t : undefined });
}

export const softplus = (t: Tensor, beta: Scalar = 1, threshold: Scalar = 20): Tensor =>
  elementwise('softplus', [t], { params: [beta, threshold] });

export const hardtanh = (t: Tensor, min: Scalar = pyf(-1), max: Scalar = pyf(1), inplace = false): Tensor =>
  elementwise('hardtanh', [t], { params: [min, max], out: inplace ? t : undefined });
export const relu6 = (t: Tensor, inplace = false): Tensor => hardtanh(t, 0, 6, inplace);

/** Largest finite value of a float dtype (nan_to_num's default posinf). */
function finiteMax(d: DType): number {
  switch (d) {
    case 'float64':
      return Number.MAX_VALUE;
    case 'float16':
      return 65504;
    case 'bfloat16':
      return 3.3895313892515355e38;
    default:
      return 3.4028234663852886e38;
  }
}

export function nanToNum(t: Tensor, nan: number = 0, posinf: number | null = null, neginf: number | null = null, out?: Tensor): Tensor {
  const m = finiteMax(t.dtype);
  return elementwise('nan_to_num', [t], { params: [pyf(nan), pyf(posinf ?? m), pyf(neginf ?? -m)], out });
}
export const nanToNum_ = (t: Tensor, nan = 0, posinf: number | null = null, neginf: number | null = null): Tensor => nanToNum(t, nan, posinf, neginf, t);

/** clamp/clip with scalar or tensor bounds (ClampBackward1 for scalars, ClampBackward0 tensors). */
export function clamp(t: Tensor, min: Scalar | Tensor | null = null, max: Scalar | Tensor | null = null, out?: Tensor): Tensor {
  if (min === null && max === null) throw new PyError('RuntimeError', "torch.clamp: At least one of 'min' or 'max' must not be None");
  if (min instanceof Tensor || max instanceof Tensor) {
    if (min !== null && max !== null) {
      const lo = min instanceof Tensor ? min : min;
      const hi = max instanceof Tensor ? max : max;
      return elementwise('clamp_t', [t, lo, hi], { out });
    }
    if (min !== null) return clampBound(elementwise('clamp_min_t', [t, min], { out }), 'min');
    return clampBound(elementwise('clamp_max_t', [t, max as Tensor], { out }), 'max');
  }
  const ops = [{ dtype: t.dtype, ndim: t.ndim }, ...[min, max].filter((x): x is Scalar => x !== null)];
  const compute = resultType(...ops);
  return elementwise('clamp', [t], { params: [min ?? pyf(-Infinity), max ?? pyf(Infinity)], compute, out });
}
/** ClampBackward0 with one tensor bound: the backward needs to know which (ctx.bounds). */
function clampBound(r: Tensor, bounds: 'min' | 'max'): Tensor {
  if (r.gradFn?.name === 'ClampBackward0') r.gradFn.ctx.bounds = bounds;
  else if (r.gradFn?.name === 'AsStridedBackward0') {
    // in place on a view: the clamp node is the one CopySlices runs
    const fn = r.gradFn.next[0]?.node.ctx.fn as { ctx: Record<string, unknown> } | undefined;
    if (fn) fn.ctx.bounds = bounds;
  }
  return r;
}
export const clamp_ = (t: Tensor, min: Scalar | Tensor | null = null, max: Scalar | Tensor | null = null): Tensor => clamp(t, min, max, t);
export const clip = clamp;
export const clip_ = clamp_;

export function clampMin(t: Tensor, min: Scalar | Tensor, out?: Tensor): Tensor {
  if (min instanceof Tensor) return elementwise('clamp_min_t', [t, min], { out, grad: 'ClampMinBackward1' });
  const compute = resultType({ dtype: t.dtype, ndim: t.ndim }, min);
  return elementwise('clamp', [t], { params: [min, pyf(Infinity)], compute, out, grad: 'ClampMinBackward0' });
}
export function clampMax(t: Tensor, max: Scalar | Tensor, out?: Tensor): Tensor {
  if (max instanceof Tensor) return elementwise('clamp_max_t', [t, max], { out, grad: 'ClampMaxBackward1' });
  const compute = resultType({ dtype: t.dtype, ndim: t.ndim }, max);
  return elementwise('clamp', [t], { params: [pyf(-Infinity), max], compute, out, grad: 'ClampMaxBackward0' });
}

// --- frexp -------------------------------------------------------------------------------------

export interface Frexp {
  mantissa: Tensor;
  exponent: Tensor;
}

const frexpView = new DataView(new ArrayBuffer(8));

/** C's frexp on a double: x = m * 2^e with 0.5 <= |m| < 1 (0, ±inf, NaN give e = 0, m = x). */
export function frexpNumber(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let bias = 0;
  if (Math.abs(x) < 2 ** -1000) {
    x *= 2 ** 64; // bring subnormals into the normal range
    bias = -64;
  }
  frexpView.setFloat64(0, x);
  const hi = frexpView.getUint32(0);
  const e = ((hi >>> 20) & 0x7ff) - 1022;
  frexpView.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [frexpView.getFloat64(0), e + bias];
}

/** torch.frexp(input) → (mantissa, exponent int32); FrexpBackward0 on the mantissa. */
export function frexp(t: Tensor): Frexp {
  if (!isFloating(t.dtype)) throw new PyError('RuntimeError', 'torch.frexp() only supports floating-point dtypes');
  const src = t.dataSync();
  const m = new Float64Array(src.length);
  const e = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) [m[i], e[i]] = frexpNumber(src[i] as number);
  const mantissa = Tensor.empty(t.shape, t.dtype, t.device);
  castInto(mantissa, Tensor.fromArray(m, t.shape, 'float64'));
  const exponent = placeLike(Tensor.fromArray(e, t.shape, 'int32'), t);
  const node = recordOp('FrexpBackward0', [t], [mantissa]);
  if (node !== null) node.save(exponent);
  return { mantissa, exponent };
}
