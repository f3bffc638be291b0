// Loop-structure check of the CPU elementwise driver: every path (1-D dense with and without
// offsets, 1-D strided, 2-D blocks for short rows with the outer odometer, long rows) must compute
// exactly what a naive per-element walk computes. The op semantics themselves are checked against
// PyTorch in ops/table.test.ts; here only the iteration is under test, on random layouts.

import { describe, expect, it } from 'vitest';
import { Storage } from '../storage';
import { broadcastStrides } from '../shape';
import { opDef } from '../ops/table';
import { runElementwise } from './elementwise';
import type { Layout } from '../backend';

/** Deterministic LCG in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A random strided view (possibly permuted, stepped, offset) over a fresh float64 storage. */
function randomLayout(r: () => number, shape: number[]): Layout {
  const nd = shape.length;
  const perm = shape.map((_, i) => i).sort(() => r() - 0.5);
  const steps = shape.map(() => (r() < 0.3 ? 2 : 1));
  const strides = new Array<number>(nd);
  let acc = 1;
  for (const d of perm.slice().reverse()) {
    strides[d] = acc * steps[d];
    acc *= Math.max(shape[d], 1) * steps[d];
  }
  const offset = Math.floor(r() * 5);
  const data = new Float64Array(acc + offset + 1).map(() => Math.round(r() * 200 - 100) / 4);
  return { storage: new Storage(data, 'float64'), shape, strides, offset, dtype: 'float64' };
}

function at(l: Layout, idx: number[], strides: readonly number[]): number {
  let o = l.offset;
  idx.forEach((v, k) => (o += v * strides[k]));
  return l.storage.data[o] as number;
}

describe('CPU elementwise loops', () => {
  it('match a naive walk on random shapes, broadcasts and layouts', () => {
    const r = lcg(7);
    const add = opDef('add');
    for (let trial = 0; trial < 300; trial++) {
      const nd = 1 + Math.floor(r() * 4);
      const shape = Array.from({ length: nd }, () => 1 + Math.floor(r() * (r() < 0.2 ? 90 : 6)));
      // b broadcasts over a random subset of dims
      const bShape = shape.map((s) => (r() < 0.4 ? 1 : s));
      const a = randomLayout(r, shape);
      const b = randomLayout(r, bShape);
      const out = randomLayout(r, shape);
      const bStrides = broadcastStrides(bShape, b.strides, shape);
      runElementwise(add, out, [a, { ...b, shape, strides: bStrides }], 'float64', [2]);
      const n = shape.reduce((x, y) => x * y, 1);
      const idx = new Array<number>(nd).fill(0);
      for (let k = 0; k < n; k++) {
        const want = at(a, idx, a.strides) + 2 * at(b, idx, bStrides);
        const got = at(out, idx, out.strides);
        if (got !== want) expect({ trial, shape, bShape, idx, got }).toEqual({ trial, shape, bShape, idx, got: want });
        for (let ax = nd - 1; ax >= 0; ax--) {
          if (++idx[ax] < shape[ax]) break;
          idx[ax] = 0;
        }
      }
    }
  });
});
