// Parsing of the format-spec mini-language,
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
// a port of CPython 3.13's parse_internal_render_format_spec (Python/formatter_unicode.c),
// including its error texts and its order of checks. The result feeds the per-type renderers in
// render.ts. Specs are walked by code point because Python counts code points (a fill character
// may be outside the BMP).

import { PyError } from '../../errors';

/** Which digit grouping was asked for; 'under4' is '_' on b/o/x/X (groups of four). */
export type Grouping = 'none' | ',' | '_' | 'under4';

export interface ParsedSpec {
  fill: string;
  align: '<' | '>' | '=' | '^';
  sign: '' | '+' | '-' | ' ';
  noNeg0: boolean;
  alternate: boolean;
  /** -1 when not given */
  width: number;
  grouping: Grouping;
  /** -1 when not given */
  precision: number;
  /** one code point, or '' for none (floats); ints default to 'd', strs to 's' */
  type: string;
}

const isAlign = (c: string | undefined): c is ParsedSpec['align'] => c === '<' || c === '>' || c === '=' || c === '^';
const isSign = (c: string | undefined): c is '+' | '-' | ' ' => c === '+' || c === '-' || c === ' ';

/** Types that accept ',' or '_' (PEP 378). */
const GROUPABLE = new Set(['d', 'e', 'f', 'g', 'E', 'G', '%', 'F', '']);

const SSIZE_MAX = (1n << 63n) - 1n;

/** `Cannot specify ',' with 'x'.`: the type shown as a char when printable ASCII, else \x.. */
export function showCode(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp > 32 && cp < 128 ? c : '\\x' + cp.toString(16);
}

const ND = /^\p{Nd}$/u;

/** Py_UNICODE_TODECIMAL: 0-9 for any Unicode decimal digit ('٣' is 3), else -1. Every Nd block is
 * made of whole 0..9 runs, so the value is the distance from the start of the run, mod 10. */
function decimalValue(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128 || !ND.test(c)) return -1;
  let start = cp;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Reads a run of decimal digits at `pos`; returns [value, digitsConsumed]. */
function readInteger(cps: string[], pos: number): [number, number] {
  let acc = 0n;
  let n = 0;
  while (pos + n < cps.length) {
    const d = decimalValue(cps[pos + n]);
    if (d < 0) break;
    const dv = BigInt(d);
    if (acc > (SSIZE_MAX - dv) / 10n) throw new PyError('ValueError', 'Too many decimal digits in format string');
    acc = acc * 10n + dv;
    n++;
  }
  return [Number(acc), n];
}

/**
 * Parses `spec` for an object whose Python type is `typeName`. `defaultType` is 'd' for int, 's'
 * for str and '' for float; `defaultAlign` is '>' for numbers and '<' for str.
 */
export function parseSpec(spec: string, typeName: string, defaultType: string, defaultAlign: '<' | '>'): ParsedSpec {
  const cps = Array.from(spec);
  const end = cps.length;
  let pos = 0;
  const f: ParsedSpec = {
    fill: ' ',
    align: defaultAlign,
    sign: '',
    noNeg0: false,
    alternate: false,
    width: -1,
    grouping: 'none',
    precision: -1,
    type: defaultType,
  };
  let alignGiven = false;
  let fillGiven = false;

  if (end - pos >= 2 && isAlign(cps[pos + 1])) {
    f.align = cps[pos + 1] as ParsedSpec['align'];
    f.fill = cps[pos];
    fillGiven = alignGiven = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlign(cps[pos])) {
    f.align = cps[pos] as ParsedSpec['align'];
    alignGiven = true;
    pos++;
  }
  if (end - pos >= 1 && isSign(cps[pos])) f.sign = cps[pos++] as ParsedSpec['sign'];
  if (end - pos >= 1 && cps[pos] === 'z') {
    f.noNeg0 = true;
    pos++;
  }
  if (end - pos >= 1 && cps[pos] === '#') {
    f.alternate = true;
    pos++;
  }
  // '0' before the width: zero fill; numbers then pad between sign and digits
  if (!fillGiven && end - pos >= 1 && cps[pos] === '0') {
    f.fill = '0';
    if (!alignGiven && defaultAlign === '>') f.align = '=';
    pos++;
  }
  const [width, wn] = readInteger(cps, pos);
  pos += wn;
  if (wn > 0) f.width = width;

  if (end - pos > 0 && cps[pos] === ',') {
    f.grouping = ',';
    pos++;
  }
  if (end - pos > 0 && cps[pos] === '_') {
    if (f.grouping !== 'none') throw new PyError('ValueError', "Cannot specify both ',' and '_'.");
    f.grouping = '_';
    pos++;
  }
  if (end - pos > 0 && cps[pos] === ',' && f.grouping === '_') {
    throw new PyError('ValueError', "Cannot specify both ',' and '_'.");
  }
  if (end - pos > 0 && cps[pos] === '.') {
    pos++;
    const [prec, pn] = readInteger(cps, pos);
    pos += pn;
    if (pn === 0) throw new PyError('ValueError', 'Format specifier missing precision');
    f.precision = prec;
  }
  if (end - pos > 1) {
    throw new PyError('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  if (end - pos === 1) f.type = cps[pos++];

  if (f.grouping !== 'none') {
    const t = f.type;
    if (f.grouping === '_' && (t === 'b' || t === 'o' || t === 'x' || t === 'X')) {
      f.grouping = 'under4'; // PEP 515: every four digits in bin/oct/hex
    } else if (!GROUPABLE.has(t)) {
      throw new PyError('ValueError', `Cannot specify '${f.grouping}' with '${showCode(t)}'.`);
    }
  }
  return f;
}

/** unknown_presentation_type's message. */
export function unknownCode(type: string, typeName: string): PyError {
  return new PyError('ValueError', `Unknown format code '${showCode(type)}' for object of type '${typeName}'`);
}
