// suggestName against CPython 3.13's own matcher: fixtures/suggest_oracle.py feeds hand-picked and
// seeded-random (candidates, name) pairs to the oracle's `_suggestions` module and prints what it
// answered; every pair must come out the same here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATE_ITEMS, editDistance, suggestName } from './suggest';

type Candidates = string[] | { fill: number; last: string };
type OracleCase = [Candidates, string, string | null];

const dump = JSON.parse(readFileSync(new URL('./fixtures/suggest_oracle.json', import.meta.url), 'utf8')) as { stdout: string; error: unknown };
const cases = JSON.parse(dump.stdout) as OracleCase[];

/** The candidate list a case stands for (long filler lists are written compactly). */
function expand(c: Candidates): string[] {
  if (Array.isArray(c)) return c;
  const out: string[] = [];
  for (let i = 0; i < c.fill - 1; i++) out.push(`zz${String(i).padStart(4, '0')}`);
  out.push(c.last);
  return out;
}

describe('suggestName vs CPython 3.13 (_suggestions)', () => {
  it('the fixture ran cleanly and covers both outcomes', () => {
    expect(dump.error).toBeNull();
    expect(cases.length).toBeGreaterThan(800);
    expect(cases.some((c) => c[2] === null)).toBe(true);
    expect(cases.some((c) => c[2] !== null)).toBe(true);
  });

  it('agrees on every oracle case', () => {
    const wrong: string[] = [];
    for (const [cands, name, expected] of cases) {
      const got = suggestName(expand(cands), name);
      if (got !== expected) wrong.push(`${JSON.stringify(name)} in ${JSON.stringify(cands).slice(0, 120)}: got ${got}, CPython ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives up at the candidate cap whatever the candidates', () => {
    const names = Array.from({ length: MAX_CANDIDATE_ITEMS - 1 }, (_, i) => `n${i}`);
    expect(suggestName([...names, 'value'], 'valeu')).toBeNull();
    expect(suggestName([...names.slice(1), 'value'], 'valeu')).toBe('value');
  });

  it('accepts any iterable of candidates', () => {
    expect(suggestName(new Set(['weight', 'bias']), 'wieght')).toBe('weight');
  });
});

describe('editDistance (properties; the values themselves are checked through suggestName above)', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const words = ['weight', 'Weight', 'wieght', 'bias', 'b', '', 'batch_size', 'batchsize', 'größe', 'grösse'];
  it('is zero exactly for equal names, and symmetric', () => {
    for (const a of words) {
      for (const b of words) {
        const d = editDistance(enc(a), enc(b), 1000);
        expect(d === 0).toBe(a === b);
        expect(editDistance(enc(b), enc(a), 1000)).toBe(d);
      }
    }
  });
  it('charges a case flip of an ASCII letter less than any other replacement', () => {
    expect(editDistance(enc('lr'), enc('LR'), 1000)).toBeLessThan(editDistance(enc('lr'), enc('la'), 1000) * 2);
    expect(editDistance(enc('x'), enc('X'), 1000)).toBeLessThan(editDistance(enc('x'), enc('y'), 1000));
    expect(editDistance(enc('@'), enc('`'), 1000)).toBe(editDistance(enc('x'), enc('y'), 1000)); // same low bits, not letters
  });
  it('reports anything over the limit as limit + 1', () => {
    const full = editDistance(enc('abcdef'), enc('uvwxyz'), 1000);
    expect(editDistance(enc('abcdef'), enc('uvwxyz'), full - 1)).toBe(full);
    expect(editDistance(enc('abcdef'), enc('uvwxyz'), 3)).toBe(4);
  });
});
