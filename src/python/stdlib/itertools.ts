// The `itertools` module. Every tool is a type (`itertools.chain`, with `chain.from_iterable`)
// whose instances are lazy iterators (GenIter over a JS async generator), so endless ones —
// count(), cycle(), repeat(x) — work with islice/zip/next exactly as in CPython; tools that CPython
// itself materializes (product, combinations, permutations) read their inputs up front. Result
// order follows the CPython documentation's reference implementations.

import { PyError } from '../../errors';
import { type KwArgs, type PyValue, MISSING, PyClassMethod, PyTuple, PyType, call } from '../object';
import { getIter, toArray, type PyIterBase } from '../builtins/iter';
import { binop, truthy } from '../builtins/ops';
import { eqBool } from '../builtins/ops';
import { registerModule } from '../interp/modules';
import { bindArgs, parseSignature } from '../bindings/args';
import { GenIter, fn, iterType, makeModule, typeError, valueError } from './native';

type Gen = AsyncGenerator<PyValue, void, void>;

/** Pull the next value (MISSING at the end). */
async function pull(it: PyIterBase): Promise<PyValue | typeof MISSING> {
  return it.next();
}
async function* each(v: PyValue): Gen {
  const it = await getIter(v);
  for (;;) {
    const x = await pull(it);
    if (x === MISSING) return;
    yield x;
  }
}

/** Define `itertools.name` as a type whose call builds a GenIter from `make`. */
function tool(name: string, make: (a: PyValue[], kw: KwArgs) => Gen | Promise<Gen>): PyType {
  const t = iterType(name, 'itertools');
  t.slots.create = async (cls, a, kw) => new GenIter(cls, await make(a, kw));
  return t;
}
const noKw = (name: string, kw: KwArgs): void => {
  if (kw && kw.size) throw typeError(`${name}() takes no keyword arguments`);
};
const tup = (xs: PyValue[]): PyTuple => new PyTuple(xs);

async function* chainOf(sources: PyValue): Gen {
  for await (const s of each(sources)) yield* each(s);
}
const chain = tool('chain', (a, kw) => (noKw('chain', kw), chainOf(tup(a))));
chain.dict!.set('from_iterable', new PyClassMethod(fn('from_iterable', (a) => new GenIter(a[0] as PyType, chainOf(a[1])), 'chain.from_iterable')));

const productSig = parseSignature('product(*iterables, repeat=1)');
const product = tool('product', async (a, kw) => {
  const b = bindArgs(productSig, a, kw);
  const r = Number(b.values[0]);
  if (r < 0) throw valueError('repeat argument cannot be negative');
  const pools: PyValue[][] = [];
  for (const p of b.rest) pools.push(await toArray(p));
  const all = Array.from({ length: r }, () => pools).flat();
  return (async function* (): Gen {
    let result: PyValue[][] = [[]];
    for (const pool of all) result = result.flatMap((x) => pool.map((y) => [...x, y]));
    for (const p of result) yield tup(p);
  })();
});

function combos(n: number, r: number, replace: boolean): number[][] {
  const out: number[][] = [];
  const idx: number[] = [];
  const rec = (start: number): void => {
    if (idx.length === r) return void out.push(idx.slice());
    for (let i = start; i < n; i++) {
      idx.push(i);
      rec(replace ? i : i + 1);
      idx.pop();
    }
  };
  rec(0);
  return out;
}
const combinations = tool('combinations', async (a) => {
  const pool = await toArray(a[0]);
  const r = Number(a[1]);
  if (r < 0) throw valueError('r must be non-negative');
  return (async function* (): Gen {
    for (const c of combos(pool.length, r, false)) yield tup(c.map((i) => pool[i]));
  })();
});
const combinationsWR = tool('combinations_with_replacement', async (a) => {
  const pool = await toArray(a[0]);
  const r = Number(a[1]);
  return (async function* (): Gen {
    if (pool.length === 0 && r > 0) return;
    for (const c of combos(pool.length, r, true)) yield tup(c.map((i) => pool[i]));
  })();
});
const permutations = tool('permutations', async (a) => {
  const pool = await toArray(a[0]);
  const r = a.length > 1 && a[1] !== null ? Number(a[1]) : pool.length;
  return (async function* (): Gen {
    const used: boolean[] = new Array(pool.length).fill(false);
    const cur: PyValue[] = [];
    const out: PyValue[][] = [];
    const rec = (): void => {
      if (cur.length === r) return void out.push(cur.slice());
      for (let i = 0; i < pool.length; i++) {
        if (used[i]) continue;
        used[i] = true;
        cur.push(pool[i]);
        rec();
        cur.pop();
        used[i] = false;
      }
    };
    if (r <= pool.length) rec();
    for (const p of out) yield tup(p);
  })();
});

