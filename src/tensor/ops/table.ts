// THE op table: the single source for every elementwise op of the engine. Each entry names the op,
// its dtype rule, the grad_fn PyTorch records for it, what its backward formula saves, and its
// kernel as small expressions per compute domain. scripts/gen-cpu-kernels.ts pastes the expressions
// into specialised CPU loops at build time (cpu/kernels.generated.ts: rerun it after editing this
// table — `npm run gen:kernels` — a test fails while that file is stale); the WebGPU backend will
// hang its WGSL beside them (`wgsl`), the autograd issue its formula (keyed by `grad`), and
// ops/table.test.ts checks every entry against PyTorch fixtures, so an op added here is an op tested.
//
// Special-math entries are written with the primitives the WGSL translator (webgpu/wgsl/expr.ts)
// knows where that is exact; the rest (erfc, lgamma, nextafter...) sit in HOST_ELEMENTWISE below.
//
// Expression language: JS over operands `a`, `b`, `c`, scalar params `p0..p3`, helpers `H.*`
// (cpu/math.ts). Domains: `f` doubles (all float dtypes), `i` integral numbers (int8..int32,
// uint8, and int64 when no `l` is given), `l` exact bigints for int64, `b` bool as 0/1.
// Two helpers are precision-generic, for the kernels whose last bits PyTorch fixes by its float
// arithmetic: `H.fma(x, y, z)` is x·y + z rounded once in the compute dtype, `H.rnd(x)` rounds an
// intermediate to it (float32 for float32 tensors; a no-op in double). The `f` expressions run
// in double otherwise, so a float32 result is the exact value rounded once.

export type DtypeRule =
  /** result = result_type(inputs); integers and bool keep their kind (add, mul, abs, relu...) */
  | 'promote'
  /** result = result_type(inputs), integral → default float (exp, sqrt, true div, sigmoid...) */
  | 'float'
  /** compute in result_type(inputs); result bool (eq, lt, isnan...) */
  | 'compare'
  /** inputs read as truthiness; result bool (logical_and...) */
  | 'logical'
  /** integral and bool only; float raises "<kernel>" not implemented (bitwise_and...) */
  | 'bitwise';

export interface ElementwiseDef {
  readonly name: string;
  readonly arity: 1 | 2 | 3;
  readonly rule: DtypeRule;
  /** grad_fn name when every operand is a tensor (null: not differentiable). */
  readonly grad: string | null;
  /** grad_fn name when the last operand is a Python scalar (remainder → RemainderBackward0). */
  readonly gradScalar?: string;
  readonly f: string;
  readonly i?: string;
  readonly l?: string;
  readonly b?: string;
  /** PyTorch's kernel name in `"<kernel>" not implemented for 'Long'` when ints are rejected. */
  readonly intError?: string;
  /** Same for bool inputs (defaults to intError). */
  readonly boolError?: string;
  /** A complete error message for bool inputs, where PyTorch words it specially. */
  readonly boolMessage?: string;
  /** Number of scalar parameters p0.. the op takes. */
  readonly params?: number;
  /** The scalar parameters are cast to the kernel's float type first (float32 tensors: alpha,
   * weight and value become floats, as ATen's `scalar.to<opmath_t>()` makes them). */
  readonly castParams?: boolean;
  /** What backward needs saved: operands by position or the result. */
  readonly saves?: readonly ('a' | 'b' | 'c' | 'result')[];
}

const def = (d: ElementwiseDef): ElementwiseDef => d;

