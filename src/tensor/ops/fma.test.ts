// fma32 / fma64 on cases where a separate multiply and add round differently from the fused
// operation (the expected values follow from the arithmetic, worked out in the comments).

import { describe, expect, it } from 'vitest';
import { fma32, fma64 } from './fma';

describe('fma32', () => {
  // a = b = 1 + 2^-12: a·b = 1 + 2^-11 + 2^-24, exactly the midpoint between the floats 1 + 2^-11
  // and 1 + 2^-11 + 2^-23. A tiny c decides the direction; the double sum loses it.
  const a = 1 + 2 ** -12;
  it('rounds the exact sum once, past a double-rounding tie', () => {
    expect(fma32(a, a, 2 ** -60)).toBe(1 + 2 ** -11 + 2 ** -23);
    expect(fma32(a, a, -(2 ** -60))).toBe(1 + 2 ** -11);
    expect(Math.fround(a * a + 2 ** -60)).toBe(1 + 2 ** -11); // what a double sum then rounding gives
  });
  it('is exact where the result is representable', () => {
    expect(fma32(3, 0.5, -1)).toBe(0.5);
    expect(fma32(Math.fround(0.1), 10, -1)).toBe(Math.fround(Math.fround(0.1) * 10 - 1));
    expect(fma32(Infinity, 1, 1)).toBe(Infinity);
    expect(fma32(NaN, 1, 1)).toBeNaN();
  });
});

describe('fma64', () => {
  it('keeps the product bits a double multiply drops', () => {
    // (1 + 2^-30)² - 1 = 2^-29 + 2^-60 exactly; a·b in double drops the 2^-60
    const a = 1 + 2 ** -30;
    expect(fma64(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(a * a - 1).toBe(2 ** -29);
  });
});
