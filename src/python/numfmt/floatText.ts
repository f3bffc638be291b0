// Second step of float formatting: lays dtoa digits out as text, a port of CPython's
// `PyOS_double_to_string` / `format_float_short` (Python/pystrtod.c). Everything that prints a
// Python float goes through here: repr/str, the 'e' 'f' 'g' (and upper-case) presentations of the
// format mini-language, and the tensor printer's '{:.pf}' / '{:.pe}'. The format-spec layer adds
// sign/width/grouping on top of this text.

import { fixedDigits, shortestDigits, significantDigits, type DtoaDigits } from './digits';

export interface FloatTextFlags {
  /** Py_DTSF_SIGN: '+' before non-negative values. */
  alwaysSign?: boolean;
  /** Py_DTSF_ADD_DOT_0: integers keep a '.0' (repr, and format() with no type). */
  addDot0?: boolean;
  /** Py_DTSF_ALT: the '#' alternate form (keep the point, keep 'g' trailing zeros). */
  alt?: boolean;
  /** Py_DTSF_NO_NEG_0: the 'z' option, a result that shows as zero loses its minus sign. */
  noNeg0?: boolean;
}

/** Presentation codes accepted by PyOS_double_to_string ('r' = repr, precision must be 0). */
export type FloatCode = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'r';

/** PyOS_double_to_string(val, code, precision, flags). */
export function doubleToString(x: number, code: FloatCode, precision: number, flags: FloatTextFlags = {}): string {
  const upper = code === 'E' || code === 'F' || code === 'G';
  const lower = code.toLowerCase() as 'e' | 'f' | 'g' | 'r';
  if (Number.isNaN(x)) return (flags.alwaysSign ? '+' : '') + (upper ? 'NAN' : 'nan'); // a nan's sign is never shown
  if (!Number.isFinite(x)) return (x < 0 ? '-' : flags.alwaysSign ? '+' : '') + (upper ? 'INF' : 'inf');
  let d: DtoaDigits;
  let prec = precision;
  switch (lower) {
    case 'e':
      prec++; // dtoa counts the digit before the point too
      d = significantDigits(x, prec);
      break;
    case 'f':
      d = fixedDigits(x, prec);
      break;
    case 'g':
      if (prec === 0) prec = 1; // precision 0 makes no sense for 'g'; CPython reads it as 1
      d = significantDigits(x, prec);
      break;
    case 'r':
      d = shortestDigits(x);
      break;
  }
  return layout(d, lower, prec, flags, upper ? 'E' : 'e');
}

/** format_float_short's layout: a window [vStart, vEnd) over the digits padded with zeros on both
 * sides, with the decimal point at decpt. */
function layout(d: DtoaDigits, code: 'e' | 'f' | 'g' | 'r', precision: number, flags: FloatTextFlags, eChar: string): string {
  const { digits } = d;
  let { decpt, negative } = d;
  const nDigits = digits.length;
  if (flags.noNeg0 && negative && (nDigits === 0 || digits === '0')) negative = false;

  let useExp = false;
  let vEnd = nDigits;
  switch (code) {
    case 'e':
      useExp = true;
      vEnd = precision;
      break;
    case 'f':
      vEnd = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (flags.addDot0 ? precision - 1 : precision)) useExp = true;
      if (flags.alt) vEnd = precision;
      break;
    case 'r':
      // repr switches to exponent form at 1e16
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && flags.addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = negative ? '-' : flags.alwaysSign ? '+' : '';
  // zeros left of the digits (exactly one of the three parts below holds the point)
  if (decpt <= 0) out += '0'.repeat(decpt - vStart) + '.' + '0'.repeat(-decpt);
  else out += '0'.repeat(-vStart);
  // the digits, maybe with the point inside
  if (decpt > 0 && decpt <= nDigits) out += digits.slice(0, decpt) + '.' + digits.slice(decpt);
  else out += digits;
  // zeros right of the digits
  if (nDigits < decpt) out += '0'.repeat(decpt - nDigits) + '.' + '0'.repeat(vEnd - decpt);
  else out += '0'.repeat(vEnd - nDigits);
  if (out.endsWith('.') && !flags.alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += eChar + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
  }
  return out;
}

/** repr(x) == str(x) for a Python float: `0.1`, `1e-05`, `1e+16`, `3.0`, `-0.0`, `inf`, `nan`. */
export function pyFloatRepr(x: number): string {
  return doubleToString(x, 'r', 0, { addDot0: true });
}

/** str(float) is repr(float) in Python 3. */
export const pyFloatStr = pyFloatRepr;

/** '{:.<p>f}'.format(x): exact value rounded half-to-even at p decimals; p = 0 gives no point. */
export function formatFixed(x: number, p: number): string {
  return doubleToString(x, 'f', p);
}

/** '{:.<p>e}'.format(x): d.ddd...e±XX with at least two exponent digits. */
export function formatExp(x: number, p: number): string {
  return doubleToString(x, 'e', p);
}

/** '{:.<p>g}'.format(x): p significant digits, trailing zeros removed, exponent form when the
 * exponent is < -4 or >= p. */
export function formatG(x: number, p: number): string {
  return doubleToString(x, 'g', p);
}
