// fmaF32 / fmaF64 against exactly rounded results computed outside JS (fixtures/fma_cases.json:
// CPython 3.13's math.fma for doubles, exact rationals rounded by hand for float32), including
// cancellations, half-ulp traps, float32 midpoints, subnormal results and huge operands.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fmaF32, fmaF64 } from './fma';

const cases = JSON.parse(readFileSync(new URL('./fixtures/fma_cases.json', import.meta.url), 'utf8')) as {
  fma32: [string, string, string, string][];
  fma64: [string, string, string, string][];
};

/** Parse Python's float.hex() ("-0x1.8p-3", "0x0.0p+0", "inf") exactly. */
function fromHex(s: string): number {
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  if (s === 'nan') return NaN;
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(s);
  if (!m) throw new Error(s);
  const frac = m[3];
  // Two steps keep subnormal results exact (the mantissa alone is < 2^53).
  const mant = Number.parseInt(m[2] + frac, 16);
  const e = Number(m[4]) - 4 * frac.length;
  const v = e < -1000 ? mant * 2 ** (e + 200) * 2 ** -200 : mant * 2 ** e;
  return m[1] ? -v : v;
}

describe('fmaF32', () => {
  it(`matches exact rounding on ${cases.fma32.length} cases`, () => {
    const bad: string[] = [];
    for (const [a, b, c, r] of cases.fma32) {
      const got = fmaF32(fromHex(a), fromHex(b), fromHex(c));
      if (!Object.is(got, fromHex(r))) bad.push(`fma32(${a}, ${b}, ${c}) = ${got}, want ${r}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
  it('differs from the unfused float32 result where torch relies on fusion', () => {
    // Among the uniform_-like cases, some must need the single rounding (else the test is moot).
    let differ = 0;
    for (const [a, b, c, r] of cases.fma32) {
      const x = fromHex(a);
      const y = fromHex(b);
      const z = fromHex(c);
      if (Math.fround(Math.fround(x * y) + z) !== fromHex(r)) differ++;
    }
    expect(differ).toBeGreaterThan(100);
  });
});

describe('fmaF64', () => {
  it(`matches math.fma on ${cases.fma64.length} cases`, () => {
    const bad: string[] = [];
    for (const [a, b, c, r] of cases.fma64) {
      const got = fmaF64(fromHex(a), fromHex(b), fromHex(c));
      if (!Object.is(got, fromHex(r))) bad.push(`fma64(${a}, ${b}, ${c}) = ${got}, want ${r}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
