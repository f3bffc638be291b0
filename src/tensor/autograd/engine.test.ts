// The engine on real engine graphs: accumulation, retain_graph, freed graphs, version counter,
// implicit gradients, autograd.grad options, hooks, retain_grad, create_graph. Error texts come
// from fixtures/errors.oracle.json (PyTorch 2.6).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PyError } from '../../errors';
import * as T from '../index';
import { linear } from '../ops/linalg/matmul';
import { backward, grad, registerHook, retainGrad } from './index';
import { rec } from './testing/record';

const oracle = JSON.parse(JSON.parse(readFileSync(new URL('./fixtures/errors.oracle.json', import.meta.url), 'utf8')).stdout) as Record<
  string,
  { type?: string; message?: string; ok?: string }
>;

const leaf = (data: number[], shape = [data.length], dtype: 'float32' | 'float64' = 'float32'): T.Tensor => {
  const t = T.tensor(data, { dtype });
  const r = T.reshape(t, shape);
  const l = new T.Tensor(r.storage, r.shape, r.strides, r.offset);
  l.requiresGrad = true;
  return l;
};
const vals = (t: T.Tensor | null): number[] => Array.from(t!.dataSync() as Float32Array, Number);

async function expectError(p: Promise<unknown> | (() => unknown), key: string): Promise<void> {
  const want = oracle[key];
  let err: unknown = null;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PyError);
  expect((err as PyError).pyType).toBe(want.type);
  expect((err as PyError).message).toBe(want.message);
}

describe('backward', () => {
  it('runs the 68_grad_backward_overrides graph (linear + buffer, squared sum)', async () => {
    const w = leaf([2, 3], [1, 2]);
    const b = leaf([0.5]);
    const buf = T.tensor([1.0]);
    const x = T.reshape(T.tensor([1, 2, 3, 4], { dtype: 'float32' }), [2, 2]);
    const lin = rec(linear(x, w, b), [b, x, null]);
    const out = rec(T.add(lin, buf), [lin, buf], { params: [1] });
    const sq = rec(T.pow(out, 2), [out], { params: [2] });
    const loss = rec(T.sum(sq), [sq]);
    await backward([loss]);
    expect(vals(w.grad)).toEqual([136, 194]);
    expect(vals(b.grad)).toEqual([58]);
    expect(buf.grad).toBeNull();
  });

  it('accumulates into .grad in place across backwards', async () => {
    const x = leaf([1, 2]);
    const y1 = rec(T.mul(x, 3), [x], { scalars: [null, 3] });
    await backward([rec(T.sum(y1), [y1])]);
    const g = x.grad!;
    const y2 = rec(T.mul(x, 3), [x], { scalars: [null, 3] });
    await backward([rec(T.sum(y2), [y2])]);
    expect(x.grad).toBe(g);
    expect(vals(g)).toEqual([6, 6]);
  });

  it('frees saved tensors unless retain_graph', async () => {
    const x = leaf([1, 2]);
    const y = T.mul(x, x);
    const s = rec(T.sum(y), [y]);
    await backward([s]);
    await expectError(backward([s]), 'second_backward');
    const x2 = leaf([1, 2]);
    const a = T.add(x2, 1);
    const s2 = rec(T.sum(a), [a]);
    await backward([s2]);
    await backward([s2]);
    expect(vals(x2.grad)).toEqual(oracle.second_backward_nosaved.ok!.match(/-?\d+(\.\d*)?/g)!.map(Number));
  });

  it('retain_graph allows a second backward', async () => {
    const x = leaf([1, 2]);
    const y = T.mul(x, x);
    const s = rec(T.sum(y), [y]);
    await backward([s], [], { retainGraph: true });
    await backward([s]);
    expect(vals(x.grad)).toEqual([4, 8]);
  });

  it('checks saved versions with PyTorch message', async () => {
    const x = leaf([1, 1, 1]);
    const y = T.exp(x);
    T.add_(y, 1);
    const s = rec(T.sum(y), [y]);
    await expectError(backward([s]), 'version_counter_result');
    const x2 = leaf([1, 1]);
    const w = T.ones([2]);
    const z = rec(T.mul(x2, w), [x2, w]);
    const s2 = rec(T.sum(z), [z]);
    T.add_(w, 1);
    await expectError(backward([s2]), 'version_counter_leaf_nograd');
  });

  it('raises the implicit-gradient and no-grad_fn errors', async () => {
    const x = leaf([1, 1]);
    await expectError(backward([T.mul(x, 2)]), 'implicit_nonscalar');
    await expectError(backward([T.sum(T.ones([2]))]), 'no_grad_fn');
    await expectError(backward([T.sum(x), T.sum(T.ones([1]))]), 'no_grad_fn_1');
    await expectError(backward([T.sum(x)], [T.ones([2])]), 'backward_shape_mismatch');
  });
});

