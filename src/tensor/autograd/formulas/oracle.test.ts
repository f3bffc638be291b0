// The second-pass formulas against real PyTorch 2.6. fixtures/grads.oracle.py ran each case in
// PyTorch (float64) and recorded its grad_fn name, its inputs and d(sum(out * w))/d(inputs) for a
// fixed ramp w; here each case is replayed on the engine from the recorded inputs (most of these
// ops have no Python binding yet, so the replay is in TypeScript, op for op). The parametrization
// fixture (param_grads.oracle.py: orthogonal via matrix_exp and householder_product, weight_norm)
// runs end to end through the interpreter.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as T from '../../index';
import { grad } from '../api';
import { det, householderProduct, inv, qr, solve } from '../../ops/linalg/decomp';
import { matrixExp } from '../../ops/linalg/matrix_exp';
import { svdvals } from '../../ops/linalg/svd';
import { weightNorm } from '../../ops/linalg/norms';
import { prepareRuntime } from '../../../run/prepare';
import { dumpScript } from '../../../run/dump';
import { compareDump } from '../../../run/compare';

interface JT {
  kind: 'tensor';
  shape: number[];
  data: number[];
}
type Item = { kind: 'str'; value: string } | { kind: 'list'; items: (JT | { kind: 'none' })[] };
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const golden = fixture('grads.oracle.json');
const results = golden.vars.results.items as Record<string, { items: Item[] }>;

const f64 = (j: JT): T.Tensor => T.Tensor.fromArray(Float64Array.from(j.data), j.shape, 'float64');
const ix = (...rows: number[][]): T.Tensor =>
  T.Tensor.fromArray(BigInt64Array.from(rows.flat().map(BigInt)), rows.length === 1 ? [rows[0].length] : [rows.length, rows[0].length], 'int64');
const eye3 = (): T.Tensor => T.mul(T.eye(3, 3, { dtype: 'float64' }), 3);
const grid = (): T.Tensor => T.view(T.arange(12), [3, 4]);
const clone = (t: T.Tensor): T.Tensor => T.clone(t);
type F = (...x: T.Tensor[]) => T.Tensor;

/** The same computation as each case of grads.oracle.py, in engine ops. */
const CASES: Record<string, F> = {
  erfc: T.erfc,
  erfinv: (x) => T.erfinv(T.mul(x, 0.9)),
  lgamma: T.lgamma,
  digamma: T.digamma,
  asinh: T.asinh,
  acosh: T.acosh,
  atanh: (x) => T.atanh(T.mul(x, 0.5)),
  sinc: T.sinc,
  deg2rad: T.deg2rad,
  logit: (x) => T.logit(x),
  logit_eps: (x) => T.logit(x, 0.3),
  hypot: T.hypot,
  copysign: T.copysign,
  xlogy: T.xlogy,
  logaddexp: T.logaddexp,
  logaddexp2: T.logaddexp2,
  fmax: T.fmax,
  fmin: T.fmin,
  nansum: (x) => T.nansum(x, 1),
  var_mean: (x) => { const [v, m] = T.varMean(x, 1); return T.add(v, m); },
  std_mean: (x) => T.mul(T.stdMean(x, 0, { keepdim: true })[0], 2),
  median: (x) => T.median(x),
  frexp: (x) => T.frexp(T.mul(x, 5)).mantissa,
  gather: (x) => T.gather(x, 1, ix([0, 3], [3, 1], [2, 2])),
  index_select: (x) => T.indexSelect(x, 1, ix([3, 0, 3])),
  masked_select: (x) => T.maskedSelect(x, T.gt(grid(), 5)),
  scatter: (s, src) => T.scatter(s, 0, ix([0, 2, 1, 0], [1, 1, 2, 2]), src),
  scatter_value: (s) => T.scatter(s, 1, ix([0], [2], [1]), 1.5),
  scatter_add: (s, src) => T.scatterAdd(s, 1, ix([0, 0], [3, 1], [2, 2]), src),
  index_add: (s, src) => T.indexAdd(s, 0, ix([3, 1]), src, 2),
  index_copy: (s, src) => T.indexCopy(s, 0, ix([3, 0]), src),
  index_fill: (s, v) => T.indexFill(s, 0, ix([1, 3, 1]), v),
  masked_scatter: (s, src) => T.maskedScatter(s, T.gt(grid(), 4), src),
  index_put: (s, v) => T.indexPut_(clone(s), [ix([3, 1])], v),
  index_put_acc: (s, v) => T.indexPut_(clone(s), [ix([0, 0])], v, true),
  setitem_view: (s, v) => {
    const c = clone(s);
    T.setitem(T.select(c, 1, 1), [ix([3, 0])], v);
    return c;
  },
  inv: (a) => inv(T.add(a, eye3())),
  det: (a) => det(a),
  solve: (a, b) => solve(T.add(a, eye3()), b),
  matrix_exp: (a) => matrixExp(a),
  qr: (a) => T.add(qr(a)[0], T.sum(qr(a)[1])),
  svdvals: (a) => svdvals(a),
  householder_product: (a, t) => householderProduct(a, t),
  weight_norm: (v, g) => weightNorm(v, g, 0),
};

describe('formulas vs real PyTorch (fixtures/grads.oracle.py)', () => {
  it('replays every case of the fixture', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(results).sort());
  });
  for (const [name, f] of Object.entries(CASES)) {
    it(name, async () => {
      const [fnName, inputs, grads] = results[name].items as unknown as [{ value: string }, { items: JT[] }, { items: (JT | { kind: 'none' })[] }];
      const xs = inputs.items.map((j) => {
        const t = f64(j);
        t.requiresGrad = true;
        return t;
      });
      const out = f(...xs);
      expect(out.gradFn?.name).toBe(fnName.value);
      const n = out.numel();
      const w = T.Tensor.fromArray(Float64Array.from({ length: n }, (_, i) => (n === 1 ? 0.5 : 0.5 + i / (n - 1))), out.shape, 'float64');
      const ours = await grad([T.sum(T.mul(out, w))], xs, [], { allowUnused: true });
      grads.items.forEach((g, k) => {
        if (g.kind === 'none') return expect(ours[k]).toBeNull();
        const a = Array.from(ours[k]!.dataSync() as Float64Array);
        expect(ours[k]!.shape).toEqual(g.shape);
        a.forEach((v, i) => expect(Math.abs(v - g.data[i]), `${name} input ${k} [${i}]: ${v} vs ${g.data[i]}`).toBeLessThan(1e-9 + 1e-7 * Math.abs(g.data[i])));
      });
    });
  }
});

describe('parametrizations vs real PyTorch (fixtures/param_grads.oracle.py)', () => {
  it('orthogonal (square and wide) and weight_norm gradients reach the originals', async () => {
    await prepareRuntime();
    const src = readFileSync(new URL('../fixtures/param_grads.oracle.py', import.meta.url), 'utf8');
    const g = fixture('param_grads.oracle.json');
    const dump = await dumpScript(src, 'main.py');
    expect(dump.error).toBeNull();
    const v = compareDump(g, dump);
    expect(v.diffs).toEqual([]);
    expect(v.ok).toBe(true);
  });
});
