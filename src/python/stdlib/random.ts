// The `random` module: CPython 3.13's Random methods, transcribed from Lib/random.py onto the
// Mersenne Twister of mersenne.ts, so seeded runs reproduce CPython's values (shuffle, randint,
// choice, sample, choices, gauss, normalvariate, ...). Module-level functions are the methods of a
// hidden per-run instance, as in CPython; an unseeded run starts from OS entropy like CPython's
// (so it differs run to run — seed it for reproducible output). Seeds: None, int (any size), float
// (through CPython's float hash); str/bytes seeds are not supported.

import { PyError } from '../../errors';
import {
  type PyValue, PyBoundMethod, PyBuiltinFunction, PyFloat, PyList, PyObject, PyTuple, PyType, makeType, typeOf,
} from '../object';
import { toArray } from '../builtins/iter';
import { asFloat, norm } from '../builtins/numbers';
import { binop, lessThan } from '../builtins/ops';
import { registerModule } from '../interp/modules';
import { bindArgs, parseSignature } from '../bindings/args';
import { Mersenne } from './mersenne';
import { makeModule, typeError, valueError } from './native';

export const RandomType = makeType('Random', [], 'random');
class Rand extends PyObject {
  mt = new Mersenne();
  gaussNext: number | null = null;
  constructor(cls: PyType) {
    super(cls, cls === RandomType ? null : new Map());
  }
}

const f = (x: number): PyFloat => new PyFloat(x);
const num = (v: PyValue): number => {
  const x = asFloat(v);
  if (x === undefined) throw typeError(`must be real number, not ${typeOf(v).name}`);
  return x;
};
function index(v: PyValue): bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw typeError(`'${typeOf(v).name}' object cannot be interpreted as an integer`);
}

/** CPython's hash() of a float (what seeding with a float uses). */
function floatHash(x: number): bigint {
  const P = (1n << 61n) - 1n;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 0n : x > 0 ? 314159n : -314159n;
  let m = Math.abs(x);
  let e = 0;
  while (m >= 1) (m /= 2), e++;
  while (m !== 0 && m < 0.5) (m *= 2), e--;
  let h = 0n;
  while (m) {
    h = ((h << 28n) & P) | (h >> 33n);
    m *= 268435456;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    h += BigInt(y);
    if (h >= P) h -= P;
  }
  const ee = BigInt(e >= 0 ? e % 61 : 60 - ((-1 - e) % 61));
  h = ((h << ee) & P) | (h >> (61n - ee));
  if (x < 0) h = -h;
  return h === -1n ? -2n : h;
}