const ISLICE_ERR = (what: string): PyError =>
  valueError(`${what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.`);
const islice = tool('islice', (a) => {
  if (a.length < 2 || a.length > 4) throw typeError(`islice expected at most 4 arguments, got ${a.length}`);
  const num = (v: PyValue, what: string, dflt: number): number => {
    if (v === null) return dflt;
    if (typeof v !== 'number' || v < 0) throw ISLICE_ERR(what);
    return v;
  };
  const [start, stop, step] =
    a.length === 2 ? [0, num(a[1], 'Stop', Infinity), 1] : [num(a[1], 'Indices', 0), num(a[2], 'Stop', Infinity), a.length > 3 ? num(a[3], 'Step', 1) : 1];
  if (step === 0) throw valueError('Step for islice() must be a positive integer or None.');
  return (async function* (): Gen {
    const it = await getIter(a[0]);
    let next = start;
    for (let i = 0; i < stop; i++) {
      const x = await pull(it);
      if (x === MISSING) return;
      if (i === next) {
        yield x;
        next += step;
      }
    }
  })();
});

const countSig = parseSignature('count(start=0, step=1)');
const count = tool('count', (a, kw) => {
  const [start, step] = bindArgs(countSig, a, kw).values;
  return (async function* (): Gen {
    for (let n = start; ; n = await binop('Add', n, step)) yield n;
  })();
});
const cycle = tool('cycle', (a) => (async function* (): Gen {
  const saved: PyValue[] = [];
  for await (const x of each(a[0])) {
    saved.push(x);
    yield x;
  }
  while (saved.length) yield* saved;
})());
const repeatSig = parseSignature('repeat(object, times=None)');
const repeat = tool('repeat', (a, kw) => {
  const [obj, times] = bindArgs(repeatSig, a, kw).values;
  return (async function* (): Gen {
    for (let i = 0; times === null || i < Number(times); i++) yield obj;
  })();
});
const accSig = parseSignature('accumulate(iterable, func=None, *, initial=None)');
const accumulate = tool('accumulate', (a, kw) => {
  const [src, func, initial] = bindArgs(accSig, a, kw).values;
  return (async function* (): Gen {
    let acc: PyValue | typeof MISSING = initial === null ? MISSING : initial;
    if (acc !== MISSING) yield acc;
    for await (const x of each(src)) {
      acc = acc === MISSING ? x : func === null ? await binop('Add', acc, x) : await call(func, [acc, x]);
      yield acc;
    }
  })();
});
const zipLongest = tool('zip_longest', (a, kw) => {
  const fill = kw?.get('fillvalue') ?? null;
  return (async function* (): Gen {
    const its = await Promise.all(a.map((v) => getIter(v)));
    const done = its.map(() => false);
    for (;;) {
      const row: PyValue[] = [];
      for (let i = 0; i < its.length; i++) {
        const x = done[i] ? MISSING : await pull(its[i]);
        if (x === MISSING) done[i] = true;
        row.push(x === MISSING ? fill : x);
      }
      if (done.every(Boolean)) return;
      yield tup(row);
    }
  })();
});
const groupby = tool('groupby', (a, kw) => {
  const key = kw?.get('key') ?? (a.length > 1 ? a[1] : null);
  return (async function* (): Gen {
    let cur: { k: PyValue; items: PyValue[] } | null = null;
    for await (const x of each(a[0])) {
      const k = key === null ? x : await call(key, [x]);
      if (cur !== null && (await eqBool(cur.k, k))) cur.items.push(x);
      else {
        if (cur !== null) yield tup([cur.k, group(cur.items)]);
        cur = { k, items: [x] };
      }
    }
    if (cur !== null) yield tup([cur.k, group(cur.items)]);
  })();
});
const grouper = iterType('_grouper', 'itertools');
const group = (items: PyValue[]): GenIter => new GenIter(grouper, (async function* (): Gen {
  yield* items;
})());

