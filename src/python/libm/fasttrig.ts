// The first phase of Ziv's strategy for sin and cos (libm/, see fastpath.ts for exp/log/pow): after
// trig.ts's exact reduction to r in [-pi/4, pi/4], r = a + s with a = j/128 from a table of sin a
// and cos a (double-doubles, built once with trig.ts's series) and |s| <= 1/256, then
//   sin(a + s) = sin a + cos a s + [cos a (sin s - s) + sin a (cos s - 1)]
//   cos(a + s) = cos a - sin a s + [cos a (cos s - 1) - sin a (sin s - s)]
// with the leading product and sum exact (twoProd, twoSum) and the bracket (< 2^-16) in doubles:
// ~2^-66 relative error, an explicit bound, and the rounding test; undefined sends the caller to
// the double-double series (~0.45 µs; this phase ~0.1 µs).

import { type DD, twoProd, twoSum } from './dd';
import { cosDD, sinDD } from './trig';

const SA_HI: number[] = [], SA_LO: number[] = [], CA_HI: number[] = [], CA_LO: number[] = [];
function table(): void {
  for (let j = 0; j <= 101; j++) {
    const s = sinDD([j / 128, 0]), c = cosDD([j / 128, 0]);
    SA_HI.push(s[0]);
    SA_LO.push(s[1]);
    CA_HI.push(c[0]);
    CA_LO.push(c[1]);
  }
}

/** sin r (cos = false) or cos r (cos = true) for a reduced r = rh + rl, |r| <= ~pi/4, r not tiny
 * (|r| >= 2^-30), or undefined when the rounding is not certain. */
export function fastSinCos(r: DD, cos: boolean): number | undefined {
  if (SA_HI.length === 0) table();
  const neg = r[0] < 0;
  const rh = neg ? -r[0] : r[0], rl = neg ? -r[1] : r[1];
  const j = Math.round(rh * 128);
  const sh = rh - j / 128; // exact (Sterbenz), |sh| <= 1/256
  const sl = rl;
  const zz = twoProd(sh, sh);
  const z = zz[0];
  const sinm = sh * z * (-1 / 6 + z * (1 / 120 - z / 5040)); // sin s - s
  const cosm = -0.5 * z + (-0.5 * zz[1] - sh * sl + z * z * (1 / 24 - z / 720)); // cos s - 1
  // sin: big = sin a, other = cos a; cos: big = cos a, other = -sin a
  const bh = cos ? CA_HI[j] : SA_HI[j], bl = cos ? CA_LO[j] : SA_LO[j];
  const oh = cos ? -SA_HI[j] : CA_HI[j], ol = cos ? -SA_LO[j] : CA_LO[j];
  const p = twoProd(oh, sh);
  const s1 = twoSum(bh, p[0]);
  const t1 = oh * sl, t2 = ol * sh, t3 = oh * sinm, t4 = bh * cosm;
  const tail = s1[1] + p[1] + t1 + bl + t2 + t3 + t4;
  const err = 2 ** -50 * (Math.abs(s1[1]) + Math.abs(p[1]) + Math.abs(t1) + Math.abs(bl) + Math.abs(t2) + Math.abs(t3) + Math.abs(t4)) +
    2 ** -98 * Math.abs(s1[0]);
  const v = s1[0] + tail;
  if (v !== s1[0] + (tail + err) || v !== s1[0] + (tail - err)) return undefined;
  return neg && !cos ? -v : v;
}
