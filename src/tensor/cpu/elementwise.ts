// Compiles op-table entries into specialised CPU loops and runs them over strided operands. One
// compiled function per (op, compute domain, input dtypes, output dtype): the op's expression is
// pasted into a plain `for` loop so V8 sees a monomorphic body with no per-element calls (helpers
// in `H` are small and inlined). The driver coalesces dims so a contiguous or simply-strided
// operand set runs as one long inner loop; anything else walks the outer dims with an odometer.

import type { DType, StorageArray } from '../dtype';
import type { Layout } from '../backend';
import type { ElementwiseDef } from '../ops/table';
import { coalesce } from './strided';
import * as H from './math';
import { canCompileKernels, interpretedKernel, rowsOf, type RowKernel } from './interpret';

export type Domain = 'f' | 'i' | 'l' | 'b';

type Kernel = (
  H: unknown,
  out: StorageArray,
  o: number,
  os: number,
  n: number,
  p: readonly (number | bigint)[],
  ...operands: (StorageArray | number)[]
) => void;

const cache = new Map<string, Kernel>();

const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';

/** The domain an op computes in for a compute dtype (int64 uses bigints only if the op has `l`). */
export function domainFor(op: ElementwiseDef, compute: DType): Domain {
  if (isFloat(compute)) return 'f';
  if (compute === 'int64') return op.l !== undefined ? 'l' : 'i';
  if (compute === 'bool') return op.b !== undefined ? 'b' : 'i';
  return 'i';
}

function exprFor(op: ElementwiseDef, d: Domain): string {
  if (d === 'f') return op.f;
  if (d === 'l') return op.l ?? op.i ?? op.f;
  if (d === 'b') return op.b ?? op.i ?? op.f;
  return op.i ?? op.f;
}

/** Read an element of dtype `src` into domain `d` for compute dtype `compute`. */
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
      // int8..int32/uint8: typed-array stores truncate and wrap like a C cast
      return d === 'l' ? `Number(BigInt.asIntN(32, ${v}))` : v;
  }
}

const NAMES = ['a', 'b', 'c'];

function compile(op: ElementwiseDef, d: Domain, ins: readonly DType[], compute: DType, out: DType): Kernel {
  const logical = op.rule === 'logical';
  const boolResult = op.rule === 'compare' || op.rule === 'logical';
  const args: string[] = [];
  const loads: string[] = [];
  const steps: string[] = [];
  ins.forEach((dt, k) => {
    const x = `x${k}`;
    args.push(x, `${x}o`, `${x}s`);
    // where's condition is always read as truthiness
    const isCond = op.name === 'where' && k === 0;
    loads.push(`const ${NAMES[k]} = ${isCond ? `${x}[${x}o] !== 0` : loadExpr(`${x}[${x}o]`, dt, d, compute, logical)};`);
    steps.push(`${x}o += ${x}s;`);
  });
  const nParams = op.params ?? 0;
  // Under a Content-Security-Policy without 'unsafe-eval' `new Function` throws: run the same
  // expressions through interpret.ts instead (bit-identical, slower).
  if (!canCompileKernels()) {
    const vLoads = ins.map((dt, k) => (op.name === 'where' && k === 0 ? 'v !== 0' : loadExpr('v', dt, d, compute, logical)));
    return interpretedKernel(vLoads, storeExpr(exprFor(op, d), d, out, boolResult), nParams);
  }
  const params = Array.from({ length: nParams }, (_, k) => `const p${k} = p[${k}];`).join(' ');
  // Dense fast path: every operand unit-stride → index with one counter (V8 eliminates the
  // per-operand bookkeeping and bounds checks best in this shape).
  const unit = ['os === 1', ...ins.map((_, k) => `x${k}s === 1`)].join(' && ');
  // Offsets are folded away (zero, or rebased with subarray) so the dense loop indexes every
  // array with the bare counter: V8 then drops the bounds checks, ~30% faster on 1M floats.
  const denseLoads = loads.map((l, k) => l.replaceAll(`x${k}[x${k}o]`, `x${k}[i]`));
  const zeroOffsets = ['o === 0', ...ins.map((_, k) => `x${k}o === 0`)].join(' && ');
  const rebase = ['out = out.subarray(o, o + n);', ...ins.map((_, k) => `x${k} = x${k}.subarray(x${k}o, x${k}o + n);`)].join(' ');
  const store = storeExpr(exprFor(op, d), d, out, boolResult);
  const body = `${params}
  if (${unit}) {
    if (!(${zeroOffsets})) { ${rebase} }
    for (let i = 0; i < n; i++) {
      ${denseLoads.join(' ')}
      out[i] = ${store};
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    ${loads.join(' ')}
    out[o] = ${store};
    o += os; ${steps.join(' ')}
  }`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('H', 'out', 'o', 'os', 'n', 'p', ...args, body) as Kernel;
}

