// Exactly rounded fused multiply-add for float32 and float64, the arithmetic primitive under the
// torch-parity samplers. torch's x86 kernels (built with AVX2/AVX-512) contract `x*range + from`
// in uniform_ and several steps of the float32 normal fill into one FMA; rounding the product and
// the sum separately changes the last bit of about half the values, so every sampler that PyTorch
// fuses calls one of these. JavaScript has no Math.fma, so both are emulated from double
// arithmetic, with an exact BigInt path for the rare cases the fast path cannot decide.

const F64 = new Float64Array(1);
const U32_OF_F64 = new Uint32Array(F64.buffer);
const F32 = new Float32Array(1);
const U32_OF_F32 = new Uint32Array(F32.buffer);
// Little-endian hosts store the high word of a double second. Every JS engine we target is LE,
// but the index is computed rather than assumed.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

const F32_MIN_NORMAL = 1.1754943508222875e-38;
const F32_MAX = 3.4028234663852886e38;

/** Bits of a float32 value as uint32. */
export function f32Bits(x: number): number {
  F32[0] = x;
  return U32_OF_F32[0];
}

/** The float32 whose bit pattern is `b` (uint32). */
export function f32FromBits(b: number): number {
  U32_OF_F32[0] = b >>> 0;
  return F32[0];
}

/** The float32 adjacent to the float32 `r` in the direction of `target` (r !== target). */
function nextFloat32Toward(r: number, target: number): number {
  if (r === 0) return target > 0 ? f32FromBits(1) : f32FromBits(0x80000001);
  const b = f32Bits(r);
  // Moving away from zero increments the magnitude bits, toward zero decrements them.
  return (r > 0) === (target > r) ? f32FromBits(b + 1) : f32FromBits(b - 1);
}

/**
 * fma(a, b, c) rounded once to float32, for float32 inputs a, b, c.
 *
 * a*b of two float32 values has at most 48 significant bits, so it is exact in a double; the
 * double sum s = a*b + c is then rounded once. Rounding s to float32 is right unless s lands
 * exactly on a float32 midpoint while the true sum does not (double rounding). TwoSum gives the
 * exact error of the double addition, whose sign then picks the correct neighbour.
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  // Fast exit (kept small so V8 inlines it): unless s is exactly a float32 midpoint, r is right
  // whatever the addition's error was. In the float32 normal range a midpoint has the 29 extra
  // bits of the double mantissa equal to 1 followed by 28 zeros.
  F64[0] = s;
  if ((U32_OF_F64[1 - HI] & 0x1fffffff) !== 0x10000000) {
    const as = s < 0 ? -s : s;
    if (as >= F32_MIN_NORMAL && as <= F32_MAX) return r;
  }
  return fmaF32Tie(p, c, s, r);
}

/** fmaF32's rare path: s may sit exactly on a float32 midpoint (or outside the normal range). */
function fmaF32Tie(p: number, c: number, s: number, r: number): number {
  const t = s - p;
  const err = p - (s - t) + (c - t);
  if (err === 0 || s - s !== 0) return r; // exact sum, or s is ±Infinity/NaN
  const o = nextFloat32Toward(r, s);
  if (r + o === 2 * s) {
    // s is exactly halfway between r and o; the true sum lies on err's side of it.
    return err > 0 ? Math.max(r, o) : Math.min(r, o);
  }
  return r;
}

// ---- float64 -------------------------------------------------------------------------------

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting constant for doubles

/** Biased exponent field of a double (0 for zero/subnormal, 2047 for Inf/NaN). */
function expField(x: number): number {
  F64[0] = x;
  return (U32_OF_F64[HI] >>> 20) & 0x7ff;
}

/** 2^k for an integer k in the normal range [-1022, 1023], built from bits (exact, no pow). */
function pow2(k: number): number {
  U32_OF_F64[HI] = (k + 1023) << 20;
  U32_OF_F64[1 - HI] = 0;
  return F64[0];
}

/** Exact value of a finite double as sign * mant * 2^exp with an integer BigInt mantissa. */
function decompose(x: number): [bigint, number] {
  F64[0] = x;
  const hi = U32_OF_F64[HI];
  const lo = U32_OF_F64[1 - HI];
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e !== 0) m |= 1n << 52n;
  if (hi >>> 31) m = -m;
  return [m, (e === 0 ? 1 : e) - 1075];
}