const UNARY_FLOAT: [string, string, string, ElementwiseDef['saves']][] = [
  ['exp', 'Math.exp(a)', 'ExpBackward0', ['result']],
  ['expm1', 'Math.expm1(a)', 'Expm1Backward0', ['result']],
  ['exp2', '2 ** a', 'Exp2Backward0', ['result']],
  ['log', 'Math.log(a)', 'LogBackward0', ['a']],
  ['log1p', 'Math.log1p(a)', 'Log1PBackward0', ['a']],
  ['log2', 'Math.log2(a)', 'Log2Backward0', ['a']],
  ['log10', 'Math.log10(a)', 'Log10Backward0', ['a']],
  ['sqrt', 'Math.sqrt(a)', 'SqrtBackward0', ['result']],
  ['rsqrt', '1 / H.rnd(Math.sqrt(a))', 'RsqrtBackward0', ['result']],
  ['sin', 'Math.sin(a)', 'SinBackward0', ['a']],
  ['cos', 'Math.cos(a)', 'CosBackward0', ['a']],
  ['tan', 'Math.tan(a)', 'TanBackward0', ['result']],
  ['asin', 'Math.asin(a)', 'AsinBackward0', ['a']],
  ['acos', 'Math.acos(a)', 'AcosBackward0', ['a']],
  ['atan', 'Math.atan(a)', 'AtanBackward0', ['a']],
  ['sinh', 'Math.sinh(a)', 'SinhBackward0', ['a']],
  ['cosh', 'Math.cosh(a)', 'CoshBackward0', ['a']],
  ['tanh', 'Math.tanh(a)', 'TanhBackward0', ['result']],
  ['sigmoid', 'H.sigmoid(a)', 'SigmoidBackward0', ['result']],
  ['erf', 'H.erf(a)', 'ErfBackward0', ['a']],
  ['reciprocal', '1 / a', 'ReciprocalBackward0', ['result']],
  // asinh/acosh in log1p forms (accurate near 0 / 1; log(2|x|) past 1e18 so nothing overflows)
  ['asinh', '(a < 0 || Object.is(a, -0) ? -1 : 1) * (Math.abs(a) > 1e18 ? Math.log(Math.abs(a)) + 0.6931471805599453 : Math.log1p(Math.abs(a) + (a * a) / (1 + Math.sqrt(1 + a * a))))', 'AsinhBackward0', ['a']],
  ['acosh', 'a > 1e18 ? Math.log(a) + 0.6931471805599453 : Math.log1p(a - 1 + Math.sqrt((a - 1) * (a + 1)))', 'AcoshBackward0', ['a']],
  ['atanh', '0.5 * Math.log1p((2 * a) / (1 - a))', 'AtanhBackward0', ['a']],
  ['sinc', 'a === 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a)', 'SincBackward0', ['a']],
  ['deg2rad', 'a * 0.017453292519943295', 'Deg2RadBackward0', []],
  ['rad2deg', 'a * 57.29577951308232', 'Rad2DegBackward0', []],
];

