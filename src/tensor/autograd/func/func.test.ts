// torch.func transforms on TS callables: values vs closed forms and the oracle's texts
// (../fixtures/errors.oracle.json), history rules (detached vs tracked results), nesting.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PyError } from '../../../errors';
import { PyDict, PyFloat, PyTuple, type PyValue } from '../../../python/object';
import { Tensor } from '../../tensor';
import * as O from '../ops';
import { backward } from '../api';
import { grad, gradAndValue, jacrev, jvp, vjp, vmap } from './index';

const oracle = JSON.parse(JSON.parse(readFileSync(new URL('../fixtures/errors.oracle.json', import.meta.url), 'utf8')).stdout) as Record<
  string,
  { type?: string; message?: string; ok?: string }
>;
const t = (v: number[], shape = [v.length]): Tensor => Tensor.fromArray(Float32Array.from(v), shape, 'float32');
const vals = (x: PyValue): number[] => Array.from((x as Tensor).dataSync() as Float32Array, (v) => Math.round(v * 1e4) / 1e4);
const nums = (s: string): number[] => s.match(/-?\d+(\.\d*)?(e[-+]\d+)?/g)!.map(Number);

async function expectOracleError(p: Promise<unknown>, key: string): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PyError);
  expect((err as PyError).pyType).toBe(oracle[key].type);
  expect((err as PyError).message).toBe(oracle[key].message);
}

const cube = async (a: PyValue[]): Promise<PyValue> => O.sum(O.mul(O.mul(a[0] as Tensor, a[0] as Tensor), a[0] as Tensor));

describe('grad / grad_and_value / vjp', () => {
  it('grad of sum(x^3) is 3x^2 and carries no history for plain inputs', async () => {
    const g = (await grad(cube, [t([1, 2])])) as Tensor;
    expect(vals(g)).toEqual([3, 12]);
    expect(g.requiresGrad).toBe(false);
  });

  it('keeps history for inputs that require grad (double backward through it)', async () => {
    const x = t([1, 2]);
    x.requiresGrad = true;
    const g = (await grad(cube, [x])) as Tensor;
    expect(g.requiresGrad).toBe(true);
    await backward([O.sum(g)]);
    expect(vals(x.grad)).toEqual([6, 12]);
  });

  it('nests: grad(grad(f)) of x^3 at 2 is 12', async () => {
    const inner = async (a: PyValue[]): Promise<PyValue> => O.sum((await grad(cube, a)) as Tensor);
    expect(vals(await grad(inner, [t([2])]))).toEqual([12]);
  });

  it('argnums tuple and has_aux match the oracle', async () => {
    const f = async (a: PyValue[]) => O.sum(O.mul(a[0] as Tensor, a[1] as Tensor));
    const r = (await grad(f, [t([1, 1]), t([3, 3])], [0, 1])) as PyTuple;
    expect([vals(r.items[0]), vals(r.items[1])].flat()).toEqual(nums(oracle.func_grad_argnums_tuple.ok!));
    const h = async (a: PyValue[]) => new PyTuple([O.sum(O.mul(a[0] as Tensor, a[0] as Tensor)), O.mean(a[0] as Tensor)]);
    const [g, v] = await gradAndValue(h, [t([1, 2])], 0, true);
    expect([...vals(g), ...vals((v as PyTuple).items[0]), ...vals((v as PyTuple).items[1])]).toEqual(nums(oracle.func_gv_aux.ok!));
  });

  it('raises PyTorch errors', async () => {
    await expectOracleError(grad(async (a) => O.mul(a[0] as Tensor, 2), [t([1, 1, 1])]), 'func_grad_nonscalar');
    await expectOracleError(grad(async (a) => new PyTuple([a[0], a[0]]), [t([1, 1, 1])]), 'func_grad_tuple_noaux');
    await expectOracleError(grad(async (a) => O.sum(a[0] as Tensor), [t([1, 1, 1])], 0, true), 'func_grad_has_aux_notuple');
    await expectOracleError(grad(async (a) => O.sum(a[0] as Tensor), [t([1, 1, 1])], 2), 'func_grad_argnums_range');
    await expectOracleError(grad(async () => new PyFloat(3), [t([1, 1, 1])]), 'func_grad_nontensor_out');
    await expectOracleError(grad(async (a) => O.sum(a[0] as Tensor), [new PyFloat(3)]), 'func_grad_nontensor_in');
    const ints = Tensor.fromArray(BigInt64Array.from([0n, 1n, 2n]), [3], 'int64');
    await expectOracleError(grad(async (a) => O.sum(a[0] as Tensor), [ints]), 'func_grad_int_input');
  });

  it('an output independent of the input gives zeros', async () => {
    expect(vals(await grad(async () => O.sum(t([1, 1, 1])), [t([1, 1, 1])]))).toEqual(nums(oracle.func_grad_independent.ok!));
  });

  it('grads of a dict of tensors come back as a dict with the same keys', async () => {
    const d = PyDict.fromEntries([['w', t([1, 2])], ['b', t([3])]]);
    const f = async (a: PyValue[]) => {
      const p = a[0] as PyDict;
      return O.sum(O.mul(O.mul(p.get('w') as Tensor, p.get('w') as Tensor), p.get('b') as Tensor));
    };
    const g = (await grad(f, [d])) as PyDict;
    expect([...g.keys()]).toEqual(['w', 'b']);
    expect(vals(g.get('w')!)).toEqual([6, 12]);
    expect(vals(g.get('b')!)).toEqual([5]);
  });

  it('vjp matches the oracle', async () => {
    const { output, vjpFn } = await vjp(async (a) => O.mul(a[0] as Tensor, a[0] as Tensor), [t([1, 2])]);
    const g = (await vjpFn(t([1, 1]))) as PyTuple;
    expect([...vals(output), ...vals(g.items[0])]).toEqual(nums(oracle.vjp_basic.ok!));
  });
});