export function getKernel(op: ElementwiseDef, ins: readonly DType[], compute: DType, out: DType): Kernel {
  const d = domainFor(op, compute);
  // interpreted kernels (no eval allowed) are cached apart from compiled ones
  const key = `${canCompileKernels() ? '' : 'i|'}${op.name}|${d}|${compute}|${ins.join(',')}|${out}`;
  let k = cache.get(key);
  if (k === undefined) {
    k = compile(op, d, ins, compute, out);
    cache.set(key, k);
  }
  return k;
}

/** A 2-D loop (args per operand: array, offset, inner stride, outer stride). */
type Kernel2 = (
  H: unknown,
  out: StorageArray,
  o: number,
  os0: number,
  os1: number,
  n0: number,
  n1: number,
  p: readonly (number | bigint)[],
  ...operands: (StorageArray | number)[]
) => void;

const cache2 = new Map<string, Kernel2>();

/**
 * The same op as a two-level loop: broadcasts like [N, C] + [C] coalesce to 2-D, and with a short
 * inner dim a kernel call per row would cost more than the row (a bias add over [262144, 4] ran
 * 30x slower than a flat add); here the whole 2-D block is one call.
 */
function compile2(op: ElementwiseDef, d: Domain, ins: readonly DType[], compute: DType, out: DType): Kernel2 {
  // No eval allowed (CSP): the interpreted 1-D kernel, one call per row.
  if (!canCompileKernels()) return rowsOf(compile(op, d, ins, compute, out) as RowKernel, ins.length) as Kernel2;
  const logical = op.rule === 'logical';
  const boolResult = op.rule === 'compare' || op.rule === 'logical';
  const args: string[] = [];
  const loads: string[] = [];
  const init: string[] = [];
  const steps: string[] = [];
  const rows: string[] = [];
  ins.forEach((dt, k) => {
    const x = `x${k}`;
    args.push(x, `${x}o`, `${x}s0`, `${x}s1`);
    const isCond = op.name === 'where' && k === 0;
    loads.push(`const ${NAMES[k]} = ${isCond ? `${x}[${x}i] !== 0` : loadExpr(`${x}[${x}i]`, dt, d, compute, logical)};`);
    init.push(`let ${x}i = ${x}o;`);
    steps.push(`${x}i += ${x}s0;`);
    rows.push(`${x}o += ${x}s1;`);
  });
  const params = Array.from({ length: op.params ?? 0 }, (_, k) => `const p${k} = p[${k}];`).join(' ');
  const store = storeExpr(exprFor(op, d), d, out, boolResult);
  const body = `${params}
  for (let j = 0; j < n1; j++) {
    let oi = o; ${init.join(' ')}
    for (let i = 0; i < n0; i++) {
      ${loads.join(' ')}
      out[oi] = ${store};
      oi += os0; ${steps.join(' ')}
    }
    o += os1; ${rows.join(' ')}
  }`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('H', 'out', 'o', 'os0', 'os1', 'n0', 'n1', 'p', ...args, body) as Kernel2;
}