export const ELEMENTWISE: readonly ElementwiseDef[] = [
  ...UNARY_FLOAT.map(([name, f, grad, saves]) => def({ name, arity: 1, rule: 'float', grad, f, saves })),
  // --- unary, dtype-preserving --------------------------------------------------------------
  def({ name: 'neg', arity: 1, rule: 'promote', grad: 'NegBackward0', f: '-a', l: '-a', boolMessage: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.' }),
  def({ name: 'abs', arity: 1, rule: 'promote', grad: 'AbsBackward0', f: 'Math.abs(a)', l: 'a < 0n ? -a : a', boolError: 'abs_cpu', saves: ['a'] }),
  def({ name: 'sign', arity: 1, rule: 'promote', grad: 'SignBackward0', f: 'H.sign(a)', l: 'a > 0n ? 1n : a < 0n ? -1n : 0n', b: 'a' }),
  def({ name: 'floor', arity: 1, rule: 'promote', grad: 'FloorBackward0', f: 'Math.floor(a)', i: 'a', l: 'a', boolError: 'floor_vml_cpu' }),
  def({ name: 'ceil', arity: 1, rule: 'promote', grad: 'CeilBackward0', f: 'Math.ceil(a)', i: 'a', l: 'a', boolError: 'ceil_vml_cpu' }),
  def({ name: 'trunc', arity: 1, rule: 'promote', grad: 'TruncBackward0', f: 'Math.trunc(a)', i: 'a', l: 'a', boolError: 'trunc_vml_cpu' }),
  def({ name: 'round', arity: 1, rule: 'promote', grad: 'RoundBackward0', f: 'H.rint(a)', i: 'a', l: 'a', boolError: 'round_vml_cpu' }),
  def({ name: 'round_decimals', arity: 1, rule: 'promote', grad: 'RoundBackward1', f: 'H.roundDecimals(a, p0)', params: 1, intError: 'round_cpu' }),
  def({ name: 'frac', arity: 1, rule: 'promote', grad: 'FracBackward0', f: 'a - Math.trunc(a)', intError: 'frac_cpu' }),
  def({ name: 'square', arity: 1, rule: 'promote', grad: 'PowBackward0', f: 'a * a', i: 'Math.imul(a, a)', l: 'a * a', saves: ['a'] }),
  def({ name: 'relu', arity: 1, rule: 'promote', grad: 'ReluBackward0', f: 'a > 0 || a !== a ? a : 0', l: 'a > 0n ? a : 0n', boolMessage: 'Boolean inputs not supported for relu', saves: ['result'] }),
  def({ name: 'hardtanh', arity: 1, rule: 'promote', grad: 'HardtanhBackward0', f: 'H.clamp(a, p0, p1)', i: 'a < p0 ? p0 : a > p1 ? p1 : a', params: 2, boolMessage: 'Bool inputs not supported for hardtanh', saves: ['a'] }),
  def({ name: 'leaky_relu', arity: 1, rule: 'promote', grad: 'LeakyReluBackward0', f: 'a > 0 ? a : a * p0', params: 1, intError: 'leaky_relu_cpu', saves: ['a'] }),
  def({ name: 'elu', arity: 1, rule: 'promote', grad: 'EluBackward0', f: 'a > 0 ? p1 * a : p1 * p0 * Math.expm1(a * p2)', params: 3, intError: 'elu_cpu', saves: ['a'] }),
  def({ name: 'gelu', arity: 1, rule: 'promote', grad: 'GeluBackward0', f: 'a * 0.5 * (1 + H.erf(a * Math.SQRT1_2))', intError: 'GeluKernelImpl', saves: ['a'] }),
  def({ name: 'gelu_tanh', arity: 1, rule: 'promote', grad: 'GeluBackward0', f: '0.5 * a * (1 + Math.tanh(0.7978845608028654 * (a + 0.044715 * a * a * a)))', intError: 'GeluKernelImpl', saves: ['a'] }),
  def({ name: 'silu', arity: 1, rule: 'promote', grad: 'SiluBackward0', f: 'a / (1 + Math.exp(-a))', intError: 'silu_cpu', saves: ['a'] }),
  def({ name: 'mish', arity: 1, rule: 'promote', grad: 'MishBackward0', f: 'a * Math.tanh(a > 20 ? a : Math.log1p(Math.exp(a)))', intError: 'mish_cpu', saves: ['a'] }),
  def({ name: 'softplus', arity: 1, rule: 'promote', grad: 'SoftplusBackward0', f: 'a * p0 > p1 ? a : Math.log1p(Math.exp(a * p0)) / p0', params: 2, intError: 'softplus_cpu', saves: ['a'] }),
  def({ name: 'hardsigmoid', arity: 1, rule: 'promote', grad: 'HardsigmoidBackward0', f: 'a <= -3 ? 0 : a >= 3 ? 1 : a / 6 + 0.5', intError: 'hardsigmoid_cpu', saves: ['a'] }),
  def({ name: 'hardswish', arity: 1, rule: 'promote', grad: 'HardswishBackward0', f: 'a <= -3 ? a * (a - a) : a >= 3 ? a : (a * (a + 3)) / 6', intError: 'hardswish_cpu', saves: ['a'] }),
  def({ name: 'logsigmoid', arity: 1, rule: 'promote', grad: 'LogSigmoidBackward0', f: 'H.logSigmoid(a)', intError: 'log_sigmoid_cpu', saves: ['a'] }),
  def({ name: 'nan_to_num', arity: 1, rule: 'promote', grad: 'NanToNumBackward0', f: 'H.nanToNum(a, p0, p1, p2)', i: 'a', l: 'a', b: 'a', params: 3, saves: ['a'] }),
  def({ name: 'clamp', arity: 1, rule: 'promote', grad: 'ClampBackward1', f: 'H.clamp(a, p0, p1)', i: 'a < p0 ? p0 : a > p1 ? p1 : a', params: 2, boolMessage: 'Bool inputs not supported for hardtanh', saves: ['a'] }),
  def({ name: 'pow_scalar', arity: 1, rule: 'promote', grad: 'PowBackward0', f: 'H.powF(a, p0)', i: 'H.powI(a, p0)', params: 1, saves: ['a'] }),
  def({ name: 'rpow_scalar', arity: 1, rule: 'promote', grad: 'PowBackward2', f: 'H.powF(p0, a)', i: 'H.powI(p0, a)', params: 1, saves: ['result'] }),
  def({ name: 'bitwise_not', arity: 1, rule: 'bitwise', grad: null, f: 'NaN', i: '~a', l: '~a', b: 'a ? 0 : 1', intError: 'bitwise_not_cpu' }),
  def({ name: 'logical_not', arity: 1, rule: 'logical', grad: null, f: '!a' }),
  def({ name: 'isnan', arity: 1, rule: 'compare', grad: null, f: 'a !== a', i: 'false', l: 'false', b: 'false' }),
  def({ name: 'isinf', arity: 1, rule: 'compare', grad: null, f: 'a === Infinity || a === -Infinity', i: 'false', l: 'false', b: 'false' }),
  def({ name: 'isfinite', arity: 1, rule: 'compare', grad: null, f: 'Number.isFinite(a)', i: 'true', l: 'true', b: 'true' }),
  def({ name: 'signbit', arity: 1, rule: 'compare', grad: null, f: 'a < 0 || Object.is(a, -0)', i: 'a < 0', l: 'a < 0n', b: 'false' }),
  // --- binary ---------------------------------------------------------------------------------
  // add/sub with alpha: ATen's fmadd(b, alpha, a), alpha cast to the dtype (sub is add with -alpha)
  def({ name: 'add', arity: 2, rule: 'promote', grad: 'AddBackward0', f: 'p0 === 1 ? a + b : H.fma(b, p0, a)', i: 'a + p0 * b', l: 'a + p0 * b', b: 'a | b', params: 1, castParams: true }),
  def({ name: 'sub', arity: 2, rule: 'promote', grad: 'SubBackward0', f: 'p0 === 1 ? a - b : H.fma(b, -p0, a)', i: 'a - p0 * b', l: 'a - p0 * b', params: 1, castParams: true }),
  def({ name: 'mul', arity: 2, rule: 'promote', grad: 'MulBackward0', f: 'a * b', i: 'Math.imul(a, b)', l: 'a * b', b: 'a & b', saves: ['a', 'b'] }),
  def({ name: 'div', arity: 2, rule: 'float', grad: 'DivBackward0', f: 'a / b', saves: ['a', 'b'] }),
  def({ name: 'div_floor', arity: 2, rule: 'promote', grad: 'DivBackward2', f: 'H.floorDivF(a, b)', i: 'H.floorDivI(a, b)', l: 'H.floorDivL(a, b)', boolError: 'div_floor_cpu', saves: ['a', 'b'] }),
  def({ name: 'div_trunc', arity: 2, rule: 'promote', grad: 'DivBackward2', f: 'Math.trunc(a / b)', i: 'H.truncDivI(a, b)', l: 'H.truncDivL(a, b)', boolError: 'div_trunc_cpu', saves: ['a', 'b'] }),
  def({ name: 'floor_divide', arity: 2, rule: 'promote', grad: 'NotImplemented', f: 'H.floorDivF(a, b)', i: 'H.floorDivI(a, b)', l: 'H.floorDivL(a, b)', boolError: 'div_floor_cpu' }),
  def({ name: 'remainder', arity: 2, rule: 'promote', grad: 'RemainderBackward1', gradScalar: 'RemainderBackward0', f: 'H.remF(a, b)', i: 'H.remI(a, b)', l: 'H.remL(a, b)', boolError: 'remainder_cpu', saves: ['a', 'b'] }),
  def({ name: 'fmod', arity: 2, rule: 'promote', grad: 'FmodBackward1', gradScalar: 'FmodBackward0', f: 'a % b', i: 'H.fmodI(a, b)', l: 'H.fmodL(a, b)', boolError: 'fmod_cpu', saves: ['a', 'b'] }),
  def({ name: 'pow', arity: 2, rule: 'promote', grad: 'PowBackward1', f: 'H.powF(a, b)', i: 'H.powI(a, b)', l: 'H.powL(a, b)', boolError: 'pow', saves: ['a', 'b', 'result'] }),
  def({ name: 'atan2', arity: 2, rule: 'float', grad: 'Atan2Backward0', f: 'Math.atan2(a, b)', saves: ['a', 'b'] }),
  def({ name: 'logit', arity: 1, rule: 'float', grad: 'LogitBackward0', f: 'Math.log(a / (1 - a))', saves: ['a'] }),
  def({ name: 'hypot', arity: 2, rule: 'promote', grad: 'HypotBackward0', f: 'Math.sqrt(a * a + b * b)', intError: 'hypot_cpu', saves: ['a', 'b', 'result'] }),
  def({ name: 'heaviside', arity: 2, rule: 'promote', grad: 'NotImplemented', f: 'a === 0 ? b : a > 0 ? 1 : 0', l: 'a === 0n ? b : a > 0n ? 1n : 0n', b: 'a === 0 ? b : a' }),
  def({ name: 'copysign', arity: 2, rule: 'float', grad: 'CopysignBackward0', gradScalar: 'CopysignBackward1', f: 'b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a)', saves: ['a', 'result'] }),
  // xlogy_kernel: x * std::log(y) in scalar_t (the float log rounded before the product)
  def({ name: 'xlogy', arity: 2, rule: 'float', grad: 'XlogyBackward0', gradScalar: 'XlogyBackward2', f: 'b !== b ? NaN : a === 0 ? 0 : a * H.rnd(Math.log(b))', saves: ['a', 'b'] }),
  def({ name: 'logaddexp', arity: 2, rule: 'promote', grad: 'LogaddexpBackward0', f: '!Number.isFinite(a) && a === b ? a : (a > b ? a : b) + Math.log1p(Math.exp(-Math.abs(a - b)))', intError: 'logaddexp_cpu', saves: ['a', 'b'] }),
  def({ name: 'logaddexp2', arity: 2, rule: 'promote', grad: 'Logaddexp2Backward0', f: '!Number.isFinite(a) && a === b ? a : (a > b ? a : b) + Math.log1p(2 ** -Math.abs(a - b)) * 1.4426950408889634', intError: 'logaddexp2_cpu', saves: ['a', 'b'] }),
  def({ name: 'fmax', arity: 2, rule: 'promote', grad: 'FmaxBackward0', f: 'a !== a ? b : b !== b ? a : a > b ? a : b', i: 'a > b ? a : b', l: 'a > b ? a : b', b: 'a | b', saves: ['a', 'b'] }),
  def({ name: 'fmin', arity: 2, rule: 'promote', grad: 'FminBackward0', f: 'a !== a ? b : b !== b ? a : a < b ? a : b', i: 'a < b ? a : b', l: 'a < b ? a : b', b: 'a & b', saves: ['a', 'b'] }),
  def({ name: 'maximum', arity: 2, rule: 'promote', grad: 'MaximumBackward0', f: 'H.maximum(a, b)', i: 'a > b ? a : b', l: 'a > b ? a : b', b: 'a | b', saves: ['a', 'b'] }),
  def({ name: 'minimum', arity: 2, rule: 'promote', grad: 'MinimumBackward0', f: 'H.minimum(a, b)', i: 'a < b ? a : b', l: 'a < b ? a : b', b: 'a & b', saves: ['a', 'b'] }),
  def({ name: 'clamp_min_t', arity: 2, rule: 'promote', grad: 'ClampBackward0', f: 'H.clamp(a, b, Infinity)', i: 'a < b ? b : a', l: 'a < b ? b : a', saves: ['a', 'b'] }),
  def({ name: 'clamp_max_t', arity: 2, rule: 'promote', grad: 'ClampBackward0', f: 'H.clamp(a, -Infinity, b)', i: 'a > b ? b : a', l: 'a > b ? b : a', saves: ['a', 'b'] }),
  // lerp: ATen's lerp_vec — d = end - start rounded, then fmadd(w, d, start) where |w| < 0.5, else
  // fmadd(w - 1, d, end) (the scalar tail's `end - d * (1 - w)`, contracted, rounds the same)
  def({ name: 'lerp', arity: 2, rule: 'promote', grad: 'LerpBackward0', f: 'Math.abs(p0) < 0.5 ? H.fma(p0, H.rnd(b - a), a) : H.fma(H.rnd(p0 - 1), H.rnd(b - a), b)', params: 1, castParams: true, intError: 'lerp_kernel_scalar' }),
  // the backward kernels of tanh and sigmoid (a = grad, b = result), rounded as ATen's: `a * (1 -
  // b * b)` with 1 - b² contracted into one fma, `a * (1 - b) * b` left to right
  def({ name: 'tanh_backward', arity: 2, rule: 'promote', grad: 'TanhBackwardBackward0', f: 'a * H.fma(-b, b, 1)', intError: 'tanh_backward_cpu', saves: ['a', 'b'] }),
  def({ name: 'sigmoid_backward', arity: 2, rule: 'promote', grad: 'SigmoidBackwardBackward0', f: 'H.rnd(a * H.rnd(1 - b)) * b', intError: 'sigmoid_backward_cpu', saves: ['a', 'b'] }),
  def({ name: 'eq', arity: 2, rule: 'compare', grad: null, f: 'a === b', l: 'a === b' }),
  def({ name: 'ne', arity: 2, rule: 'compare', grad: null, f: 'a !== b', l: 'a !== b' }),
  def({ name: 'lt', arity: 2, rule: 'compare', grad: null, f: 'a < b', l: 'a < b' }),
  def({ name: 'le', arity: 2, rule: 'compare', grad: null, f: 'a <= b', l: 'a <= b' }),
  def({ name: 'gt', arity: 2, rule: 'compare', grad: null, f: 'a > b', l: 'a > b' }),
  def({ name: 'ge', arity: 2, rule: 'compare', grad: null, f: 'a >= b', l: 'a >= b' }),
  def({ name: 'logical_and', arity: 2, rule: 'logical', grad: null, f: 'a && b' }),
  def({ name: 'logical_or', arity: 2, rule: 'logical', grad: null, f: 'a || b' }),
  def({ name: 'logical_xor', arity: 2, rule: 'logical', grad: null, f: 'a !== b' }),
  def({ name: 'bitwise_and', arity: 2, rule: 'bitwise', grad: null, f: 'NaN', i: 'a & b', l: 'a & b', b: 'a & b', intError: 'bitwise_and_cpu' }),
  def({ name: 'bitwise_or', arity: 2, rule: 'bitwise', grad: null, f: 'NaN', i: 'a | b', l: 'a | b', b: 'a | b', intError: 'bitwise_or_cpu' }),
  def({ name: 'bitwise_xor', arity: 2, rule: 'bitwise', grad: null, f: 'NaN', i: 'a ^ b', l: 'a ^ b', b: 'a ^ b', intError: 'bitwise_xor_cpu' }),
  // --- ternary --------------------------------------------------------------------------------
  def({ name: 'clamp_t', arity: 3, rule: 'promote', grad: 'ClampBackward0', f: 'H.clamp(a, b, c)', i: 'a < b ? b : a > c ? c : a', l: '(a < b ? b : a) > c ? c : (a < b ? b : a)', saves: ['a', 'b', 'c'] }),
  def({ name: 'lerp_t', arity: 3, rule: 'promote', grad: 'LerpBackward1', f: 'Math.abs(c) < 0.5 ? H.fma(c, H.rnd(b - a), a) : H.fma(H.rnd(c - 1), H.rnd(b - a), b)', intError: 'lerp_kernel_tensor', saves: ['a', 'b', 'c'] }),
  // addcmul: `self + value * t1 * t2`, which GCC contracts (vector and scalar loops alike) into
  // fma(value·t1, t2, self); addcdiv: self + (value·t1) / t2, each step rounded
  def({ name: 'addcmul', arity: 3, rule: 'promote', grad: 'AddcmulBackward0', f: 'H.fma(H.rnd(p0 * b), c, a)', i: 'a + p0 * b * c', l: 'a + p0 * b * c', params: 1, castParams: true, saves: ['b', 'c'] }),
  def({ name: 'addcdiv', arity: 3, rule: 'promote', grad: 'AddcdivBackward0', f: 'a + H.rnd(H.rnd(p0 * b) / c)', intError: 'addcdiv_cpu', params: 1, castParams: true, saves: ['b', 'c'] }),
  /** where(cond, x, y): `a` is the bool condition; dtype from b and c. */
  def({ name: 'where', arity: 3, rule: 'promote', grad: 'WhereBackward0', f: 'a ? b : c', l: 'a ? b : c', b: 'a ? b : c', saves: ['a'] }),
  /** Plain copy/cast: the kernel behind copy_, to(dtype), contiguous, clone. */
  def({ name: 'copy', arity: 1, rule: 'promote', grad: 'CopyBackwards', f: 'a', l: 'a', b: 'a' }),
];

/**
 * Entries whose kernels have no exact WGSL form yet (special functions needing the helpers in
 * cpu/math.ts, and float32-ulp stepping): the same table semantics, but they run CPU-side on every
 * device, so the WebGPU agreement suite (which walks ELEMENTWISE) does not expect GPU dispatches
 * for them. Move an entry up into ELEMENTWISE once webgpu/wgsl has its helper.
 */
export const HOST_ELEMENTWISE: readonly ElementwiseDef[] = [
  ...(
    [
      ['erfc', 'H.erfc(a)', 'ErfcBackward0'],
      ['erfinv', 'H.erfinv(a)', 'ErfinvBackward0'],
      ['lgamma', 'H.lgamma(a)', 'LgammaBackward0'],
      ['digamma', 'H.digamma(a)', 'DigammaBackward0'],
    ] as const
  ).map(([name, f, grad]) => def({ name, arity: 1, rule: 'float', grad, f, saves: ['a'] })),
  /** p0 = 1 steps in float32 ulps (float32/half results), 0 in float64 ulps. */
  def({ name: 'nextafter', arity: 2, rule: 'promote', grad: 'NextafterBackward0', f: 'H.nextafter(a, b, p0)', params: 1, intError: 'nextafter_cpu' }),
];

export const OPS: ReadonlyMap<string, ElementwiseDef> = new Map([...ELEMENTWISE, ...HOST_ELEMENTWISE].map((d) => [d.name, d]));

export function opDef(name: string): ElementwiseDef {
  const d = OPS.get(name);
  if (d === undefined) throw new Error(`unknown elementwise op ${name}`);
  return d;
}

/** Reductions: names and grad_fn per form (full reduction vs. with dim). */
export const REDUCTIONS = {
  sum: { full: 'SumBackward0', dim: 'SumBackward1' },
  mean: { full: 'MeanBackward0', dim: 'MeanBackward1' },
  prod: { full: 'ProdBackward0', dim: 'ProdBackward1' },
  max: { full: 'MaxBackward1', dim: 'MaxBackward0' },
  min: { full: 'MinBackward1', dim: 'MinBackward0' },
  amax: { full: 'AmaxBackward0', dim: 'AmaxBackward0' },
  amin: { full: 'AminBackward0', dim: 'AminBackward0' },
  var: { full: 'VarBackward0', dim: 'VarBackward0' },
  std: { full: 'StdBackward0', dim: 'StdBackward0' },
  norm: { full: 'LinalgVectorNormBackward0', dim: 'LinalgVectorNormBackward0' },
  logsumexp: { full: 'LogsumexpBackward0', dim: 'LogsumexpBackward0' },
  cumsum: { full: 'CumsumBackward0', dim: 'CumsumBackward0' },
  cumprod: { full: 'CumprodBackward0', dim: 'CumprodBackward0' },
} as const;
