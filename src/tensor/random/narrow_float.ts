// Rounding to the two narrow float formats, which the engine stores widened in Float32Array.
// The integer samplers need it when they write float16/bfloat16 tensors: torch converts the
// int64 result to float, then to the narrow type, each with round-to-nearest-even.

/** Round a float32-representable value to the nearest value with `bits` significand bits and
 * the given minimum normal exponent (ties to even); overflow gives ±Infinity. */
function roundSig(x: number, bits: number, minExp: number, max: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // log2 may round up just below a power of two
  else if (2 ** (e + 1) <= a) e++;
  e = Math.max(e, minExp);
  const q = 2 ** (e - bits + 1); // spacing of the format around a
  let m = a / q; // exact: power-of-two scaling
  const f = Math.floor(m);
  const d = m - f;
  m = d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  const r = m * q;
  const out = r > max ? Infinity : r;
  return x < 0 ? -out : out;
}

/** float32 value → float16 value (as a JS number). */
export const roundF16 = (x: number): number => roundSig(Math.fround(x), 11, -14, 65504);

/** float32 value → bfloat16 value (as a JS number). */
export const roundBF16 = (x: number): number => roundSig(Math.fround(x), 8, -126, 3.3895313892515355e38);
