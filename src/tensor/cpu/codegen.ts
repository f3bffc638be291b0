// Build-time generator of the CPU elementwise kernels: turns the op table (ops/table.ts) into the
// TypeScript source of kernels.generated.ts, so the engine ships plain functions and never
// evaluates strings (the page runs under a CSP without 'unsafe-eval'). Run by
// scripts/gen-cpu-kernels.ts; kernels.generated.test.ts regenerates in memory and fails when the
// committed file is stale. Nothing at run time imports this file.
//
// What is generated, and why only this much:
//  - one DENSE loop per (op, family): every operand a unit-stride array of the family's storage
//    class, the op's expression pasted into the loop body. A family is a compute domain on one
//    typed-array class (F32: float32 on Float32Array, F64: doubles on Float64Array, I: integral
//    numbers on Float64Array, L: int64 bigints, B: bool bytes), so each loop sees one array class
//    per operand (V8 keeps it monomorphic; five classes through one loop ran 30x slower).
//    Loops with identical text are emitted once and shared (named after the first op with them).
//  - per storage class, a GATHER (2-D strided block → dense) and a SCATTER (dense → 2-D strided).
//    Strided, broadcast and mixed-dtype calls are staged by cpu/elementwise.ts through these:
//    chunks are gathered (and cast, cpu/cast.ts) into dense scratch, run through the dense loop,
//    scattered back. On 1M float32 elements this matched per-op strided loops for binary ops (a
//    transposed add, a [262144, 4] + [4] or [1024, 1024] + [1024] bias add) at a fraction of the
//    code; it costs one pass through scratch, which shows on cheap unary ops only, so
//  - unary ops also get one fused 2-D strided float32 loop (stridedBody).

import type { ElementwiseDef } from '../ops/table';
import { boolResult, type Family } from './kernel_types';

const ARRAY_OF: Record<Family, string> = { F32: 'Float32Array', F64: 'Float64Array', I: 'Float64Array', L: 'BigInt64Array', B: 'Uint8Array' };

/** The storage classes the staging loops are generated for (every dtype's class). */
export const STORAGE_CLASSES = ['Float32Array', 'Float64Array', 'BigInt64Array', 'Int32Array', 'Int16Array', 'Int8Array', 'Uint8Array'] as const;

/** The expression an op computes in a family (the table's fallbacks: l → i → f, b → i → f). */
function exprFor(op: ElementwiseDef, fam: Family): string {
  if (fam === 'L') return op.l ?? op.i ?? op.f;
  if (fam === 'B') return op.b ?? op.i ?? op.f;
  if (fam === 'I') return inPrecision(op.i ?? op.f, fam);
  return inPrecision(op.f, fam);
}

/**
 * The table's precision-generic helpers made concrete for a family: `H.fma(x, y, z)` rounds once
 * in the family's float type (fmaF32 / fmaF64), `H.rnd(x)` rounds an intermediate to it
 * (Math.fround in F32; nothing in the double families, whose arithmetic already is the dtype's).
 */
