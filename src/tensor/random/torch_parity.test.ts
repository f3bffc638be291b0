// Bit-for-bit parity of the RNG library with real torch 2.6 (CPU): replays every program in
// fixtures/torch_rng.json (made by fixtures/gen_rng_fixtures.py in the oracle) against this
// folder's samplers and compares each op's flattened output exactly (-0, NaN and int64 included;
// large outputs as sha256 of their raw bytes). Float64 outputs that go through double libm
// (normal/exponential/log-normal/Cauchy) are compared to 1e-13 relative, because V8's Math.* is
// not glibc (RNG.md §8); every other value must match exactly.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DType, StorageArray } from '../dtype';
import { allocStorageArray } from '../dtype';
import { PyError } from '../../errors';
import {
  alphaDropout,
  bernoulliScalar_,
  bernoulliTensor_,
  cauchy_,
  dataLoaderEpochOrder,
  dropout,
  exponential_,
  featureDropout,
  Generator,
  geometric_,
  initBilinear,
  initConv,
  initEmbedding,
  initLinear,
  initMultiheadAttention,
  initRNN,
  kaimingNormal_,
  kaimingUniform_,
  logNormal_,
  multinomial,
  normal_,
  normalWithTensors,
  randomFromTo_,
  random_,
  randomSplitIndices,
  randperm,
  sparse_,
  truncNormal_,
  uniform_,
  xavierNormal_,
  xavierUniform_,
  type FloatArray,
  type InitParam,
  type RNNMode,
} from './index';

