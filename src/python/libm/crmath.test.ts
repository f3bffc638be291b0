// libm's crPow / crCos (formerly optim/crmath.ts) against correctly rounded ground truth
// (fixtures/crmath.oracle.py: mpmath at 250 bits in the oracle's Python, rounded once): every pow
// and cos must be exactly the correctly rounded double.
// The same fixture records glibc's results; the test also checks that V8's Math.pow / Math.cos are
// not already good enough (if they were, crmath would be dead weight).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crCos, crPow } from '.';

const out: string = JSON.parse(readFileSync(new URL('./fixtures/crmath.oracle.json', import.meta.url), 'utf8')).stdout;
const line = (tag: string): number[][] => JSON.parse(out.split('\n').find((l) => l.startsWith(`${tag} `))!.slice(tag.length + 1));

describe('correctly rounded pow / cos', () => {
  it('pow matches the correctly rounded value on every case', () => {
    const rows = line('pow');
    expect(rows.length).toBeGreaterThan(600);
    const bad = rows.filter(([b, y, cr]) => crPow(b, y) !== cr);
    expect(bad).toEqual([]);
    expect(rows.filter(([b, y, cr]) => Math.pow(b, y) !== cr).length).toBeGreaterThan(0);
  });
  it('cos matches the correctly rounded value on every case', () => {
    const rows = line('cos');
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.filter(([x, cr]) => crCos(x) !== cr)).toEqual([]);
    expect(rows.filter(([x, cr]) => Math.cos(x) !== cr).length).toBeGreaterThan(0);
  });
});
