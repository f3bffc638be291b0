// Checks the numfmt pipeline against CPython 3.13: every case in fixtures/numfmt_cases.json was
// produced by real format()/repr() in the oracle (see fixtures/gen_numfmt.py); results and error
// texts must match exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyError } from '../../errors';
import { formatExp, formatFixed, formatG, formatSpec, pyFloatRepr, type FormatValue } from './index';

type Case = [kind: 'float' | 'int' | 'bool' | 'str', value: string | boolean, spec: string, out: string | null, errType?: string, errMsg?: string];
interface Fixture {
  python: string;
  repr: string[];
  cases: Case[];
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/numfmt_cases.json', import.meta.url), 'utf8')) as Fixture;

/** float(r) for a Python float repr */
function parseFloatRepr(r: string): number {
  if (r === 'nan') return NaN;
  if (r === 'inf') return Infinity;
  if (r === '-inf') return -Infinity;
  return Number(r);
}

function toValue(c: Case): FormatValue {
  switch (c[0]) {
    case 'float':
      return { kind: 'float', v: parseFloatRepr(c[1] as string) };
    case 'int': {
      const b = BigInt(c[1] as string);
      // small ints go in as JS numbers, like the interpreter will pass them
      return { kind: 'int', v: b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : b };
    }
    case 'bool':
      return { kind: 'bool', v: c[1] as boolean };
    case 'str':
      return { kind: 'str', v: c[1] as string };
  }
}

function run(c: Case): string {
  try {
    return 'ok:' + formatSpec(toValue(c), c[2]);
  } catch (e) {
    if (e instanceof PyError) return `err:${e.pyType}: ${e.message}`;
    throw e;
  }
}
const want = (c: Case): string => (c[3] !== null ? 'ok:' + c[3] : `err:${c[4]}: ${c[5]}`);

describe('numfmt vs CPython ' + fx.python, () => {
  it('repr(float) of doubles, powers of two and specials', () => {
    const bad = fx.repr.filter((r) => pyFloatRepr(parseFloatRepr(r)) !== r);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(fx.repr.length).toBeGreaterThan(5000);
  });

  for (const kind of ['float', 'int', 'bool', 'str'] as const) {
    it(`format(${kind}, spec): results and error texts`, () => {
      const cases = fx.cases.filter((c) => c[0] === kind);
      const bad = cases
        .map((c) => ({ value: c[1], spec: c[2], got: run(c), want: want(c) }))
        .filter((r) => r.got !== r.want);
      expect(bad.slice(0, 10)).toEqual([]);
      expect(cases.length).toBeGreaterThan(100);
    });
  }

  it('formatFixed / formatExp / formatG agree with the .pf / .pe / .pg specs', () => {
    let n = 0;
    for (const c of fx.cases) {
      const m = c[0] === 'float' && c[3] !== null ? /^\.(\d+)([feg])$/.exec(c[2]) : null;
      if (!m) continue;
      const x = parseFloatRepr(c[1] as string);
      const p = Number(m[1]);
      const got = m[2] === 'f' ? formatFixed(x, p) : m[2] === 'e' ? formatExp(x, p) : formatG(x, p);
      expect(got, `${c[1]} ${c[2]}`).toBe(c[3]);
      n++;
    }
    expect(n).toBeGreaterThan(5000);
  });
});
