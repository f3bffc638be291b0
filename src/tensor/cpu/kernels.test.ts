// The generated kernels and their staging (elementwise.ts, cast.ts) against a reference: every
// op-table entry, in every compute dtype family, with homogeneous and mixed input dtypes, output
// casts, and every layout the driver distinguishes (one dense call, offsets, strided, transposed,
// broadcast rows and scalars, strided outputs, 3-D blocks, rows long enough to be chunked) must
// write bit-identical results, or throw the same error. The reference is the per-element
// semantics the CPU backend had before kernels were generated (the table's expressions with their
// load/store conversions, compiled here with `new Function`: fine in a Node test, never in the
// engine), evaluated element by element over multi-indices, with one change the oracle settled
// (fixtures/cast_first.py): operands are cast to the compute dtype before the op reads them, as
// PyTorch's TensorIterator does. Op results themselves are checked against PyTorch in
// ops/table.test.ts.

import { describe, expect, it } from 'vitest';
import { OPS, type ElementwiseDef } from '../ops/table';
import { allocStorageArray, ALL_DTYPES, type DType, type StorageArray } from '../dtype';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { elementwiseDtypes } from '../ops/elementwise';
import type { Layout } from '../backend';
import * as H from './math';
import { domainFor, familyFor, kernelFor, runElementwise, type Domain } from './elementwise';

// ---- the reference: one compiled scalar function per (op, dtypes) ------------------------------

const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';

function exprFor(op: ElementwiseDef, d: Domain): string {
  if (d === 'f') return op.f;
  if (d === 'l') return op.l ?? op.i ?? op.f;
  if (d === 'b') return op.b ?? op.i ?? op.f;
  return op.i ?? op.f;
}

function loadExpr(ref: string, src: DType, d: Domain, compute: DType, logical: boolean): string {
  if (logical) return `(${ref} != 0)`;
  if (d === 'l') return src === 'int64' ? ref : `BigInt(${ref})`;
  const v = src === 'int64' ? `Number(${ref})` : ref;
  if (d !== 'f' || src === compute) return v;
  if (compute === 'float32' && src !== 'float16' && src !== 'bfloat16') return `Math.fround(${v})`;
  if (compute === 'float16') return `H.f16(${v})`;
  if (compute === 'bfloat16') return `H.bf16(${v})`;
  return v;
}

function storeExpr(v: string, d: Domain, out: DType, boolResult: boolean): string {
  if (boolResult) return out === 'int64' ? `((${v}) ? 1n : 0n)` : `((${v}) ? 1 : 0)`;
  switch (out) {
    case 'float32':
    case 'float64':
      return d === 'l' ? `Number(${v})` : v;
    case 'float16':
      return d === 'l' ? `H.f16(Number(${v}))` : `H.f16(${v})`;
    case 'bfloat16':
      return d === 'l' ? `H.bf16(Number(${v}))` : `H.bf16(${v})`;
    case 'int64':
      return d === 'l' ? v : d === 'f' ? `H.toI64(${v})` : `BigInt(${v})`;
    case 'bool':
      return d === 'l' ? `((${v}) !== 0n ? 1 : 0)` : `((${v}) !== 0 ? 1 : 0)`;
    default:
      return d === 'l' ? `Number(BigInt.asIntN(32, ${v}))` : v;
  }
}

type Scalar = (h: unknown, p: readonly (number | bigint)[], ...x: unknown[]) => number | bigint;

const valueDomain = (d: DType): Domain => (d === 'int64' ? 'l' : d === 'bool' ? 'b' : isFloat(d) ? 'f' : 'i');