function seed(r: Rand, a: PyValue): void {
  r.gaussNext = null;
  if (a === null) {
    const words = new Uint32Array(4);
    if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
    else for (let i = 0; i < 4; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
    r.mt.initByArray([...words]);
  } else if (typeof a === 'number' || typeof a === 'bigint' || typeof a === 'boolean') r.mt.seedInt(index(a));
  else if (a instanceof PyFloat) {
    // CPython seeds with the hash as an unsigned size_t: a negative hash wraps around 2^64.
    const h = floatHash(a.v);
    r.mt.seedInt(h < 0n ? h + (1n << 64n) : h);
  }
  else if (typeof a === 'string') throw new PyError('NotImplementedError', 'random.seed() with a str seed is not supported here; use an int');
  else throw typeError('The only supported seed types are:\nNone, int, float, str, bytes, and bytearray.');
}

function gauss(r: Rand, mu: number, sigma: number): number {
  let z = r.gaussNext;
  r.gaussNext = null;
  if (z === null) {
    const x2pi = r.mt.random() * 2 * Math.PI;
    const g2rad = Math.sqrt(-2.0 * Math.log(1.0 - r.mt.random()));
    z = Math.cos(x2pi) * g2rad;
    r.gaussNext = Math.sin(x2pi) * g2rad;
  }
  return mu + z * sigma;
}
const NV_MAGICCONST = (4 * Math.exp(-0.5)) / Math.sqrt(2.0);
function normalvariate(r: Rand, mu: number, sigma: number): number {
  let z: number;
  for (;;) {
    const u1 = r.mt.random();
    const u2 = 1.0 - r.mt.random();
    z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    const zz = (z * z) / 4.0;
    if (zz <= -Math.log(u2)) break;
  }
  return mu + z * sigma;
}
const LOG4 = Math.log(4.0);
const SG_MAGICCONST = 1.0 + Math.log(4.5);
function gammavariate(r: Rand, alpha: number, beta: number): number {
  if (alpha <= 0.0 || beta <= 0.0) throw valueError('gammavariate: alpha and beta must be > 0.0');
  if (alpha > 1.0) {
    const ainv = Math.sqrt(2.0 * alpha - 1.0);
    const bbb = alpha - LOG4;
    const ccc = alpha + ainv;
    for (;;) {
      const u1 = r.mt.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      const u2 = 1.0 - r.mt.random();
      const v = Math.log(u1 / (1.0 - u1)) / ainv;
      const x = alpha * Math.exp(v);
      const z = u1 * u1 * u2;
      const rr = bbb + ccc * v - x;
      if (rr + SG_MAGICCONST - 4.5 * z >= 0.0 || rr >= Math.log(z)) return x * beta;
    }
  }
  if (alpha === 1.0) return -Math.log(1.0 - r.mt.random()) * beta;
  for (;;) {
    const u = r.mt.random();
    const b = (Math.E + alpha) / Math.E;
    const p = b * u;
    const x = p <= 1.0 ? p ** (1.0 / alpha) : -Math.log((b - p) / alpha);
    const u1 = r.mt.random();
    if (p > 1.0 ? u1 <= x ** (alpha - 1.0) : u1 <= Math.exp(-x)) return x * beta;
  }
}

function randbelow(r: Rand, n: bigint): PyValue {
  return n < 0x80000000n ? r.mt.randbelowSmall(Number(n)) : norm(r.mt.randbelow(n));
}
function randrange(r: Rand, start: PyValue, stop: PyValue, step: PyValue): PyValue {
  const istart = index(start);
  if (stop === null) {
    if (step !== 1) throw typeError('Missing a non-None stop argument');
    if (istart > 0n) return randbelow(r, istart);
    throw valueError('empty range for randrange()');
  }
  const istop = index(stop);
  const width = istop - istart;
  const istep = index(step);
  if (istep === 1n) {
    if (width > 0n) return norm(istart + BigInt(randbelow(r, width) as number | bigint));
    throw valueError(`empty range in randrange(${start}, ${stop})`);
  }
  let n: bigint;
  const fdiv = (a: bigint, b: bigint): bigint => (a % b !== 0n && (a < 0n) !== (b < 0n) ? a / b - 1n : a / b);
  if (istep > 0n) n = fdiv(width + istep - 1n, istep);
  else if (istep < 0n) n = fdiv(width + istep + 1n, istep);
  else throw valueError('zero step for randrange()');
  if (n <= 0n) throw valueError(`empty range in randrange(${start}, ${stop}, ${step})`);
  return norm(istart + istep * BigInt(randbelow(r, n) as number | bigint));
}

type Meth = (r: Rand, a: PyValue[], kw: Map<string, PyValue> | null) => PyValue | Promise<PyValue>;
const methods: Record<string, Meth> = {
  seed: (r, a) => (seed(r, a.length ? a[0] : null), null),
  random: (r) => f(r.mt.random()),
  getrandbits: (r, a) => {
    const k = Number(index(a[0]));
    if (k < 0) throw valueError('number of bits must be non-negative');
    return norm(r.mt.getrandbits(k));
  },
  randrange: (r, a, kw) => {
    const v = bindArgs(parseSignature('randrange(start, stop=None, step=1)'), a, kw).values;
    return randrange(r, v[0], v[1], v[2]);
  },
  randint: (r, a) => randrange(r, a[0], norm(index(a[1]) + 1n), 1),
  choice: async (r, a) => {
    const seq = await toArray(a[0]);
    if (!seq.length) throw new PyError('IndexError', 'Cannot choose from an empty sequence');
    return seq[r.mt.randbelowSmall(seq.length)];
  },
  shuffle: (r, a) => {
    const x = a[0];
    if (!(x instanceof PyList)) throw typeError(`'${typeOf(x).name}' object does not support item assignment`);
    const items = x.items;
    for (let i = items.length - 1; i > 0; i--) {
      const j = r.mt.randbelowSmall(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return null;
  },
  uniform: (r, a) => {
    const lo = num(a[0]);
    return f(lo + (num(a[1]) - lo) * r.mt.random());
  },
  triangular: (r, a) => {
    let low = a.length > 0 ? num(a[0]) : 0.0;
    let high = a.length > 1 ? num(a[1]) : 1.0;
    let u = r.mt.random();
    let c: number;
    try {
      c = a.length > 2 && a[2] !== null ? (num(a[2]) - low) / (high - low) : 0.5;
    } catch {
      return f(low);
    }
    if (high === low) return f(low);
    if (u > c) {
      u = 1.0 - u;
      c = 1.0 - c;
      [low, high] = [high, low];
    }
    return f(low + (high - low) * Math.sqrt(u * c));
  },
  gauss: (r, a, kw) => f(gauss(r, num(a[0] ?? kw?.get('mu') ?? 0), num(a[1] ?? kw?.get('sigma') ?? 1))),
  normalvariate: (r, a, kw) => f(normalvariate(r, num(a[0] ?? kw?.get('mu') ?? 0), num(a[1] ?? kw?.get('sigma') ?? 1))),
  lognormvariate: (r, a) => f(Math.exp(normalvariate(r, num(a[0]), num(a[1])))),
  expovariate: (r, a) => f(-Math.log(1.0 - r.mt.random()) / (a.length ? num(a[0]) : 1.0)),
  gammavariate: (r, a) => f(gammavariate(r, num(a[0] ?? 1), num(a[1] ?? 1))),
  betavariate: (r, a) => {
    const alpha = num(a[0]);
    const beta = num(a[1]);
    if (alpha <= 0.0 || beta <= 0.0) throw valueError('betavariate: alpha and beta must be > 0.0');
    const y = gammavariate(r, alpha, 1.0);
    return f(y ? y / (y + gammavariate(r, beta, 1.0)) : 0.0);
  },
  paretovariate: (r, a) => f((1.0 - r.mt.random()) ** (-1.0 / num(a[0]))),
  weibullvariate: (r, a) => f(num(a[0]) * (-Math.log(1.0 - r.mt.random())) ** (1.0 / num(a[1]))),
  sample: async (r, a, kw) => {
    const v = bindArgs(parseSignature('sample(population, k, *, counts=None)'), a, kw).values;
    if (typeOf(v[0]).name === 'set' || typeOf(v[0]).name === 'dict') throw typeError('Population must be a sequence.  For dicts or sets, use sorted(d).');
    const pop = await toArray(v[0]);
    const n = pop.length;
    const k = Number(index(v[1]));
    if (!(k >= 0 && k <= n)) throw valueError('Sample larger than population or is negative');
    const result: PyValue[] = new Array(k).fill(null);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = pop.slice();
      for (let i = 0; i < k; i++) {
        const j = r.mt.randbelowSmall(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = r.mt.randbelowSmall(n);
        while (selected.has(j)) j = r.mt.randbelowSmall(n);
        selected.add(j);
        result[i] = pop[j];
      }
    }
    return new PyList(result);
  },
  choices: async (r, a, kw) => {
    const v = bindArgs(parseSignature('choices(population, weights=None, *, cum_weights=None, k=1)'), a, kw).values;
    const pop = await toArray(v[0]);
    const n = pop.length;
    const k = Number(index(v[3]));
    const out: PyValue[] = [];
    let cum: PyValue[] | null = v[2] === null ? null : await toArray(v[2]);
    if (cum === null) {
      if (v[1] === null) {
        for (let i = 0; i < k; i++) out.push(pop[Math.floor(r.mt.random() * n)]);
        return new PyList(out);
      }
      cum = [];
      let acc: PyValue = 0;
      for (const w of await toArray(v[1])) cum.push((acc = cum.length ? await binop('Add', acc, w) : w));
    } else if (v[1] !== null) throw typeError('Cannot specify both weights and cumulative weights');
    if (cum.length !== n) throw valueError('The number of weights does not match the population');
    const total = num(cum[cum.length - 1]);
    if (total <= 0.0) throw valueError('Total of weights must be greater than zero');
    if (!Number.isFinite(total)) throw valueError('Total of weights must be finite');
    for (let i = 0; i < k; i++) {
      const x = f(r.mt.random() * total);
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (await lessThan(x, cum[mid])) hi = mid;
        else lo = mid + 1;
      }
      out.push(pop[lo]);
    }
    return new PyList(out);
  },
  getstate: (r) => new PyTuple([3, new PyTuple([...r.mt.mt, r.mt.index]), r.gaussNext === null ? null : f(r.gaussNext)]),
  setstate: (r, a) => {
    const st = a[0];
    if (!(st instanceof PyTuple) || st.items.length !== 3 || !(st.items[1] instanceof PyTuple)) throw typeError('state vector must be a tuple');
    const words = st.items[1].items;
    for (let i = 0; i < 624; i++) r.mt.mt[i] = Number(words[i]) >>> 0;
    r.mt.index = Number(words[624]);
    const g = st.items[2];
    r.gaussNext = g === null ? null : num(g);
    return null;
  },
};

RandomType.slots.create = (cls, a) => {
  const r = new Rand(cls);
  seed(r, a.length ? a[0] : null);
  return r;
};
RandomType.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null, 'Random.__init__'));
for (const [name, m] of Object.entries(methods)) {
  RandomType.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => {
    const r = a[0];
    if (!(r instanceof Rand)) throw typeError(`descriptor '${name}' requires a 'random.Random' object`);
    return m(r, a.slice(1), kw);
  }, `Random.${name}`));
}

function randomModule(): PyValue {
  const inst = RandomType.slots.create!(RandomType, [], null) as Rand;
  const entries: Record<string, PyValue> = { Random: RandomType };
  for (const name of Object.keys(methods)) entries[name] = new PyBoundMethod(inst, RandomType.dict!.get(name) as PyBuiltinFunction);
  return makeModule('random', entries);
}

registerModule('random', randomModule);
