// format(value, spec) for Python's int, bool, float and str: the top of the number-formatting
// pipeline, used by f-strings, str.format and format(). Ports CPython 3.13's
// _PyLong/_PyFloat/_PyUnicode_FormatAdvancedWriter with format_long_internal,
// format_float_internal and format_string_internal (Python/formatter_unicode.c): the per-type
// checks and their error texts, then spec.ts (parsing), floatText.ts (float text) and
// numberField.ts (padding and grouping).

import { PyError } from '../../errors';
import { doubleToString, pyFloatRepr, type FloatCode } from './floatText';
import { fillNumber, groupingFor, type NumberPieces } from './numberField';
import { parseSpec, unknownCode, type ParsedSpec } from './spec';

/** A Python value that format() knows: int (JS number holding an integer, or bigint), float, str, bool. */
export type FormatValue =
  | { kind: 'int'; v: number | bigint }
  | { kind: 'float'; v: number }
  | { kind: 'str'; v: string }
  | { kind: 'bool'; v: boolean };

const INT_MAX = 2147483647;
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;

/** format(value, spec), with CPython 3.13's results and ValueError/OverflowError texts. */
export function formatSpec(value: FormatValue, spec: string): string {
  switch (value.kind) {
    case 'str':
      return formatStrValue(value.v, spec);
    case 'float':
      if (spec === '') return pyFloatRepr(value.v);
      return formatFloatValue(value.v, parseSpec(spec, 'float', '', '>'), 'float');
    case 'bool':
      if (spec === '') return value.v ? 'True' : 'False'; // str(bool); any other spec formats it as an int
      return formatIntValue(value.v ? 1n : 0n, spec, 'bool');
    case 'int':
      return formatIntValue(toBigInt(value.v), spec, 'int');
  }
}

function toBigInt(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isInteger(v)) throw new TypeError(`formatSpec: int value ${v} is not an integer`);
  return BigInt(v);
}

function formatIntValue(v: bigint, spec: string, typeName: string): string {
  if (spec === '') return v.toString();
  const f = parseSpec(spec, typeName, 'd', '>');
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      return formatLong(v, f);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
      // PyNumber_Float: correctly rounded (Number(bigint) rounds half to even, as CPython does)
      const x = Number(v);
      if (!Number.isFinite(x)) throw new PyError('OverflowError', 'int too large to convert to float');
      return formatFloatInternal(x, f);
    }
    default:
      throw unknownCode(f.type, typeName);
  }
}

function formatLong(v: bigint, f: ParsedSpec): string {
  if (f.precision !== -1) throw new PyError('ValueError', 'Precision not allowed in integer format specifier');
  if (f.noNeg0) throw new PyError('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  let pieces: NumberPieces;
  if (f.type === 'c') {
    if (f.sign !== '') throw new PyError('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw new PyError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < LONG_MIN || v > LONG_MAX) throw new PyError('OverflowError', 'Python int too large to convert to C long');
    if (v < 0n || v > 0x10ffffn) throw new PyError('OverflowError', '%c arg not in range(0x110000)');
    // the character travels as "remainder" so that grouping/zero fill skip it
    pieces = { signChar: '', prefix: '', digits: '', hasDecimal: false, remainder: String.fromCodePoint(Number(v)) };
  } else {
    const base = f.type === 'b' ? 2 : f.type === 'o' ? 8 : f.type === 'x' || f.type === 'X' ? 16 : 10;
    const neg = v < 0n;
    let digits = (neg ? -v : v).toString(base);
    let prefix = f.alternate && base !== 10 ? '0' + f.type.toLowerCase() : '';
    if (f.type === 'X') {
      digits = digits.toUpperCase();
      prefix = prefix.toUpperCase();
    }
    pieces = { signChar: neg ? '-' : '', prefix, digits, hasDecimal: false, remainder: '' };
  }
  return fillNumber(pieces, f, groupingFor(f));
}

function formatFloatValue(x: number, f: ParsedSpec, typeName: string): string {
  switch (f.type) {
    case '':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      return formatFloatInternal(x, f);
    default:
      throw unknownCode(f.type, typeName);
  }
}

function formatFloatInternal(x: number, f: ParsedSpec): string {
  if (f.precision > INT_MAX) throw new PyError('ValueError', 'precision too big');
  let type = f.type;
  let defaultPrecision = 6;
  const flags = { alt: f.alternate, noNeg0: f.noNeg0, addDot0: false };
  if (type === '') {
    // no type: like repr without a precision, else like 'g' but keeping at least one decimal
    flags.addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let val = x;
  let addPct = false;
  if (type === '%') {
    type = 'f';
    val *= 100; // a double multiply, rounding included, as CPython does
    addPct = true;
  }
  let precision = f.precision;
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';

  let text = doubleToString(val, type as FloatCode, precision, flags);
  if (addPct) text += '%';

  let signChar: '' | '-' = '';
  if (text.startsWith('-')) {
    signChar = '-';
    text = text.slice(1);
  }
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const hasDecimal = text[i] === '.';
  const pieces: NumberPieces = {
    signChar,
    prefix: '',
    digits: text.slice(0, i),
    hasDecimal,
    remainder: text.slice(hasDecimal ? i + 1 : i),
  };
  return fillNumber(pieces, f, groupingFor(f));
}

function formatStrValue(s: string, spec: string): string {
  if (spec === '') return s;
  const f = parseSpec(spec, 'str', 's', '<');
  if (f.type !== 's') throw unknownCode(f.type, 'str');
  if (f.sign !== '') {
    throw new PyError(
      'ValueError',
      f.sign === ' ' ? 'Space not allowed in string format specifier' : 'Sign not allowed in string format specifier',
    );
  }
  if (f.noNeg0) throw new PyError('ValueError', 'Negative zero coercion (z) not allowed in string format specifier');
  if (f.alternate) throw new PyError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw new PyError('ValueError', "'=' alignment not allowed in string format specifier");
  let cps = Array.from(s);
  if (f.precision >= 0 && cps.length > f.precision) cps = cps.slice(0, f.precision);
  const len = cps.length;
  const total = f.width >= 0 && f.width > len ? f.width : len;
  const lpad = f.align === '>' ? total - len : f.align === '^' ? Math.floor((total - len) / 2) : 0;
  const rpad = total - len - lpad;
  return f.fill.repeat(lpad) + cps.join('') + f.fill.repeat(rpad);
}