function inPrecision(e: string, fam: Family): string {
  const f32 = fam === 'F32';
  return e.replace(/\bH\.fma\(/g, f32 ? 'H.fmaF32(' : 'H.fmaF64(').replace(/\bH\.rnd\(/g, f32 ? 'Math.fround(' : '(');
}

/** Loads of the scalar parameters p0..: in F32 loops of a `castParams` op they are rounded to
 * float first, as PyTorch converts such a Scalar to the kernel's float type. */
function paramLoads(op: ElementwiseDef, fam: Family): string {
  const type = fam === 'L' ? 'bigint' : 'number';
  const cast = fam === 'F32' && op.castParams === true;
  return Array.from({ length: op.params ?? 0 }, (_, k) => `  const p${k} = ${cast ? `Math.fround(p[${k}] as number)` : `p[${k}] as ${type}`};\n`).join('');
}

/** Whether integral (and bool) compute dtypes reach the kernel at all (else ops raise first). */
const intsAllowed = (op: ElementwiseDef): boolean => op.rule !== 'float' && (op.intError === undefined || op.rule === 'bitwise');

/** The families an op has kernels in; calls in any other family raise before they get here. */
export function familiesOf(op: ElementwiseDef): Family[] {
  const fams: Family[] = [];
  if (op.rule !== 'bitwise') fams.push('F32', 'F64');
  if (intsAllowed(op)) {
    fams.push('I');
    if (op.l !== undefined) fams.push('L');
    if (op.b !== undefined) fams.push('B');
  }
  return fams;
}

const NAMES = ['a', 'b', 'c'];
const ident = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');

/** The dense loop's text after its name: parameters and body. */
function denseBody(op: ElementwiseDef, fam: Family): string {
  const arr = ARRAY_OF[fam];
  const outArr = boolResult(op) ? 'Uint8Array' : arr;
  const ins = Array.from({ length: op.arity }, (_, k) => {
    // where's condition is bool bytes in every family, read as truthiness
    const isCond = op.name === 'where' && k === 0;
    return { k, arr: isCond ? 'Uint8Array' : arr, isCond };
  });
  const params = ['out: ' + outArr, 'n: number', 'p: P', ...ins.map((x) => `x${x.k}: ${x.arr}`)].join(', ');
  const pLoads = paramLoads(op, fam);
  const zero = fam === 'L' ? '0n' : '0';
  const loads = ins.map(({ k, isCond }) => {
    const raw = `x${k}[i]`;
    const v = isCond ? `${raw} !== 0` : op.rule === 'logical' ? `${raw} !== ${zero}` : raw;
    return `${NAMES[k]} = ${v}`;
  });
  const e = exprFor(op, fam);
  const store = boolResult(op) ? `(${e}) ? 1 : 0` : fam === 'B' ? `(${e}) !== 0 ? 1 : 0` : e;
  return `(${params}): void {\n${pLoads}  for (let i = 0; i < n; i++) {\n    const ${loads.join(', ')};\n    out[i] = ${store};\n  }\n}`;
}

/**
 * The 2-D strided loop of a unary F32 op (element (j, i) of operand x at xo + j*xs1 + i*xs0): one
 * pass over a strided float32 input, where staging would add a pass through scratch — measurable
 * only on cheap ops (relu over a transposed 1M float32: 2.8 vs 3.9 ms), so only these are emitted.
 */
function stridedBody(op: ElementwiseDef): string {
  const pLoads = paramLoads(op, 'F32');
  const load = op.rule === 'logical' ? 'x0[x0i] !== 0' : 'x0[x0i]';
  const e = exprFor(op, 'F32');
  const store = boolResult(op) ? `(${e}) ? 1 : 0` : e;
  const outArr = boolResult(op) ? 'Uint8Array' : 'Float32Array';
  return `(out: ${outArr}, o: number, os0: number, os1: number, n0: number, n1: number, p: P, x0: Float32Array, x0o: number, x0s0: number, x0s1: number): void {
${pLoads}  for (let j = 0; j < n1; j++, o += os1, x0o += x0s1) {
    for (let i = 0, oi = o, x0i = x0o; i < n0; i++, oi += os0, x0i += x0s0) {
      const a = ${load};
      out[oi] = ${store};
    }
  }
}`;
}

/** Whether an op gets a fused strided F32 loop (see stridedBody). */
export const hasStridedF32 = (op: ElementwiseDef): boolean => op.arity === 1 && op.rule !== 'bitwise';

const classKey = (cls: string): string => cls.replace('Array', '').replace('BigInt64', 'I64');

function stagingLoops(): string[] {
  return STORAGE_CLASSES.flatMap((cls) => {
    const k = classKey(cls);
    return [
      `/** ${cls}: k elements of a 2-D block (element (j, i) at base + j*s1 + i*s0), from flat index t0, into dst[0..k). */
function gather${k}(dst: ${cls}, src: ${cls}, base: number, s0: number, s1: number, n0: number, t0: number, k: number): void {
  const j = Math.floor(t0 / n0);
  let i = t0 - j * n0;
  let row = base + j * s1;
  for (let c = 0; c < k; ) {
    const len = Math.min(n0 - i, k - c);
    let q = row + i * s0;
    for (let e = c + len; c < e; c++, q += s0) dst[c] = src[q];
    i = 0;
    row += s1;
  }
}`,
      `/** ${cls}: src[0..k) into the same 2-D block positions gather${k} reads. */
function scatter${k}(dst: ${cls}, base: number, s0: number, s1: number, n0: number, t0: number, k: number, src: ${cls}): void {
  const j = Math.floor(t0 / n0);
  let i = t0 - j * n0;
  let row = base + j * s1;
  for (let c = 0; c < k; ) {
    const len = Math.min(n0 - i, k - c);
    let q = row + i * s0;
    for (let e = c + len; c < e; c++, q += s0) dst[q] = src[c];
    i = 0;
    row += s1;
  }
}`,
    ];
  });
}

export const GENERATED_HEADER = `// GENERATED by scripts/gen-cpu-kernels.ts from src/tensor/ops/table.ts — do not edit by hand.
// Regenerate after changing the op table: npx tsx scripts/gen-cpu-kernels.ts (npm run gen:kernels).
// kernels.generated.test.ts fails while this file is stale. Layout and the reasons behind it:
// src/tensor/cpu/codegen.ts; the driver that runs these loops: src/tensor/cpu/elementwise.ts.`;

/** The full text of kernels.generated.ts for these op-table entries (in table order). */
export function generateKernelsSource(defs: readonly ElementwiseDef[]): string {
  const fns: string[] = [];
  const byBody = new Map<string, string>();
  const table: string[] = [];
  for (const op of defs) {
    const entries: string[] = [];
    for (const fam of familiesOf(op)) {
      const body = denseBody(op, fam);
      let name = byBody.get(body);
      if (name === undefined) {
        name = `${ident(op.name)}_${fam}`;
        byBody.set(body, name);
        fns.push(`function ${name}${body}`);
      }
      entries.push(`${fam}: k(${name})`);
    }
    if (hasStridedF32(op)) {
      const body = stridedBody(op);
      let name = byBody.get(body);
      if (name === undefined) {
        name = `${ident(op.name)}_F32_strided`;
        byBody.set(body, name);
        fns.push(`function ${name}${body}`);
      }
      entries.push(`F32S: s(${name})`);
    }
    table.push(`  ${/^[A-Za-z_]\w*$/.test(op.name) ? op.name : JSON.stringify(op.name)}: { ${entries.join(', ')} },`);
  }
  const staging = STORAGE_CLASSES.map((cls) => `  [${cls}, { gather: gather${classKey(cls)} as Gather, scatter: scatter${classKey(cls)} as Scatter }],`);
  return `${GENERATED_HEADER}

/* eslint-disable */
import * as H from './math';
import type { DenseKernel, Gather, OpKernels, P, Scatter, StridedKernel } from './kernel_types';

/** Erase a loop's exact array types for the table (the driver passes the family's arrays). */
const k = (f: (...args: never[]) => void): DenseKernel => f as unknown as DenseKernel;
const s = (f: (...args: never[]) => void): StridedKernel => f as unknown as StridedKernel;

${fns.join('\n\n')}

${stagingLoops().join('\n\n')}

/** Dense loops by op name and family. */
export const KERNELS: Readonly<Record<string, OpKernels>> = {
${table.join('\n')}
};

/** Gather/scatter loops by storage class (the array's constructor). */
export const STAGING: ReadonlyMap<unknown, { gather: Gather; scatter: Scatter }> = new Map<unknown, { gather: Gather; scatter: Scatter }>([
${staging.join('\n')}
]);
`;
}