/** m * 2^e rounded to the nearest double, ties to even (handles subnormals and overflow). */
function roundToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let mag = neg ? -m : m;
  const bits = mag.toString(2).length;
  // Keep 53 significant bits, but never go below the subnormal quantum 2^-1074.
  const shift = Math.max(bits - 53, -1074 - e);
  if (shift > 0) {
    const sh = BigInt(shift);
    const rem = mag & ((1n << sh) - 1n);
    const half = 1n << (sh - 1n);
    mag >>= sh;
    if (rem > half || (rem === half && (mag & 1n) === 1n)) mag += 1n;
    e += shift;
  }
  // mag < 2^54 here, so Number(mag) is exact; scale in two exact steps to avoid a 2^e overflow.
  let v = Number(mag);
  const e1 = Math.trunc(e / 2);
  v = v * 2 ** e1 * 2 ** (e - e1);
  return neg ? -v : v;
}

/** fma by exact rational arithmetic: slow, used only where the fast path cannot decide. */
function fmaF64Exact(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const mp = ma * mb;
  const ep = ea + eb;
  if (mp === 0n) return a * b + c; // keeps IEEE signed-zero rules
  if (mc === 0n) return roundToDouble(mp, ep);
  const e = Math.min(ep, ec);
  const sum = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (sum === 0n) return 0; // exact cancellation is +0 in round-to-nearest
  return roundToDouble(sum, e);
}

/**
 * fma(a, b, c) rounded once to double.
 *
 * Fast path: Dekker's TwoProduct gives a*b = p + pe exactly; two TwoSums turn p + pe + c into
 * r + q with r = RN(most of it). r is the correctly rounded result whenever the rest q is below
 * half the gap to r's neighbour on q's side — checked exactly, since that half gap is a power of
 * two. The remaining cases (a rest of about half an ulp, huge or tiny exponents where Dekker's
 * split is not exact, non-finite values) go to exact BigInt arithmetic or IEEE semantics.
 */
export function fmaF64(a: number, b: number, c: number): number {
  const p = a * b;
  if (p - p !== 0 || c - c !== 0) return p + c; // Inf/NaN: fma agrees with a*b + c here
  if (p === 0) return a === 0 || b === 0 ? p + c : fmaF64Exact(a, b, c); // underflowed product
  const ep = expField(p);
  const ea = expField(a);
  const eb = expField(b);
  if (ep < 110 || ep > 1990 || ea < 60 || ea > 1990 || eb < 60 || eb > 1990) return fmaF64Exact(a, b, c);
  // TwoProduct (Veltkamp split): p + pe === a*b exactly.
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  // s + sl === p + c
  const s = p + c;
  let z = s - p;
  const sl = p - (s - z) + (c - z);
  // v + w === sl + pe
  const v = sl + pe;
  z = v - sl;
  const w = sl - (v - z) + (pe - z);
  // r + rr === s + v; total = r + rr + w
  const r = s + v;
  z = r - s;
  const rr = s - (r - z) + (v - z);
  const q = rr + w;
  if (q === 0) {
    if (rr === 0 && w === 0) return r;
    return fmaF64Exact(a, b, c);
  }
  if (r === 0) return fmaF64Exact(a, b, c);
  const er = expField(r);
  if (er <= 54 || er >= 2046) return fmaF64Exact(a, b, c);
  // Gap from |r| to its neighbour on q's side; it halves below a power of two.
  let gapExp = er - 1075;
  F64[0] = r;
  const mantZero = (U32_OF_F64[HI] & 0xfffff) === 0 && U32_OF_F64[1 - HI] === 0;
  if (mantZero && (q > 0) !== (r > 0)) gapExp -= 1;
  const halfGap = pow2(gapExp - 1);
  // q = RN(rr + w) is monotone in the exact rest, and halfGap is a double: |q| < halfGap
  // implies the exact rest is below half the gap, so r is the nearest double.
  if (Math.abs(q) < halfGap) return r;
  return fmaF64Exact(a, b, c);
}