const casts = new Map<string, Scalar>();
/** A stored value of dtype `src` as a value of dtype `to` (what copy_ writes), read back. */
function castValue(v: number | bigint, src: DType, to: DType): number | bigint {
  const key = `${src}>${to}`;
  let f = casts.get(key);
  if (f === undefined) {
    f = new Function('H', 'p', 'a', `return ${storeExpr('a', valueDomain(src), to, false)};`) as Scalar;
    casts.set(key, f);
  }
  const a = allocStorageArray(to, 1);
  (a as unknown as unknown[])[0] = f(H, [], v);
  return a[0];
}

function reference(op: ElementwiseDef, ins: readonly DType[], compute: DType, out: DType): Scalar {
  const d = domainFor(op, compute);
  const logical = op.rule === 'logical';
  const cond = (k: number): boolean => op.name === 'where' && k === 0;
  // operands are first cast to the compute dtype, then loaded as values of that dtype
  const loads = ins.map((dt, k) => `const ${'abc'[k]} = ${cond(k) ? `x${k} !== 0` : loadExpr(`x${k}`, compute, d, compute, logical)};`);
  // the precision-generic helpers (H.fma, H.rnd) and cast parameters in the compute float type
  const f32 = compute === 'float32';
  const cast = f32 && op.castParams === true && d === 'f';
  const params = Array.from({ length: op.params ?? 0 }, (_, k) => `const p${k} = ${cast ? `Math.fround(p[${k}])` : `p[${k}]`};`);
  const expr = exprFor(op, d).replace(/\bH\.fma\(/g, f32 ? 'H.fmaF32(' : 'H.fmaF64(').replace(/\bH\.rnd\(/g, f32 ? 'Math.fround(' : '(');
  const body = `${params.join(' ')} ${loads.join(' ')} return ${storeExpr(expr, d, out, op.rule === 'compare' || op.rule === 'logical')};`;
  const f = new Function('H', 'p', 'x0', 'x1', 'x2', body) as Scalar;
  return (h, p, ...xs) => f(h, p, ...xs.map((x, k) => (cond(k) || ins[k] === compute ? x : castValue(x as number | bigint, ins[k], compute))));
}

// ---- operands ---------------------------------------------------------------------------------

const FLOATS = [0, -0, 1.5, -2.25, 3, NaN, Infinity, -Infinity, 0.5, -7, 1e-3, 100, 0.1, -1e-40, 65519, 3.3e38, 7.25, -0.5, 2];
const INTS = [0, 1, -1, 2, -3, 7, 100, -128, 5, 3, -2, 9, 1000, -70000, 4, 6, -9, 11, 2 ** 31 - 1];

function fill(dt: DType, n: number, seed: number): StorageArray {
  const a = allocStorageArray(dt, n);
  for (let i = 0; i < n; i++) {
    const j = (i * 7 + seed * 5) % FLOATS.length;
    if (dt === 'int64') (a as BigInt64Array)[i] = BigInt(INTS[j]);
    else if (dt === 'bool') (a as Uint8Array)[i] = INTS[j] > 0 ? 1 : 0;
    else if (dt === 'float16') (a as Float32Array)[i] = H.f16(FLOATS[j]);
    else if (dt === 'bfloat16') (a as Float32Array)[i] = H.bf16(FLOATS[j]);
    else if (isFloat(dt)) (a as Float64Array)[i] = FLOATS[j];
    else (a as Int32Array)[i] = INTS[j];
  }
  return a;
}

/** How an operand is laid out over the loop shape (strides into a storage of its own). */
type Kind = 'dense' | 'offset' | 'strided' | 'transposed' | 'row' | 'scalar';

function layout(kind: Kind, shape: readonly number[], dtype: DType, seed: number): Layout {
  const nd = shape.length;
  const n = shape.reduce((a, b) => a * b, 1);
  const contig = (sh: readonly number[]): number[] => sh.map((_, k) => sh.slice(k + 1).reduce((a, b) => a * b, 1));
  let strides: number[];
  let offset = 0;
  let size = n;
  switch (kind) {
    case 'dense':
      strides = contig(shape);
      break;
    case 'offset':
      strides = contig(shape);
      offset = 3;
      size = n + 3;
      break;
    case 'strided':
      strides = contig(shape).map((s) => 2 * s);
      offset = 1;
      size = 2 * n + 1;
      break;
    case 'transposed': {
      // the last two dims swapped in memory
      const sh = [...shape.slice(0, nd - 2), shape[nd - 1], shape[nd - 2]];
      const c = contig(sh);
      strides = [...c.slice(0, nd - 2), c[nd - 1], c[nd - 2]];
      break;
    }
    case 'row':
      strides = [...shape.slice(0, nd - 1).map(() => 0), 1];
      size = shape[nd - 1];
      break;
    default:
      strides = shape.map(() => 0);
      size = 1;
  }
  return { storage: new Storage(fill(dtype, size, seed), dtype), shape, strides, offset, dtype };
}

const show = (a: StorageArray): unknown[] =>
  Array.from(a as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v));

interface Config {
  shape: number[];
  ins: Kind[];
  out: Kind;
}

/** Runs the engine and the reference on one configuration: written storages, or the error name. */
function compare(op: ElementwiseDef, dts: readonly DType[], compute: DType, outDt: DType, cfg: Config): [unknown, unknown] {
  const d = domainFor(op, compute);
  const params = Array.from({ length: op.params ?? 0 }, (_, k) => (d === 'l' ? BigInt(k + 1) : [0.5, 2, 1][k]));
  const ins = dts.map((dt, k) => layout(cfg.ins[k], cfg.shape, dt, k + 1));
  const out = () => layout(cfg.out, cfg.shape, outDt, 9);
  const got = out();
  const want = out();
  let engine: unknown;
  try {
    runElementwise(op, got, ins, compute, params);
    engine = show(got.storage.data);
  } catch (e) {
    engine = `throws ${(e as Error).name}`;
  }
  let expected: unknown;
  try {
    const f = reference(op, dts, compute, outDt);
    const o = want.storage.data as unknown as (number | bigint)[];
    const nd = cfg.shape.length;
    const idx = new Array<number>(nd).fill(0);
    const n = cfg.shape.reduce((a, b) => a * b, 1);
    for (let e = 0; e < n; e++) {
      const at = (l: Layout): number => idx.reduce((s, v, k) => s + v * l.strides[k], l.offset);
      o[at(want)] = f(H, params, ...ins.map((l) => l.storage.data[at(l)]));
      for (let ax = nd - 1; ax >= 0 && ++idx[ax] === cfg.shape[ax]; ax--) idx[ax] = 0;
    }
    expected = show(want.storage.data);
  } catch (e) {
    expected = `throws ${(e as Error).name}`;
  }
  return [engine, expected];
}

// ---- the matrix -------------------------------------------------------------------------------

const same = (dt: DType) => (n: number): DType[] => Array(n).fill(dt);
const mixed = (...dts: DType[]) => (n: number): DType[] => dts.slice(0, n);

/** (compute, input dtypes, output dtype or the op's result dtype). */
const CASES: { compute: DType; ins: (n: number) => DType[]; out?: DType }[] = [
  ...ALL_DTYPES.map((dt) => ({ compute: dt, ins: same(dt) })),
  { compute: 'float32', ins: mixed('int32', 'float64', 'uint8') },
  { compute: 'float32', ins: mixed('float16', 'int64', 'bool') },
  { compute: 'float16', ins: mixed('float32', 'int64', 'bool') },
  { compute: 'bfloat16', ins: mixed('float64', 'int8', 'float16') },
  { compute: 'float64', ins: mixed('float32', 'int64', 'bfloat16') },
  { compute: 'int64', ins: mixed('int32', 'int64', 'bool') },
  { compute: 'int32', ins: mixed('int16', 'uint8', 'int8') },
  { compute: 'int16', ins: mixed('int8', 'bool', 'int16') },
  // results cast into another dtype (an in-place op on a tensor of that dtype)
  { compute: 'float64', ins: same('float64'), out: 'float32' },
  { compute: 'float64', ins: same('float64'), out: 'float16' },
  { compute: 'float64', ins: same('float64'), out: 'bfloat16' },
  { compute: 'int32', ins: same('int32'), out: 'int64' },
  { compute: 'int32', ins: same('int32'), out: 'float32' },
  { compute: 'uint8', ins: same('uint8'), out: 'int8' },
  { compute: 'int64', ins: same('int64'), out: 'float64' },
  { compute: 'int64', ins: same('int64'), out: 'int32' },
  { compute: 'bool', ins: same('bool'), out: 'float32' },
  { compute: 'bool', ins: same('bool'), out: 'int64' },
];

const CONFIGS: Config[] = [
  { shape: [3, 4], ins: ['dense', 'dense', 'dense'], out: 'dense' },
  { shape: [3, 4], ins: ['offset', 'offset', 'offset'], out: 'offset' },
  { shape: [3, 4], ins: ['transposed', 'row', 'scalar'], out: 'strided' },
  { shape: [3, 4], ins: ['strided', 'scalar', 'row'], out: 'dense' },
  { shape: [2, 3, 5], ins: ['row', 'transposed', 'dense'], out: 'transposed' },
];

/** Long rows: chunked within a row, broadcast rows read in place. */
const LONG: Config[] = [
  { shape: [2, 5000], ins: ['dense', 'row', 'scalar'], out: 'dense' },
  { shape: [3, 1100], ins: ['strided', 'dense', 'row'], out: 'strided' },
  { shape: [4500], ins: ['dense', 'scalar', 'dense'], out: 'dense' },
  { shape: [15, 300], ins: ['transposed', 'row', 'dense'], out: 'dense' },
];

/** Whether the engine runs op in `compute` with these inputs (ops raise first otherwise). */
function accepted(op: ElementwiseDef, ins: readonly DType[], compute: DType): boolean {
  try {
    return elementwiseDtypes(op, ins.map((dt) => Tensor.empty([1], dt)), compute).compute === compute;
  } catch {
    return false;
  }
}

const resultOf = (op: ElementwiseDef, compute: DType): DType => (op.rule === 'compare' || op.rule === 'logical' ? 'bool' : compute);

describe('generated kernels match the reference semantics', () => {
  for (const op of OPS.values()) {
    it(op.name, () => {
      let compared = 0;
      for (const c of CASES) {
        const ins = c.ins(op.arity);
        if (op.name === 'where') ins[0] = 'bool';
        if (!accepted(op, ins, c.compute)) continue;
        // the copy op computes in its source dtype and writes any dtype
        const outs = op.name === 'copy' ? ALL_DTYPES : [c.out ?? resultOf(op, c.compute)];
        for (const outDt of outs) {
          const configs = c.out === undefined && outDt === resultOf(op, c.compute) && ['float32', 'int64', 'bool'].includes(c.compute) ? [...CONFIGS, ...LONG] : CONFIGS;
          for (const cfg of configs) {
            const [engine, expected] = compare(op, ins, c.compute, outDt, cfg);
            expect(engine, `${op.name} compute=${c.compute} ins=${ins.join(',')} out=${outDt} ${cfg.shape} ${cfg.ins.join(',')}→${cfg.out}`).toEqual(expected);
            if (Array.isArray(expected)) compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});

describe('kernel coverage', () => {
  it('every op has a loop for every dtype it accepts', () => {
    for (const op of OPS.values()) {
      for (const dt of ALL_DTYPES) {
        const ins = Array<DType>(op.arity).fill(dt);
        if (op.name === 'where') ins[0] = 'bool';
        if (!accepted(op, ins, dt)) continue;
        expect(() => kernelFor(op, familyFor(op, dt)), `${op.name} ${dt}`).not.toThrow();
      }
    }
  });
});