const pred = (name: string, body: (f: PyValue, src: PyValue) => Gen): PyType => tool(name, (a) => body(a[0], a[1]));
const starmap = pred('starmap', async function* (f, src) {
  for await (const x of each(src)) yield await call(f, await toArray(x));
});
const takewhile = pred('takewhile', async function* (f, src) {
  for await (const x of each(src)) {
    if (!(await truthy(await call(f, [x])))) return;
    yield x;
  }
});
const dropwhile = pred('dropwhile', async function* (f, src) {
  let dropping = true;
  for await (const x of each(src)) {
    if (dropping && (await truthy(await call(f, [x])))) continue;
    dropping = false;
    yield x;
  }
});
const filterfalse = pred('filterfalse', async function* (f, src) {
  for await (const x of each(src)) if (!(await truthy(f === null ? x : await call(f, [x])))) yield x;
});
const compress = tool('compress', (a) => (async function* (): Gen {
  const sel = await getIter(a[1]);
  for await (const x of each(a[0])) {
    const s = await pull(sel);
    if (s === MISSING) return;
    if (await truthy(s)) yield x;
  }
})());
const pairwise = tool('pairwise', (a) => (async function* (): Gen {
  let prev: PyValue | typeof MISSING = MISSING;
  for await (const x of each(a[0])) {
    if (prev !== MISSING) yield tup([prev, x]);
    prev = x;
  }
})());
const batched = tool('batched', (a, kw) => {
  const n = Number(a[1] ?? kw?.get('n'));
  if (!(n >= 1)) throw valueError('n must be at least one');
  return (async function* (): Gen {
    let cur: PyValue[] = [];
    for await (const x of each(a[0])) {
      cur.push(x);
      if (cur.length === n) {
        yield tup(cur);
        cur = [];
      }
    }
    if (cur.length) yield tup(cur);
  })();
});

/** tee(it, n=2): n iterators over one source, sharing a buffer of what only some have read. */
const teeType = iterType('_tee', 'itertools');
const tee = fn('tee', async (a) => {
  const n = a.length > 1 ? Number(a[1]) : 2;
  if (n < 0) throw valueError('n must be >= 0');
  const src = await getIter(a[0]);
  const buf: PyValue[] = [];
  let base = 0;
  let ended = false;
  const pos = new Array(n).fill(0);
  const make = (j: number): GenIter => new GenIter(teeType, (async function* (): Gen {
    for (;;) {
      while (pos[j] - base >= buf.length) {
        if (ended) return;
        const x = await pull(src);
        if (x === MISSING) {
          ended = true;
          return;
        }
        buf.push(x);
      }
      const v = buf[pos[j] - base];
      pos[j]++;
      const low = Math.min(...pos);
      while (base < low) {
        buf.shift();
        base++;
      }
      yield v;
    }
  })());
  return tup(Array.from({ length: n }, (_, j) => make(j)));
}, 'itertools.tee');

function itertoolsModule(): PyValue {
  return makeModule('itertools', {
    chain, product, combinations, combinations_with_replacement: combinationsWR, permutations, islice, count, cycle, repeat,
    accumulate, zip_longest: zipLongest, groupby, starmap, takewhile, dropwhile, filterfalse, compress, pairwise, batched, tee,
  });
}

registerModule('itertools', itertoolsModule);