describe('jacrev / jvp', () => {
  it('jacrev of x^2 is diag(2x)', async () => {
    const j = await jacrev(async (a) => O.mul(a[0] as Tensor, a[0] as Tensor), [t([1, 2, 3])]);
    expect((j as Tensor).shape).toEqual([3, 3]);
    expect(vals(j)).toEqual(nums(oracle.jacrev_basic.ok!));
  });
  it('jvp of x^2', async () => {
    const r = (await jvp(async (a) => O.mul(a[0] as Tensor, a[0] as Tensor), new PyTuple([t([1, 2])]), new PyTuple([t([1, 1])]))) as PyTuple;
    expect([...vals(r.items[0]), ...vals(r.items[1])]).toEqual(nums(oracle.jvp_basic.ok!));
    await expectOracleError(jvp(async (a) => a[0], new PyTuple([t([1, 2])]), new PyTuple([t([1, 1, 1])])), 'jvp_shape_mismatch');
    await expectOracleError(jvp(async (a) => a[0], t([1, 2]), t([1, 1])), 'jvp_not_tuple');
  });
});

describe('vmap', () => {
  const lam = { fnName: '<lambda>' };
  it('maps over dim 0 and stacks; out_dims', async () => {
    const r = (await vmap(async (a) => O.mul(a[0] as Tensor, 2), [t([1, 1, 1, 1, 1, 1], [3, 2])], { ...lam, outDims: 1 })) as Tensor;
    expect(r.shape).toEqual([2, 3]);
    expect(vals(r)).toEqual(nums(oracle.vmap_out_dims_1.ok!));
  });
  it('per-sample gradients: vmap(grad(f)) equals a loop', async () => {
    const xs = t([1, 2, 3, 4, 5, 6], [3, 2]);
    const w = t([0.5, -1]);
    const loss = async (a: PyValue[]) => O.sum(O.mul(O.mul(a[0] as Tensor, a[1] as Tensor), a[0] as Tensor));
    const per = (await vmap(async (a) => grad(loss, a), [w, xs], { inDims: new PyTuple([null, 0]) })) as Tensor;
    expect(per.shape).toEqual([3, 2]);
    const x = vals(xs);
    expect(vals(per)).toEqual([0, 1, 2].flatMap((i) => [2 * 0.5 * x[2 * i], -2 * x[2 * i + 1]]));
  });
  it('raises PyTorch errors', async () => {
    const f = async (a: PyValue[]) => O.mul(a[0] as Tensor, 2);
    await expectOracleError(vmap(f, [t([1, 1, 1])], { ...lam, inDims: 1, inDimsText: '1' }), 'vmap_in_dims_oob');
    await expectOracleError(vmap(async (a) => O.add(a[0] as Tensor, a[1] as Tensor), [t([1, 1, 1]), t([1, 1, 1, 1])], lam), 'vmap_size_mismatch');
    await expectOracleError(vmap(f, [t([1, 1, 1])], { ...lam, inDims: new PyTuple([0, 0]), inDimsText: '(0, 0)' }), 'vmap_in_dims_len');
    await expectOracleError(vmap(f, [new PyFloat(3)], lam), 'vmap_no_tensor');
    await expectOracleError(vmap(async () => new PyFloat(3), [t([1, 1, 1])], lam), 'vmap_out_not_tensor');
    await expectOracleError(vmap(f, [t([1, 1, 1])], { ...lam, inDims: null, inDimsText: 'None' }), 'vmap_in_dims_none');
    await expectOracleError(vmap(f, [Tensor.fromArray(Float32Array.from([3]), [], 'float32')], lam), 'vmap_0d');
    await expectOracleError(vmap(f, [t([1, 1, 1])], { ...lam, inDims: 'a', inDimsText: 'a' }), 'vmap_in_dims_str');
    await expectOracleError(vmap(f, [], lam), 'vmap_no_args');
    await expectOracleError(vmap(f, [t([1, 1, 1])], { ...lam, randomness: 'bogus' }), 'vmap_randomness_bad');
  });
});
