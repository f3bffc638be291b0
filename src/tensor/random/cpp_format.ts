// C++ `std::ostream << double` formatting (the default `%g`-style with 6 significant digits),
// which PyTorch's TORCH_CHECK messages use when they print a bound or a probability, e.g.
// "bernoulli_ expects p to be in [0, 1], but got p=1.5" or "... found to=3e+38 ...".

/** Format a double as C++ iostreams do by default (precision 6, %g rules). */
export function cppDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // %g picks exponent form from the exponent of the value *after* rounding to 6 digits.
  const [mant, e] = x.toExponential(5).split('e');
  const e10 = Number(e);
  if (e10 < -4 || e10 >= 6) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const sign = e10 < 0 ? '-' : '+';
    return `${m}e${sign}${String(Math.abs(e10)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - e10));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
