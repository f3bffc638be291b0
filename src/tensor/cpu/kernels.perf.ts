// Measures the CPU elementwise kernels on the sizes the engine targets (1M float32 elements): add,
// mul, exp, relu and gelu over dense operands and over transposed (strided) ones, and a broadcast
// bias add in both row shapes the driver distinguishes ([262144, 4] + [4]: short rows; [1024, 1024]
// + [1024]: long rows). Each case runs the kernel driver alone (preallocated output) and prints the
// median and best of many runs. Not a test: speed lives in benches.
// Run: npx tsx src/tensor/cpu/kernels.perf.ts

import { Storage } from '../storage';
import { opDef } from '../ops/table';
import type { Layout } from '../backend';
import { runElementwise } from './elementwise';

const N = 1 << 20;

function f32(n: number, seed: number): Storage {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i * 0.37 + seed) * 3;
  return new Storage(a, 'float32');
}

const dense = (st: Storage, shape: number[]): Layout => {
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((x, y) => x * y, 1));
  return { storage: st, shape, strides, offset: 0, dtype: 'float32' };
};
/** The [1024, 1024] transpose of a dense [1024, 1024] storage: inner stride 1024. */
const transposed = (st: Storage): Layout => ({ storage: st, shape: [1024, 1024], strides: [1, 1024], offset: 0, dtype: 'float32' });

const A = f32(N, 1);
const B = f32(N, 2);
const OUT = Storage.alloc('float32', N);
const BIAS4 = f32(4, 3);
const BIAS1K = f32(1024, 4);

interface Case {
  name: string;
  run: () => void;
}

function unary(op: string, params: number[], strided: boolean): Case {
  const def = opDef(op);
  const out = dense(OUT, [1024, 1024]);
  const a = strided ? transposed(A) : dense(A, [1024, 1024]);
  return { name: `${op} ${strided ? 'strided' : 'dense'}`, run: () => runElementwise(def, out, [a], 'float32', params) };
}

function binary(op: string, params: number[], strided: boolean): Case {
  const def = opDef(op);
  const out = dense(OUT, [1024, 1024]);
  const a = strided ? transposed(A) : dense(A, [1024, 1024]);
  const b = strided ? transposed(B) : dense(B, [1024, 1024]);
  return { name: `${op} ${strided ? 'strided' : 'dense'}`, run: () => runElementwise(def, out, [a, b], 'float32', params) };
}

function bias(rows: number, cols: number, st: Storage): Case {
  const def = opDef('add');
  const out = dense(OUT, [rows, cols]);
  const a = dense(A, [rows, cols]);
  const b: Layout = { storage: st, shape: [rows, cols], strides: [0, 1], offset: 0, dtype: 'float32' };
  return { name: `bias add [${rows}, ${cols}] + [${cols}]`, run: () => runElementwise(def, out, [a, b], 'float32', [1]) };
}

const CASES: Case[] = [];
for (const strided of [false, true]) {
  CASES.push(binary('add', [1], strided), binary('mul', [], strided), unary('exp', [], strided), unary('relu', [], strided), unary('gelu', [], strided));
}
CASES.push(bias(262144, 4, BIAS4), bias(1024, 1024, BIAS1K));

function bench(c: Case, runs: number): { median: number; best: number } {
  for (let i = 0; i < 10; i++) c.run();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    c.run();
    ts.push(performance.now() - t0);
  }
  ts.sort((x, y) => x - y);
  return { median: ts[runs >> 1], best: ts[0] };
}

const runs = Number(process.argv[2] ?? 60);
for (const c of CASES) {
  const r = bench(c, runs);
  console.log(`${c.name.padEnd(30)} median ${r.median.toFixed(3).padStart(8)} ms   best ${r.best.toFixed(3).padStart(8)} ms`);
}
