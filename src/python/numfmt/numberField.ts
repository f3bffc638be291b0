// Last step of formatting a number with a spec: padding, sign, prefix, digit grouping and zero
// fill, a port of CPython's calc_number_widths + fill_number + _PyUnicode_InsertThousandsGrouping.
// The renderers in formatSpec.ts split their text into sign / prefix / integer digits / decimal
// point / remainder and hand the pieces here. Zero fill ('0' with '=') is done by the grouping
// routine itself, which is why `format(1234, '08,')` is '0,001,234' (one char wider than asked).

import type { ParsedSpec } from './spec';

/** The grouping a renderer uses: group size (repeated) and separator; null = no grouping. The
 * interpreter runs under the C locale, so type 'n' never groups. */
export interface GroupingRule {
  size: number;
  sep: string;
}

export function groupingFor(spec: ParsedSpec): GroupingRule | null {
  if (spec.type === 'n') return null; // LC_NUMERIC "C": no thousands separator
  switch (spec.grouping) {
    case ',':
      return { size: 3, sep: ',' };
    case '_':
      return { size: 3, sep: '_' };
    case 'under4':
      return { size: 4, sep: '_' };
    case 'none':
      return null;
  }
}

/** Groups `digits` from the right, padding with '0' (separators included) up to `minWidth`. */
function groupDigits(digits: string, minWidth: number, rule: GroupingRule | null): string {
  let mw = Math.max(0, minWidth);
  let remaining = digits.length;
  let pos = digits.length;
  const sepLen = rule ? rule.sep.length : 0;
  const parts: string[] = []; // collected right to left
  let useSep = false;
  const take = (len: number): void => {
    const zeros = Math.max(0, len - remaining);
    const chars = Math.max(0, Math.min(remaining, len));
    parts.push('0'.repeat(zeros) + digits.slice(pos - chars, pos) + (useSep && rule ? rule.sep : ''));
    pos -= chars;
    remaining -= chars;
  };
  if (rule) {
    for (;;) {
      const len = Math.min(rule.size, Math.max(remaining, mw, 1));
      take(len);
      useSep = true;
      mw -= len;
      if (remaining <= 0 && mw <= 0) return parts.reverse().join('');
      mw -= sepLen;
    }
  }
  take(Math.max(remaining, mw, 1));
  return parts.reverse().join('');
}

/** The pieces of a formatted number (everything is ASCII except possibly `remainder` for 'c'). */
export interface NumberPieces {
  /** '-' when the value is negative, else '' (the spec's sign option decides the rest) */
  signChar: '' | '-';
  /** '0x' etc. when '#' asked for one */
  prefix: string;
  /** the integer digits that grouping and zero fill apply to (may be empty: inf, nan, 'c') */
  digits: string;
  hasDecimal: boolean;
  /** what follows the decimal point (fraction, exponent, '%'), or all of 'inf' / the 'c' char */
  remainder: string;
}

const cpLen = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export function fillNumber(p: NumberPieces, spec: ParsedSpec, rule: GroupingRule | null): string {
  let sign = '';
  if (spec.sign === '+') sign = p.signChar === '-' ? '-' : '+';
  else if (spec.sign === ' ') sign = p.signChar === '-' ? '-' : ' ';
  else sign = p.signChar;
  const nonDigit = sign.length + p.prefix.length + (p.hasDecimal ? 1 : 0) + cpLen(p.remainder);
  const minWidth = spec.fill === '0' && spec.align === '=' ? spec.width - nonDigit : 0;
  const grouped = p.digits.length === 0 ? '' : groupDigits(p.digits, minWidth, rule);
  const padding = spec.width - (nonDigit + grouped.length);
  let lpad = 0;
  let spad = 0;
  let rpad = 0;
  if (padding > 0) {
    switch (spec.align) {
      case '<':
        rpad = padding;
        break;
      case '^':
        lpad = Math.floor(padding / 2);
        rpad = padding - lpad;
        break;
      case '=':
        spad = padding;
        break;
      case '>':
        lpad = padding;
        break;
    }
  }
  const fill = spec.fill;
  return (
    fill.repeat(lpad) +
    sign +
    p.prefix +
    fill.repeat(spad) +
    grouped +
    (p.hasDecimal ? '.' : '') +
    p.remainder +
    fill.repeat(rpad)
  );
}