type Enc = number | string;
type Out = Enc[] | { error: string; message: string };
interface Op {
  op: string;
  [k: string]: unknown;
}
interface Case {
  name: string;
  seed: string | null;
  gen: boolean;
  ops: Op[];
  out: Out[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/torch_rng.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

/** A result piece: an array with its dtype (for encoding), or literal encoded values. */
type Piece = { arr: StorageArray | FloatArray; dtype: DType } | { lit: Enc[] };

const isFloatD = (d: DType) => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';

function encode(pieces: Piece[]): Enc[] {
  const out: Enc[] = [];
  for (const p of pieces) {
    if ('lit' in p) {
      out.push(...p.lit);
      continue;
    }
    for (let i = 0; i < p.arr.length; i++) {
      const v = p.arr[i];
      if (p.dtype === 'bool') out.push(Number(v));
      else if (!isFloatD(p.dtype)) out.push(String(v));
      else out.push(Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : (v as number));
    }
  }
  return out;
}

function hashPieces(pieces: Piece[]): Enc[] {
  const h = createHash('sha256');
  for (const p of pieces) {
    if ('lit' in p) throw new Error('cannot hash literals');
    h.update(new Uint8Array(p.arr.buffer, p.arr.byteOffset, p.arr.byteLength));
  }
  return [h.digest('hex')];
}

const f = (d: DType, n: number) => allocStorageArray(d, n) as FloatArray;
const params = (...ps: (InitParam | null)[]): Piece[] =>
  ps.filter((p): p is InitParam => p !== null).map((p) => ({ arr: p.data, dtype: p.data instanceof Float64Array ? 'float64' : 'float32' }));

/** Run one fixture op on our library; returns the pieces torch's script flattened. */
function runOp(op: Op, g: Generator, def: Generator): Piece[] {
  const dtype = (op.dtype as DType | undefined) ?? 'float32';
  const n = op.n as number;
  const one = (arr: StorageArray | FloatArray, d: DType = dtype): Piece[] => [{ arr, dtype: d }];
  switch (op.op) {
    case 'rand': {
      const a = f(dtype, n);
      uniform_(g, dtype, a);
      return one(a);
    }
    case 'uniform': {
      const a = f(dtype, n);
      uniform_(g, dtype, a, op.a as number, op.b as number);
      return one(a);
    }
    case 'uniform_slice': {
      const a = f(dtype, 2 * n);
      uniform_(g, dtype, a, op.a as number, op.b as number, Array.from({ length: n }, (_, k) => 2 * k));
      return one(a);
    }
    case 'randn': {
      const a = f(dtype, n);
      normal_(g, dtype, a);
      return one(a);
    }
    case 'normal': {
      const a = f(dtype, n);
      normal_(g, dtype, a, op.mean as number, op.std as number);
      return one(a);
    }
    case 'normal_t': {
      const len = (op.r as number) * (op.c as number);
      const a = f(dtype, len);
      normal_(g, dtype, a, op.mean as number, op.std as number, Array.from({ length: len }, (_, k) => k));
      return one(a);
    }
    case 'normal_slice': {
      const a = f(dtype, 2 * n);
      normal_(g, dtype, a, op.mean as number, op.std as number, Array.from({ length: n }, (_, k) => 2 * k));
      return one(a);
    }
    case 'randint': {
      const a = allocStorageArray(dtype, n);
      randomFromTo_(g, dtype, a, BigInt(op.low as number | string), BigInt(op.high as number | string));
      return one(a);
    }
    case 'random_': {
      const a = allocStorageArray(dtype, n);
      random_(g, dtype, a);
      return one(a);
    }
    case 'random_from': {
      const a = allocStorageArray(dtype, n);
      randomFromTo_(g, dtype, a, BigInt(op.from as number | string), null);
      return one(a);
    }
    case 'randperm':
      return one(BigInt64Array.from(randperm(g, n), (v) => BigInt(v)), 'int64');
    case 'bernoulli_p': {
      const a = allocStorageArray(dtype, n);
      bernoulliScalar_(g, a, op.p as number);
      return one(a);
    }
    case 'bernoulli_t': {
      const pr = f(dtype, n);
      uniform_(g, dtype, pr);
      const a = f(dtype, n);
      bernoulliTensor_(g, a, pr, dtype);
      return [...one(pr), ...one(a)];
    }
    case 'dropout': {
      const shape = op.shape as number[];
      const x = f(dtype, shape.reduce((p, s) => p * s, 1));
      normal_(g, dtype, x);
      const d = dtype as 'float32' | 'float64';
      const p = op.p as number;
      const y =
        op.kind === 'plain' ? dropout(g, d, x, p) : op.kind === '2d' ? featureDropout(g, d, x, shape, p) : alphaDropout(g, d, x, p);
      return [...one(x), ...one(y)];
    }
    case 'exponential': {
      const a = f(dtype, n);
      exponential_(g, dtype, a, op.lambd as number);
      return one(a);
    }
    case 'log_normal': {
      const a = f(dtype, n);
      logNormal_(g, dtype, a, op.mean as number, op.std as number);
      return one(a);
    }
    case 'cauchy': {
      const a = f(dtype, n);
      cauchy_(g, dtype, a, op.median as number, op.sigma as number);
      return one(a);
    }
    case 'geometric': {
      const a = allocStorageArray(dtype, n);
      geometric_(g, a, op.p as number);
      return one(a);
    }
    case 'multinomial': {
      const rows = op.rows as number;
      const k = op.k as number;
      const pr = f(dtype, rows * k);
      uniform_(g, dtype, pr);
      if (op.zero_col !== undefined && op.zero_col !== null) for (let r = 0; r < rows; r++) pr[r * k + (op.zero_col as number)] = 0;
      const res = multinomial(g, pr, rows, k, op.ns as number, op.rep as boolean, dtype);
      return [...one(pr), { arr: BigInt64Array.from(res, (v) => BigInt(v)), dtype: 'int64' }];
    }
    case 'normal_tensor': {
      const mean = f('float32', n);
      uniform_(g, 'float32', mean);
      const std = f('float32', n);
      uniform_(g, 'float32', std);
      for (let i = 0; i < n; i++) std[i] = std[i] + 0.5;
      const a = f('float32', n);
      normalWithTensors(g, 'float32', a, mean, std);
      return [...one(mean), ...one(std), ...one(a)];
    }
    case 'state':
      return [{ lit: [Buffer.from(g.getState()).toString('hex')] }];
    case 'initial_seed':
      return [{ lit: [String(g.initialSeed())] }];
    case 'digest': {
      const a = f(dtype, n);
      if (op.what === 'randn') normal_(g, dtype, a);
      else uniform_(g, dtype, a, op.a as number, op.b as number);
      return hashPieces(one(a)).map((h) => ({ lit: [h] }));
    }
    case 'manual_seed':
      g.manualSeed(BigInt(op.seed as number | string));
      return [];
    case 'linear': {
      const r = initLinear(g, op.in as number, op.out as number, op.bias as boolean, dtype as 'float32' | 'float64');
      return params(r.weight, r.bias);
    }
    case 'conv': {
      const r = initConv(g, op.in as number, op.out as number, op.k as number[], op.groups as number, op.bias as boolean, op.transposed as boolean);
      return params(r.weight, r.bias);
    }
    case 'embedding':
      return params(initEmbedding(g, op.num as number, op.dim as number, (op.pad as number | null) ?? null));
    case 'bilinear': {
      const r = initBilinear(g, op.in1 as number, op.in2 as number, op.out as number, op.bias as boolean);
      return params(r.weight, r.bias);
    }
    case 'rnn': {
      const ps = initRNN(g, op.mode as RNNMode, op.input as number, op.hidden as number, {
        numLayers: op.layers as number,
        bias: op.bias as boolean,
        bidirectional: op.bidir as boolean,
        projSize: op.proj as number,
      });
      return [{ lit: ps.map((p) => p.name) }, ...params(...ps.map((p) => p.param))];
    }
    case 'mha': {
      const r = initMultiheadAttention(g, op.E as number, {
        bias: op.bias as boolean,
        addBiasKV: op.kv as boolean,
        kdim: op.kdim as number | undefined,
        vdim: op.vdim as number | undefined,
      });
      // named_parameters() order of nn.MultiheadAttention
      const names = ['in_proj_weight', 'q_proj_weight', 'k_proj_weight', 'v_proj_weight', 'in_proj_bias', 'bias_k', 'bias_v', 'out_proj.weight', 'out_proj.bias'].filter(
        (k) => r[k] !== undefined && r[k] !== null,
      );
      return [{ lit: names }, ...params(...names.map((k) => r[k]))];
    }
    case 'kaiming_uniform':
    case 'kaiming_normal':
    case 'xavier_uniform':
    case 'xavier_normal': {
      const shape = op.shape as number[];
      const a = f(dtype, shape.reduce((p, s) => p * s, 1));
      const kw = (op.kw ?? {}) as Record<string, number | string>;
      if (op.op === 'kaiming_uniform') kaimingUniform_(g, dtype, a, shape, kw);
      else if (op.op === 'kaiming_normal') kaimingNormal_(g, dtype, a, shape, kw);
      else if (op.op === 'xavier_uniform') xavierUniform_(g, dtype, a, shape, kw.gain as number | undefined);
      else xavierNormal_(g, dtype, a, shape, kw.gain as number | undefined);
      return one(a);
    }
    case 'sparse': {
      const rows = op.rows as number;
      const cols = op.cols as number;
      const a = f('float32', rows * cols);
      sparse_(g, 'float32', a, [rows, cols], op.sparsity as number, op.std as number, def);
      return one(a);
    }
    case 'trunc_normal': {
      const a = f('float32', n);
      const kw = (op.kw ?? {}) as Record<string, number>;
      truncNormal_(g, 'float32', a, kw.mean ?? 0, kw.std ?? 1, kw.a ?? -2, kw.b ?? 2);
      return one(a);
    }
    case 'dataloader': {
      const explicit = g === def ? null : g;
      const e1 = dataLoaderEpochOrder(def, n, explicit);
      const e2 = dataLoaderEpochOrder(def, n, explicit);
      return [{ lit: [...e1, ...e2].map(String) }];
    }
    case 'random_split':
      return [{ lit: randomSplitIndices(g, op.lengths as number[]).flatMap((p) => Array.from(p, String)) }];
    default:
      throw new Error(`unknown fixture op ${op.op}`);
  }
}

/** Ops whose float64 results go through double libm (V8 Math.* vs glibc), including dropout's
 * float64 randn input. They get a tolerance; nothing else does. */
function libmTolerant(op: Op): boolean {
  if ((op.dtype ?? 'float32') !== 'float64') return false;
  if (op.op === 'randn' || op.op === 'normal' || op.op === 'normal_t' || op.op === 'normal_slice') return true;
  return op.op === 'exponential' || op.op === 'log_normal' || op.op === 'cauchy' || op.op === 'dropout';
}

/** A last-bit libm difference, scaled by mean/std arithmetic and possibly cancellation, stays
 * far below 1e-13 relative to max(1, |value|). */
const libmClose = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(b));

function compare(name: string, got: Enc[], want: Enc[], tolerant: boolean): string | null {
  if (got.length !== want.length) return `${name}: length ${got.length} vs torch ${want.length}`;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < got.length; i++) {
    const a = got[i];
    const b = want[i];
    const ok =
      typeof a === 'number' && typeof b === 'number'
        ? Object.is(a, b) || (tolerant && libmClose(a, b))
        : a === b;
    if (!ok) {
      bad++;
      if (first < 0) first = i;
    }
  }
  return bad ? `${name}: ${bad}/${got.length} differ; first [${first}] ours=${got[first]} torch=${want[first]}` : null;
}

