// Generator mechanics that the torch fixtures exercise only indirectly: cloning, state-byte
// round trips with a pending normal value, the BigInt-free 64-bit modulo, offsets given as an
// iterable, and the C++ number formatting used in messages. Expected values here are derived
// from the library's own other paths (or BigInt arithmetic), never typed in by hand.

import { describe, expect, it } from 'vitest';
import { cppDouble } from './cpp_format';
import { defaultGenerator, Generator, normal_, randn, uniform_ } from './index';
import { roundBF16, roundF16 } from './narrow_float';

describe('Generator', () => {
  it('clone() continues the same stream independently', () => {
    const g = new Generator(99);
    randn(g, 3); // leaves a cached normal
    const c = g.clone();
    expect(Array.from(randn(c, 5))).toEqual(Array.from(randn(g, 5)));
    c.random();
    expect(c.getState()).not.toEqual(g.getState());
  });
  it('getState/setState round-trips, including the normal cache', () => {
    const g = new Generator(5);
    randn(g, 1);
    const bytes = g.getState();
    expect(bytes.length).toBe(5056);
    const h = new Generator(0);
    h.setState(bytes);
    expect(h.normalCache).toBe(g.normalCache);
    expect(Array.from(randn(h, 7))).toEqual(Array.from(randn(g, 7)));
    expect(h.getState()).toEqual(g.getState());
  });
  it('random64Mod32 equals random64() % m computed with BigInt', () => {
    const a = new Generator(123);
    const b = new Generator(123);
    for (const m of [1, 2, 3, 1000, 2 ** 21 + 7, 2 ** 31 - 1, 2 ** 32 - 5, 2 ** 32]) {
      for (let i = 0; i < 50; i++) expect(a.random64Mod32(m)).toBe(Number(b.random64() % BigInt(m)));
    }
  });
  it('only the low 32 bits of the seed reach the stream; manual_seed clears the cache', () => {
    const a = new Generator(2n ** 40n + 9n);
    const b = new Generator(9);
    expect(a.random()).toBe(b.random());
    randn(a, 1);
    expect(a.normalCache).not.toBeNull();
    a.manualSeed(1);
    expect(a.normalCache).toBeNull();
  });
  it('the default generator is a Generator', () => {
    expect(defaultGenerator).toBeInstanceOf(Generator);
  });
});

describe('destinations', () => {
  it('offsets may be any iterable, and untouched slots stay put', () => {
    const g1 = new Generator(7);
    const g2 = new Generator(7);
    const a = new Float32Array(10).fill(-1);
    const b = new Float32Array(10).fill(-1);
    function* odd() {
      for (let i = 1; i < 10; i += 2) yield i;
    }
    uniform_(g1, 'float32', a, -2, 2, odd());
    uniform_(g2, 'float32', b, -2, 2, [1, 3, 5, 7, 9]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[0]).toBe(-1);
  });
  it('offsets force the scalar normal path even when n >= 16', () => {
    const g1 = new Generator(3);
    const g2 = new Generator(3);
    const a = new Float32Array(20);
    normal_(g1, 'float32', a, 0, 1, Array.from({ length: 20 }, (_, i) => i));
    const b = new Float32Array(20);
    for (let i = 0; i < 20; i++) normal_(g2, 'float32', b.subarray(i, i + 1)); // n = 1: scalar path
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('helpers', () => {
  it('cppDouble follows %g with precision 6', () => {
    const cases: [number, string][] = [
      [1.5, (1.5).toString()],
      [3e38, '3e+38'],
      [-1e-7, '-1e-07'],
      [0.125, '0.125'],
      [100000, '100000'],
      [1000000, '1e+06'],
      [1 / 3, '0.333333'],
    ];
    for (const [x, s] of cases) expect(cppDouble(x)).toBe(s);
  });
  it('roundF16/roundBF16 agree with exact bit-level rounding', () => {
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const g = new Generator(11);
    for (let i = 0; i < 2000; i++) {
      u32[0] = g.random() & 0x7fffffff;
      const x = f32[0];
      if (!Number.isFinite(x)) continue;
      // bfloat16 = top 16 bits of float32, rounded to nearest even on the low 16.
      const b = u32[0];
      const low = b & 0xffff;
      let hi = b >>> 16;
      if (low > 0x8000 || (low === 0x8000 && (hi & 1) === 1)) hi++;
      u32[0] = hi << 16;
      expect(roundBF16(x)).toBe(f32[0]);
    }
    expect(roundF16(65504)).toBe(65504);
    expect(roundF16(65520)).toBe(Infinity);
    expect(roundF16(2049)).toBe(2048);
    expect(roundF16(2051)).toBe(2052);
    expect(roundF16(2 ** -24)).toBe(2 ** -24);
  });
});