describe('autograd.grad', () => {
  it('captures without accumulating; unused inputs', async () => {
    const x = leaf([1, 1]);
    const y = leaf([1, 1]);
    const s = rec(T.sum(x), [x]);
    await expectError(grad([s], [x, y]), 'grad_unused');
    const s2 = rec(T.sum(x), [x]);
    const [gx, gy] = await grad([s2], [x, y], [], { allowUnused: true });
    expect(vals(gx)).toEqual([1, 1]);
    expect(gy).toBeNull();
    expect(x.grad).toBeNull();
    await expectError(grad([rec(T.sum(x), [x])], [x, T.ones([2])]), 'grad_input_no_rg');
    await expectError(grad([T.mul(x, 2)], [x], [T.ones([3])]), 'grad_shape_mismatch');
  });

  it('double backward through create_graph', async () => {
    const x = leaf([1, 2]);
    const c = rec(T.pow(x, 3), [x], { params: [3] });
    const [g] = await grad([rec(T.sum(c), [c])], [x], [], { createGraph: true });
    expect(g!.gradFn?.name).toBe('MulBackward0');
    expect(vals(g)).toEqual([3, 12]);
    const [g2] = await grad([rec(T.sum(g!), [g!])], [x]);
    expect(vals(g2)).toEqual([6, 12]);
  });
});

describe('hooks', () => {
  it('register_hook replaces the gradient; retain_grad keeps a non-leaf grad', async () => {
    const x = leaf([1, 2]);
    const y = rec(T.mul(x, 2), [x], { scalars: [null, 2] });
    retainGrad(y);
    const seen: number[][] = [];
    registerHook(x, (g) => {
      seen.push(vals(g));
      return T.mul(g, 10);
    });
    await backward([rec(T.sum(y), [y])]);
    expect(vals(y.grad)).toEqual([1, 1]);
    expect(seen).toEqual([[2, 2]]);
    expect(vals(x.grad)).toEqual([20, 20]);
    await expectError(() => registerHook(T.ones([2]), (g) => g), 'register_hook_norg');
    await expectError(() => retainGrad(T.ones([2])), 'retain_grad_norg');
  });
});

describe('gradient stealing (no copy) without shared memory', () => {
  it('a Linear weight keeps the gradient AddmmBackward0 made, in its own layout', async () => {
    const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]);
    const w = leaf([1, 0, -1, 2, 1, 0], [2, 3]);
    const b = leaf([0.5, -0.5]);
    await backward([T.sum(T.mul(linear(x, w, b), linear(x, w, b)))]);
    expect(w.grad!.isContiguous()).toBe(true);
    expect(w.grad!.base).toBeNull();
    expect(w.grad!.storage).not.toBe(x.grad!.storage);
    expect(w.grad!.storage).not.toBe(b.grad!.storage);
  });

  it('two leaves reached through views of one gradient get separate memory', async () => {
    const x = leaf([1, 2, 3, 4], [2, 2]);
    const y = leaf([5, 6, 7, 8], [2, 2]);
    // AddBackward0 hands the same gradient to both TBackward0 nodes: each returns a view of it
    await backward([T.sum(T.mul(T.add(T.t_(x), T.t_(y)), leaf([1, 2, 3, 4], [2, 2])))]);
    expect(x.grad!.storage).not.toBe(y.grad!.storage);
    expect(vals(x.grad)).toEqual(vals(y.grad));
    await backward([T.sum(T.add(T.t_(x), T.t_(y)))]);
    expect(vals(x.grad)).toEqual([2, 4, 3, 5]);
    expect(vals(y.grad)).toEqual([2, 4, 3, 5]);
  });
});