describe('torch 2.6 parity (fixtures/torch_rng.json)', () => {
  it('has a substantial fixture', () => {
    expect(fixture.cases.length).toBeGreaterThan(1500);
  });
  // One test per case family keeps the report readable; each failure lists every bad case.
  const groups = new Map<string, Case[]>();
  for (const c of fixture.cases) {
    const key = c.ops[0].op;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, cases] of groups) {
    it(`${key} (${cases.length} cases)`, () => {
      const failures: string[] = [];
      let compared = 0;
      for (const c of cases) {
        const g = c.gen ? new Generator(c.seed === null ? undefined : BigInt(c.seed)) : new Generator(BigInt(c.seed!));
        const def = c.gen ? new Generator(777) : g;
        c.ops.forEach((op, i) => {
          const want = c.out[i];
          const label = `${c.name} op#${i} ${op.op}`;
          if (!Array.isArray(want)) {
            // torch raised: we must raise the same Python error.
            try {
              runOp(op, g, def);
              failures.push(`${label}: expected ${want.error}: ${want.message}`);
            } catch (e) {
              if (!(e instanceof PyError) || e.pyType !== want.error || e.message !== want.message) {
                failures.push(`${label}: threw ${String(e)} instead of ${want.error}: ${want.message}`);
              }
            }
            compared++;
            return;
          }
          let pieces: Piece[];
          try {
            pieces = runOp(op, g, def);
          } catch (e) {
            failures.push(`${label}: threw ${String(e)}`);
            return;
          }
          const got = op.hash ? hashPieces(pieces) : encode(pieces);
          const err = compare(label, got, want, libmTolerant(op));
          if (err) failures.push(err);
          compared++;
        });
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    });
  }
});
