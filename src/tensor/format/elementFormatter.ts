// The one formatter a printed tensor shares (torch._tensor_str._Formatter): from the values the
// output will show it picks int / fixed / scientific mode and a common width, then turns each
// element into right-aligned text. Quirks kept on purpose, because PyTorch prints them: only
// nonzero finite values are measured (zeros, nan, inf may be wider than the width), a forced
// sci_mode keeps the width of the mode that was chosen, and tensors with nothing to measure stay in
// int mode whatever sci_mode says.

import { formatExp, formatFixed } from '../../python/numfmt';
import type { PrintOptions } from './options';

export type Element = number | bigint | boolean;

export class ElementFormatter {
  private intMode = true;
  private sciMode = false;
  /** the common width: 1, or the longest measured string */
  readonly width: number;

  constructor(
    values: Iterable<Element>,
    private readonly floating: boolean,
    private readonly precision: number,
    sciOption: PrintOptions['sci_mode'],
  ) {
    let width = 1;
    if (!floating) {
      for (const v of values) width = Math.max(width, plainText(v).length);
      this.width = width;
      return;
    }
    const nz: number[] = [];
    for (const v of values) {
      const x = v as number;
      if (Number.isFinite(x) && x !== 0) nz.push(x);
    }
    if (nz.length === 0) {
      // nothing to measure: int mode, width 1, sci_mode option not applied
      this.width = width;
      return;
    }
    let mn = Infinity;
    let mx = 0;
    for (const x of nz) {
      const a = Math.abs(x);
      if (a < mn) mn = a;
      if (a > mx) mx = a;
      if (x !== Math.ceil(x)) this.intMode = false;
    }
    const p = precision;
    if (this.intMode) {
      if (mx / mn > 1000 || mx > 1e8) {
        this.sciMode = true;
        for (const x of nz) width = Math.max(width, formatExp(x, p).length);
      } else {
        // integer digits plus the trailing '.'
        for (const x of nz) width = Math.max(width, formatFixed(x, 0).length + 1);
      }
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      this.sciMode = true;
      for (const x of nz) width = Math.max(width, formatExp(x, p).length);
    } else {
      for (const x of nz) width = Math.max(width, formatFixed(x, p).length);
    }
    this.width = width;
    if (sciOption !== null) this.sciMode = sciOption; // overrides the mode, not the width
  }

  format(v: Element): string {
    let s: string;
    if (!this.floating) s = plainText(v);
    else {
      const x = v as number;
      if (this.sciMode) s = formatExp(x, this.precision);
      else if (this.intMode) s = Number.isFinite(x) ? formatFixed(x, 0) + '.' : formatFixed(x, 0);
      else s = formatFixed(x, this.precision);
    }
    return s.length >= this.width ? s : ' '.repeat(this.width - s.length) + s;
  }
}

/** Integer and bool elements print as Python's str() of the item. */
function plainText(v: Element): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v.toString();
}