function getKernel2(op: ElementwiseDef, ins: readonly DType[], compute: DType, out: DType): Kernel2 {
  const d = domainFor(op, compute);
  const key = `${canCompileKernels() ? '' : 'i|'}${op.name}|${d}|${compute}|${ins.join(',')}|${out}`;
  let k = cache2.get(key);
  if (k === undefined) {
    k = compile2(op, d, ins, compute, out);
    cache2.set(key, k);
  }
  return k;
}

/** Rows at most this long run through the 2-D kernel (longer rows amortise a call per row and
 * keep the 1-D kernel's dense fast path). */
const SHORT_ROW = 64;

/** Run `op` over `out` (shape of the loop) and same-rank broadcast inputs. */
export function runElementwise(op: ElementwiseDef, out: Layout, inputs: readonly Layout[], compute: DType, params: readonly (number | bigint)[]): void {
  const n = out.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const kernel = getKernel(op, inputs.map((x) => x.dtype), compute, out.dtype);
  const { shape, strides } = coalesce(out.shape, [out.strides, ...inputs.map((x) => x.strides)]);
  const outArr = out.storage.data;
  // inputs are only read: dataForRead keeps a device storage's GPU copy valid
  const inArrs = inputs.map((x) => x.storage.dataForRead);
  const nd = shape.length;
  const inner = shape[nd - 1];
  const ops: (StorageArray | number)[] = [];
  const offs = [out.offset, ...inputs.map((x) => x.offset)];
  if (nd === 1) {
    for (let k = 0; k < inputs.length; k++) ops.push(inArrs[k], offs[k + 1], strides[k + 1][0]);
    kernel(H, outArr, offs[0], strides[0][0], inner, params, ...ops);
    return;
  }
  const m = inputs.length;
  if (inner <= SHORT_ROW) {
    // 2-D blocks over the last two dims; the odometer walks the dims before them
    const k2 = getKernel2(op, inputs.map((x) => x.dtype), compute, out.dtype);
    const rowsN = shape[nd - 2];
    const idx2 = new Array<number>(nd).fill(0);
    const pos2 = offs.slice();
    const blocks = n / (inner * rowsN);
    for (let it = 0; it < blocks; it++) {
      ops.length = 0;
      for (let k = 0; k < m; k++) ops.push(inArrs[k], pos2[k + 1], strides[k + 1][nd - 1], strides[k + 1][nd - 2]);
      k2(H, outArr, pos2[0], strides[0][nd - 1], strides[0][nd - 2], inner, rowsN, params, ...ops);
      for (let ax = nd - 3; ax >= 0; ax--) {
        idx2[ax]++;
        for (let k = 0; k <= m; k++) pos2[k] += strides[k][ax];
        if (idx2[ax] < shape[ax]) break;
        for (let k = 0; k <= m; k++) pos2[k] -= strides[k][ax] * shape[ax];
        idx2[ax] = 0;
      }
    }
    return;
  }
  const idx = new Array<number>(nd).fill(0);
  const pos = offs.slice();
  const outer = n / inner;
  for (let it = 0; it < outer; it++) {
    ops.length = 0;
    for (let k = 0; k < m; k++) ops.push(inArrs[k], pos[k + 1], strides[k + 1][nd - 1]);
    kernel(H, outArr, pos[0], strides[0][nd - 1], inner, params, ...ops);
    for (let ax = nd - 2; ax >= 0; ax--) {
      idx[ax]++;
      for (let k = 0; k <= m; k++) pos[k] += strides[k][ax];
      if (idx[ax] < shape[ax]) break;
      for (let k = 0; k <= m; k++) pos[k] -= strides[k][ax] * shape[ax];
      idx[ax] = 0;
    }
  }
}
