// The first phase (fastpath.ts) must never return a value the double-double phase would not: when
// its error bound says the rounding is certain, it has to be right. Checked on ~100k arguments per
// function where the bounds are tightest (wide exponent ranges, x near 1, large integer powers).

import { describe, expect, it } from 'vitest';
import { ldexpRound, mulD } from './dd';
import { expCore, logDD } from './explog';
import { fastExp, fastLog, fastPow } from './fastpath';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const N = 100_000;

describe('fast phase agrees with the double-double phase', () => {
  it('exp', () => {
    const rnd = lcg(1);
    let bad = 0, decided = 0;
    for (let i = 0; i < N; i++) {
      const x = (rnd() - 0.5) * (i % 3 === 0 ? 1400 : i % 3 === 1 ? 10 : 1e-3 * rnd());
      const q = fastExp(x, 0, 0);
      if (q === undefined) continue;
      decided++;
      const [h, l, m] = expCore(x, 0);
      if (q !== ldexpRound(h, l, m)) bad++;
    }
    expect(bad).toBe(0);
    expect(decided).toBeGreaterThan(0.8 * N);
  });
  it('log', () => {
    const rnd = lcg(2);
    let bad = 0, decided = 0;
    for (let i = 0; i < N; i++) {
      const x = i % 3 === 0 ? 2 ** ((rnd() - 0.5) * 2000) : i % 3 === 1 ? 0.5 + rnd() * 1.5 : 1 + (rnd() - 0.5) * 2 ** -(rnd() * 40);
      const q = fastLog(x);
      if (q === undefined) continue;
      decided++;
      const v = logDD(x);
      if (q !== v[0] + v[1]) bad++;
    }
    expect(bad).toBe(0);
    expect(decided).toBeGreaterThan(0.99 * N);
  });
  it('pow', () => {
    const rnd = lcg(3);
    let bad = 0, decided = 0;
    for (let i = 0; i < N; i++) {
      const x = i % 2 ? rnd() * 3 : 0.9 + rnd() * 0.1;
      const y = i % 4 < 2 ? Math.floor(rnd() * 2000) : (rnd() - 0.5) * 60;
      const q = fastPow(x, y);
      if (q === undefined) continue;
      decided++;
      const P = mulD(logDD(x), y);
      const [h, l, m] = expCore(P[0], P[1]);
      if (q !== ldexpRound(h, l, m)) bad++;
    }
    expect(bad).toBe(0);
    expect(decided).toBeGreaterThan(0.8 * N);
  });
});

describe('fast log2', () => {
  it('agrees with the double-double phase, and is exact on powers of two', async () => {
    const { fastLog2 } = await import('./fastpath');
    const { crLog2, log2Accurate } = await import('./explog');
    const rnd = lcg(4);
    let bad = 0, decided = 0;
    for (let i = 0; i < N; i++) {
      const x = i % 2 ? 2 ** ((rnd() - 0.5) * 2000) : 0.5 + rnd() * 1.5;
      const q = fastLog2(x);
      if (q === undefined) continue;
      decided++;
      if (q !== log2Accurate(x)) bad++;
    }
    expect(bad).toBe(0);
    expect(decided).toBeGreaterThan(0.99 * N);
    for (let k = -1074; k <= 1023; k += 7) expect(crLog2(2 ** k)).toBe(k);
  });
});

describe('fast sin / cos', () => {
  it('agree with the double-double series on reduced arguments', async () => {
    const { fastSinCos } = await import('./fasttrig');
    const { reduce, sinDD, cosDD } = await import('./trig');
    const rnd = lcg(5);
    let bad = 0, decided = 0;
    for (let i = 0; i < N; i++) {
      const x = i % 3 === 0 ? (rnd() - 0.5) * 20 : i % 3 === 1 ? (rnd() - 0.5) * 2 ** (rnd() * 40 - 20) : (rnd() - 0.5) * 1.6;
      const [, r] = reduce(x);
      if (Math.abs(r[0]) < 2 ** -30) continue;
      for (const cos of [false, true]) {
        const q = fastSinCos(r, cos);
        if (q === undefined) continue;
        decided++;
        const v = cos ? cosDD(r) : sinDD(r);
        if (q !== v[0] + v[1]) bad++;
      }
    }
    expect(bad).toBe(0);
    expect(decided).toBeGreaterThan(1.9 * N * 0.95);
  });
});
