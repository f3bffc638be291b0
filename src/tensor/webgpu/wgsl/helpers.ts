// WGSL versions of the scalar helpers the op table calls (`H.*` in cpu/math.ts) plus the pieces
// WGSL lacks (expm1, log1p, erf, NaN/inf constants, C-style fmod and pow). Each mirrors its CPU
// twin's special cases (NaN propagation, signed zeros, pow(1, y) = 1) so the GPU differs from the
// CPU only by f32 rounding, never by semantics. Named `h_<name>_<f|i|u>` because WGSL has no
// function overloading; expr.ts picks the suffix from the compute domain.
//
// Inf and NaN come from bitcasts of a *runtime* zero: WGSL makes a shader-creation error of any
// constant expression that evaluates to inf/NaN, and some compilers fold `x != x` to false, so NaN
// tests look at the bits.

export const WGSL_HELPERS = /* wgsl */ `
var<private> h_zero_u: u32 = 0u;
fn h_inf() -> f32 { return bitcast<f32>(0x7f800000u | h_zero_u); }
fn h_nan() -> f32 { return bitcast<f32>(0x7fc00000u | h_zero_u); }
fn h_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn h_isinf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn h_ne(a: f32, b: f32) -> bool { return h_isnan(a) || h_isnan(b) || !(a == b); }
fn h_isfinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
// --- guarded builtins: IEEE results at the edges whatever the driver does -----------------
fn h_exp(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  if (x > 88.72283) { return h_inf(); }
  if (x < -103.97208) { return 0.0; }
  return exp(x);
}
fn h_exp2(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  if (x >= 128.0) { return h_inf(); }
  if (x < -150.0) { return 0.0; }
  return exp2(x);
}
fn h_log(x: f32) -> f32 {
  if (h_isnan(x) || x < 0.0) { return h_nan(); }
  if (x == 0.0) { return -h_inf(); }
  if (h_isinf(x)) { return x; }
  return log(x);
}
fn h_log2(x: f32) -> f32 {
  if (h_isnan(x) || x < 0.0) { return h_nan(); }
  if (x == 0.0) { return -h_inf(); }
  if (h_isinf(x)) { return x; }
  return log2(x);
}
fn h_sqrt(x: f32) -> f32 {
  if (h_isnan(x) || x < 0.0) { return h_nan(); }
  if (x == 0.0 || h_isinf(x)) { return x; }
  return sqrt(x);
}
fn h_floor(x: f32) -> f32 { if (!h_isfinite(x)) { return x; } return floor(x); }
fn h_ceil(x: f32) -> f32 { if (!h_isfinite(x)) { return x; } return ceil(x); }
fn h_trunc(x: f32) -> f32 { if (!h_isfinite(x)) { return x; } return trunc(x); }
// sin/cos: Cephes sinf/cosf (octant reduction by pi/4 in three exact parts, minimax polynomials);
// ~1 ulp for |x| <= 8192, degrading beyond like every f32 Cody-Waite reduction.
fn h_sincos_poly(x: f32, want_sin: bool) -> f32 {
  if (!h_isfinite(x)) { return h_nan(); }
  var sgn = 1.0;
  var y = abs(x);
  if (want_sin && x < 0.0) { sgn = -1.0; }
  var j = u32(y * 1.27323954473516);
  var fy = f32(j);
  if ((j & 1u) == 1u) { j = j + 1u; fy = fy + 1.0; }
  j = j & 7u;
  if (j > 3u) { sgn = -sgn; j = j - 4u; }
  if (!want_sin && j > 1u) { sgn = -sgn; }
  let z = ((y - fy * 0.78515625) - fy * 2.4187564849853515625e-4) - fy * 3.77489497744594108e-8;
  let zz = z * z;
  let use_cos_poly = (want_sin && (j == 1u || j == 2u)) || (!want_sin && (j == 0u || j == 3u));
  var r: f32;
  if (use_cos_poly) {
    r = 1.0 - 0.5 * zz + zz * zz * ((2.443315711809948e-5 * zz - 1.388731625493765e-3) * zz + 4.166664568298827e-2);
  } else {
    r = z + z * zz * ((-1.9515295891e-4 * zz + 8.3321608736e-3) * zz - 1.6666654611e-1);
  }
  return sgn * r;
}
fn h_sin(x: f32) -> f32 { if (x == 0.0) { return x; } return h_sincos_poly(x, true); }
fn h_cos(x: f32) -> f32 { return h_sincos_poly(x, false); }
fn h_tan(x: f32) -> f32 { if (x == 0.0) { return x; } return h_sin(x) / h_cos(x); }
fn h_asin(x: f32) -> f32 { if (h_isnan(x) || abs(x) > 1.0) { return h_nan(); } if (x == 0.0) { return x; } return asin(x); }
fn h_acos(x: f32) -> f32 { if (h_isnan(x) || abs(x) > 1.0) { return h_nan(); } return acos(x); }
fn h_atan(x: f32) -> f32 {
  if (h_isnan(x) || x == 0.0) { return x; }
  if (h_isinf(x)) { return sign(x) * 1.5707963267948966; }
  return atan(x);
}
fn h_atan2(y: f32, x: f32) -> f32 {
  if (h_isnan(x) || h_isnan(y)) { return h_nan(); }
  let xneg = x < 0.0 || bitcast<u32>(x) == 0x80000000u;
  let ysgn = select(1.0, -1.0, y < 0.0 || bitcast<u32>(y) == 0x80000000u);
  if (y == 0.0) { return select(y, ysgn * 3.141592653589793, xneg); }
  if (x == 0.0) { return ysgn * 1.5707963267948966; }
  if (h_isinf(x)) {
    if (h_isinf(y)) { return ysgn * select(0.7853981633974483, 2.356194490192345, xneg); }
    return select(ysgn * 0.0, ysgn * 3.141592653589793, xneg);
  }
  if (h_isinf(y)) { return ysgn * 1.5707963267948966; }
  return atan2(y, x);
}
fn h_expm1(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  let u = h_exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0 || !h_isfinite(u) || h_isnan(x)) { return um1; }
  return um1 * x / log(u);
}
fn h_log1p(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  if (!h_isfinite(u) || u <= 0.0) { return h_log(u); }
  return h_log(u) * x / (u - 1.0);
}
fn h_log10(x: f32) -> f32 { return h_log2(x) * 0.30102999566398120; }
fn h_sinh(x: f32) -> f32 {
  if (h_isnan(x) || x == 0.0) { return x; }
  let ax = abs(x);
  if (ax < 0.5) { let z = x * x; return x + x * z * (0.16666666666666666 + z * (0.008333333333333333 + z * (1.984126984126984e-4 + z * 2.7557319223985893e-6))); }
  if (ax > 89.0) { return sign(x) * h_inf(); }
  let e = h_exp(ax);
  return sign(x) * 0.5 * (e - 1.0 / e);
}
fn h_cosh(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  let ax = abs(x);
  if (ax > 89.0) { return h_inf(); }
  let e = h_exp(ax);
  return 0.5 * (e + 1.0 / e);
}
fn h_tanh(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  if (abs(x) > 15.0) { return sign(x); }
  if (abs(x) < 0.0005) { return x - x * x * x / 3.0; }
  let e = h_exp(2.0 * abs(x));
  return sign(x) * (e - 1.0) / (e + 1.0);
}
fn h_sigmoid_f(x: f32) -> f32 { if (h_isnan(x)) { return x; } return 1.0 / (1.0 + h_exp(-x)); }
fn h_erf_f(x: f32) -> f32 {
  if (h_isnan(x)) { return x; }
  let ax = abs(x);
  if (ax < 0.5) {
    let x2 = x * x;
    return 1.1283791670955126 * x * (1.0 + x2 * (-0.3333333333333333 + x2 * (0.1 + x2 * (-0.023809523809523808 + x2 * (0.004629629629629629 - x2 * 0.0007575757575757576)))));
  }
  if (ax > 6.0) { return sign(x); }
  // Numerical Recipes erfc (fractional error < 1.2e-7 everywhere)
  let t = 1.0 / (1.0 + 0.5 * ax);
  let y = t * h_exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return sign(x) * (1.0 - y);
}
fn h_rint_f(x: f32) -> f32 { if (!h_isfinite(x)) { return x; } return round(x); }
fn h_pow10_f(d: f32) -> f32 {
  var p = 1.0;
  for (var k = 0; k < i32(d); k++) { p = p * 10.0; }
  return p;
}
fn h_roundDecimals_f(a: f32, d: f32) -> f32 {
  if (d >= 0.0) { let p = h_pow10_f(d); return round(a * p) / p; }
  let p = h_pow10_f(-d);
  return round(a / p) * p;
}
fn h_fmod_f(a: f32, b: f32) -> f32 {
  if (h_isnan(a) || h_isnan(b) || h_isinf(a) || b == 0.0) { return h_nan(); }
  if (h_isinf(b)) { return a; }
  var r = a - b * trunc(a / b);
  if (abs(r) >= abs(b)) { r = r - b * trunc(r / b); }
  if (r != 0.0 && (r < 0.0) != (a < 0.0)) { r = r + select(abs(b), -abs(b), a < 0.0); }
  return r;
}
fn h_remF_f(a: f32, b: f32) -> f32 {
  let m = h_fmod_f(a, b);
  if (m != 0.0 && (b < 0.0) != (m < 0.0)) { return m + b; }
  return m;
}
fn h_floorDivF_f(a: f32, b: f32) -> f32 {
  if (h_isnan(a) || h_isnan(b)) { return h_nan(); }
  if (b == 0.0) { if (a == 0.0) { return h_nan(); } return select(h_inf(), -h_inf(), (a < 0.0) != (bitcast<u32>(b) == 0x80000000u)); }
  let m = h_fmod_f(a, b);
  var d = (a - m) / b;
  if (m != 0.0 && (b < 0.0) != (m < 0.0)) { d = d - 1.0; }
  if (h_isnan(d)) { return d; }
  if (d != 0.0) {
    var fl = h_floor(d);
    if (d - fl > 0.5) { fl = fl + 1.0; }
    return fl;
  }
  return (a / b) * 0.0;
}
fn h_clamp_f(a: f32, lo: f32, hi: f32) -> f32 {
  if (h_isnan(a)) { return a; }
  if (h_isnan(lo)) { return lo; }
  var r = select(a, lo, a < lo);
  if (h_isnan(hi)) { return hi; }
  return select(r, hi, r > hi);
}
fn h_sign_f(a: f32) -> f32 {
  if (a > 0.0) { return 1.0; }
  if (a < 0.0) { return -1.0; }
  return a;
}
fn h_sign_i(a: i32) -> i32 { return select(select(0, -1, a < 0), 1, a > 0); }
fn h_logSigmoid_f(a: f32) -> f32 { if (h_isnan(a)) { return a; } return min(0.0, a) - h_log1p(h_exp(-abs(a))); }
fn h_nanToNum_f(a: f32, n: f32, p: f32, q: f32) -> f32 {
  if (h_isnan(a)) { return n; }
  if (h_isinf(a)) { return select(q, p, a > 0.0); }
  return a;
}
fn h_maximum_f(a: f32, b: f32) -> f32 {
  if (h_isnan(a) || h_isnan(b)) { return h_nan(); }
  return select(b, a, a > b);
}
fn h_minimum_f(a: f32, b: f32) -> f32 {
  if (h_isnan(a) || h_isnan(b)) { return h_nan(); }
  return select(b, a, a < b);
}
fn h_isoddint(b: f32) -> bool { return trunc(b) == b && abs(b) < 16777216.0 && (i32(abs(b)) & 1) == 1; }
fn h_powF_f(a: f32, b: f32) -> f32 {
  if (b == 0.0 || a == 1.0) { return 1.0; }
  if (a == -1.0 && h_isinf(b)) { return 1.0; }
  if (h_isnan(a) || h_isnan(b)) { return h_nan(); }
  if (b == 1.0) { return a; }
  if (b == 2.0) { return a * a; }
  if (b == 0.5 && a >= 0.0 && !h_isinf(a)) { return sqrt(a); }
  if (b == -1.0) { return 1.0 / a; }
  if (a == 0.0) {
    if (b > 0.0) { return select(0.0, a, h_isoddint(b)); }
    return select(h_inf(), select(h_inf(), -h_inf(), bitcast<u32>(a) == 0x80000000u), h_isoddint(b));
  }
  if (h_isinf(b)) {
    if (abs(a) > 1.0) { return select(0.0, h_inf(), b > 0.0); }
    return select(h_inf(), 0.0, b > 0.0);
  }
  if (h_isinf(a)) {
    if (a > 0.0) { return select(0.0, h_inf(), b > 0.0); }
    if (h_isoddint(b)) { return select(bitcast<f32>(0x80000000u | h_zero_u), -h_inf(), b > 0.0); }
    return select(0.0, h_inf(), b > 0.0);
  }
  if (a < 0.0) {
    if (trunc(b) != b) { return h_nan(); }
    let r = h_exp2(b * h_log2(-a));
    return select(r, -r, h_isoddint(b));
  }
  return h_exp2(b * h_log2(a));
}
// JS ToInt32 of a float (truncate, wrap modulo 2^32; NaN/inf → 0): what a typed-array store does
fn h_toi32(x: f32) -> i32 {
  if (!h_isfinite(x)) { return 0; }
  let t = trunc(x);
  if (abs(t) < 2147483648.0) { return i32(t); }
  let m = t - floor(t / 4294967296.0) * 4294967296.0;
  return bitcast<i32>(u32(m));
}
`;
