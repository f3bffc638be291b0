// Fused multiply-add, a·b + c with one rounding, in float32 and float64. PyTorch's CPU kernels are
// compiled with contraction on (GCC's default -ffp-contract=fast): `x * alpha + beta` on
// Vectorized<float> becomes one vfmadd, so matching their last bits means rounding once where
// they do. JavaScript has no Math.fma; these are exact emulations in double arithmetic.

const buf = new DataView(new ArrayBuffer(8));

/** The next double after x towards +∞ (up) or -∞ (down); x finite and non-zero. */
function nextDouble(x: number, up: boolean): number {
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

/** TwoSum: s = fl(a + b) and its exact error e (a + b = s + e). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/**
 * fmaf(a, b, c) for float32 a, b, c: the product of two floats is exact in double, so the only
 * hazard is the double rounding of the sum — a double sum that lands exactly halfway between two
 * floats is nudged one double ulp towards the exact value before rounding to float.
 */
export function fma32(a: number, b: number, c: number): number {
  const [s, e] = twoSum(a * b, c);
  if (e === 0 || !Number.isFinite(s) || s === 0) return Math.fround(s);
  return Math.fround(nextDouble(s, e > 0));
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles

/** TwoProduct (Dekker): p = fl(a·b) and its exact error e (a·b = p + e), barring overflow. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ta = SPLIT * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLIT * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/** fma(a, b, c) in double: exact product and sum errors folded back in (correct barring the rare
 * double-rounding tie and overflow of the splitting). */
export function fma64(a: number, b: number, c: number): number {
  const [p, pe] = twoProduct(a, b);
  if (!Number.isFinite(p)) return p + c;
  const [s, se] = twoSum(p, c);
  return s + (pe + se);
}

/** The fma of a kernel's scalar type. */
export const fmaFor = (dtype: string): ((a: number, b: number, c: number) => number) => (dtype === 'float64' ? fma64 : fma32);
