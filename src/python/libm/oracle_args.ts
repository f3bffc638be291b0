// The arguments of fixtures/libm.oracle.py, regenerated bit for bit: the same 32-bit LCG and the
// same float operations (IEEE, so Python and JavaScript agree), so the fixture stores results only.

import { pow2 } from './dd';

class Gen {
  constructor(private s: number) {}
  u32(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s;
  }
  unit(): number {
    const a = this.u32() >>> 5;
    const b = this.u32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.unit();
  }
  logu(elo: number, ehi: number, signed: boolean): number {
    const e = elo + Math.floor((ehi - elo) * this.unit());
    const m = 1 + this.unit();
    // ldexp in two steps: 2^e alone may be out of range when m 2^e is not
    const v = e < -1022 ? m * pow2(-1022) * pow2(e + 1022) : m * pow2(e);
    return signed && this.u32() & 1 ? -v : v;
  }
}

const seed = (name: string): number => [...name].reduce((s, c) => s + c.charCodeAt(0), 0) * 7919 + 1;
type Mix = [number, () => number][];

export const ONE = ['exp', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'atan', 'asin', 'acos', 'sinh', 'cosh', 'tanh'] as const;
export const TWO = ['pow', 'atan2', 'hypot'] as const;

export function args1(name: string): number[] {
  const g = new Gen(seed(name));
  const logs: Mix = [[8000, () => g.logu(-1074, 1024, false)], [8000, () => g.uniform(0.5, 2)], [4000, () => g.uniform(0, 100)]];
  const trig: Mix = [[8000, () => g.uniform(-10, 10)], [8000, () => g.logu(-30, 30, true)], [2000, () => g.logu(30, 1023, true)],
    [2000, () => (Math.PI * Math.floor(g.uniform(0, 200))) / Math.floor(g.uniform(1, 100))]];
  const asin: Mix = [[15000, () => g.uniform(-1, 1)], [5000, () => g.logu(-30, 0, true)]];
  const sinh: Mix = [[4000, () => g.uniform(-711, 711)], [8000, () => g.uniform(-5, 5)], [8000, () => g.logu(-30, 2, true)]];
  const mix: Record<string, Mix> = {
    exp: [[5000, () => g.uniform(-745.5, 710)], [10000, () => g.uniform(-5, 5)], [5000, () => g.logu(-60, 3, true)]],
    expm1: [[4000, () => g.uniform(-40, 710)], [8000, () => g.uniform(-3, 3)], [8000, () => g.logu(-60, 0, true)]],
    log1p: [[6000, () => g.uniform(-1, 5)], [8000, () => g.logu(-60, -1, true)], [6000, () => g.logu(0, 1000, false)]],
    atan: [[10000, () => g.logu(-30, 60, true)], [10000, () => g.uniform(-5, 5)]],
    tanh: [[10000, () => g.uniform(-20, 20)], [10000, () => g.logu(-30, 4, true)]],
    log: logs, log2: logs, log10: logs, sin: trig, cos: trig, tan: trig, asin, acos: asin, sinh, cosh: sinh,
  };
  const out: number[] = [];
  for (const [n, f] of mix[name]) for (let i = 0; i < n; i++) out.push(f());
  return out;
}

export function args2(name: string): [number, number][] {
  const g = new Gen(seed(name));
  const rep = (n: number, f: () => [number, number]): [number, number][] => Array.from({ length: n }, f);
  if (name === 'pow') {
    const out: [number, number][] = [];
    for (const b of [0.9, 0.999, 0.99, 0.95, 0.8, 0.5, 0.85, 0.9999, 0.98, 0.7]) for (let k = 1; k <= 500; k++) out.push([b, k]);
    for (let k = 1; k <= 1000; k++) out.push([0.96, k * 0.004]);
    out.push(...rep(4000, () => [g.uniform(0, 3), g.uniform(-30, 30)]));
    out.push(...rep(4000, () => [g.logu(-20, 20, false), g.uniform(-50, 50)]));
    out.push(...rep(4000, () => [g.uniform(0, 10), Math.floor(g.uniform(-20, 21))]));
    out.push(...rep(1000, () => [-g.uniform(0, 4), Math.floor(g.uniform(-9, 10))]));
    out.push(...rep(500, () => [2 * Math.floor(g.uniform(47453133, 67108864)) + 1, 2]));
    out.push(...rep(500, () => [2 * Math.floor(g.uniform(104032, 131072)) + 1, 3]));
    out.push(...rep(1000, () => [g.logu(-3, 3, false), g.uniform(-1100, 1100)]));
    return out;
  }
  const lo = name === 'atan2' ? -60 : -50;
  return [...rep(10000, () => [g.uniform(-10, 10), g.uniform(-10, 10)]), ...rep(10000, () => [g.logu(lo, -lo, true), g.logu(lo, -lo, true)])];
}
