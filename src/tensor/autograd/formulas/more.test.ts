// The formulas added in the second pass (special math, stats, index reads and writes) against
// central finite differences in float64, on real engine graphs with the forward's own records (no
// test-side annotation). Each case asserts the grad_fn name it claims to test. In-place cases run
// on a clone of the leaf (a leaf itself may not be written in place) and, for CopySlices, on a view
// of that clone.

import { describe, expect, it } from 'vitest';
import * as T from '../../index';
import { gradcheck } from '../testing/gradcheck';
import { backward } from '../api';
import { det, householderProduct, inv, qr, solve } from '../../ops/linalg/decomp';
import { matrixExp } from '../../ops/linalg/matrix_exp';
import { svdvals } from '../../ops/linalg/svd';
import { weightNorm } from '../../ops/linalg/norms';

type Case = [name: string, shapes: number[][], f: (x: T.Tensor[]) => T.Tensor, domain?: 'positive' | 'unit'];

let seed = 7;
const rnd = (): number => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const input = (shape: number[], domain?: 'positive' | 'unit'): T.Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = (): number => (domain === 'positive' ? 1.2 + rnd() : domain === 'unit' ? 0.1 + 0.8 * rnd() : rnd() * 2 - 1);
  return T.Tensor.fromArray(Float64Array.from({ length: n }, v), shape, 'float64');
};
const idx = (v: number[], shape = [v.length]): T.Tensor => T.Tensor.fromArray(BigInt64Array.from(v.map(BigInt)), shape, 'int64');
const u = (f: (t: T.Tensor) => T.Tensor) => (x: T.Tensor[]) => f(x[0]);
const b = (f: (a: T.Tensor, b: T.Tensor) => T.Tensor) => (x: T.Tensor[]) => f(x[0], x[1]);
const clone = (t: T.Tensor): T.Tensor => T.clone(t);

export const CASES: Case[] = [
  ['ErfcBackward0', [[4]], u(T.erfc)],
  ['ErfinvBackward0', [[4]], u(T.erfinv)],
  ['LgammaBackward0', [[4]], u(T.lgamma), 'positive'],
  ['DigammaBackward0', [[4]], u(T.digamma), 'positive'],
  ['AsinhBackward0', [[4]], u(T.asinh)],
  ['AcoshBackward0', [[4]], u(T.acosh), 'positive'],
  ['AtanhBackward0', [[4]], u(T.atanh)],
  ['SincBackward0', [[4]], u(T.sinc)],
  ['Deg2RadBackward0', [[3]], u(T.deg2rad)],
  ['Rad2DegBackward0', [[3]], u(T.rad2deg)],
  ['LogitBackward0', [[4]], u((t) => T.logit(t)), 'unit'],
  ['LogitBackward0', [[4]], u((t) => T.logit(t, 0.3)), 'unit'],
  ['HypotBackward0', [[2, 3], [3]], b(T.hypot)],
  ['CopysignBackward0', [[4], [4]], b(T.copysign)],
  ['CopysignBackward1', [[4]], u((t) => T.copysign(t, -1))],
  ['XlogyBackward0', [[4], [4]], b(T.xlogy), 'positive'],
  ['XlogyBackward2', [[4]], u((t) => T.xlogy(t, 3))],
  ['LogaddexpBackward0', [[2, 3], [3]], b(T.logaddexp)],
  ['Logaddexp2Backward0', [[4], [4]], b(T.logaddexp2)],
  ['FmaxBackward0', [[5], [5]], b(T.fmax)],
  ['FminBackward0', [[5], [5]], b(T.fmin)],
  ['NansumBackward0', [[2, 3]], u((t) => T.nansum(t, 1))],
  ['NansumBackward0', [[2, 3]], u((t) => T.nansum(t))],
  ['VarMeanBackward0', [[3, 4]], u((t) => { const [v, m] = T.varMean(t, 1); return T.add(v, T.mul(m, 3)); })],
  ['StdMeanBackward0', [[3, 4]], u((t) => { const [s, m] = T.stdMean(t, [0], { keepdim: true }); return T.add(T.mul(s, 2), m); })],
  ['VarMeanBackward0', [[3, 4]], u((t) => T.varMean(t)[0])],
  ['MedianBackward0', [[5]], u((t) => T.median(t))],
  ['MedianBackward0', [[4]], u((t) => T.median(T.cat([t, T.narrow(t, 0, 1, 1)], 0)))],
  ['NanmedianBackward0', [[2, 3]], u((t) => T.nanmedian(t))],
  ['FrexpBackward0', [[4]], u((t) => T.frexp(T.mul(t, 5)).mantissa)],
  ['GatherBackward0', [[3, 4]], u((t) => T.gather(t, 1, idx([0, 3, 3, 1, 2, 2], [3, 2])))],
  ['IndexSelectBackward0', [[3, 4]], u((t) => T.indexSelect(t, 1, idx([3, 0, 3])))],
  ['MaskedSelectBackward0', [[3, 4]], u((t) => T.maskedSelect(t, T.gt(T.view(T.arange(12), [3, 4]), 5)))],
  ['ScatterBackward0', [[3, 4], [2, 4]], b((s, src) => T.scatter(s, 0, idx([0, 2, 1, 0, 1, 1, 2, 2], [2, 4]), src))],
  ['ScatterBackward1', [[3, 4]], u((s) => T.scatter(s, 1, idx([0, 2, 1], [3, 1]), 1.5))],
  ['ScatterAddBackward0', [[3, 4], [3, 2]], b((s, src) => T.scatterAdd(s, 1, idx([0, 0, 3, 1, 2, 2], [3, 2]), src))],
  ['ScatterBackward0', [[3, 4], [2, 4]], b((s, src) => T.scatter_(clone(s), 0, idx([0, 2, 1, 0, 1, 1, 2, 2], [2, 4]), src))],
  ['IndexAddBackward0', [[4, 3], [2, 3]], b((s, src) => T.indexAdd(s, 0, idx([3, 1]), src, 2))],
  ['IndexAddBackward0', [[4, 3], [4, 2]], b((s, src) => T.indexAdd_(clone(s), 1, idx([2, 2]), src))],
  ['IndexCopyBackward0', [[4, 3], [2, 3]], b((s, src) => T.indexCopy(s, 0, idx([3, 0]), src))],
  ['IndexCopyBackward0', [[4, 3], [4, 2]], b((s, src) => T.indexCopy_(clone(s), 1, idx([2, 0]), src))],
  ['IndexFillBackward0', [[4, 3]], u((s) => T.indexFill(s, 1, idx([2, 0, 2]), 0.5))],
  ['IndexFillBackward1', [[4, 3], []], b((s, v) => T.indexFill(s, 0, idx([1, 3, 1]), v))],
  ['MaskedScatterBackward0', [[3, 4], [14]], b((s, src) => T.maskedScatter(s, T.gt(T.view(T.arange(12), [3, 4]), 4), src))],
  ['MaskedScatterBackward0', [[3, 4], [8]], b((s, src) => T.maskedScatter_(clone(s), T.lt(T.view(T.arange(12), [3, 4]), 7), src))],
  ['IndexPutBackward0', [[4, 3], [2, 3]], b((s, v) => T.indexPut_(clone(s), [idx([3, 1])], v))],
  ['IndexPutBackward0', [[4, 3], [3]], b((s, v) => T.indexPut_(clone(s), [idx([0, 0])], v, true))],
  ['IndexPutBackward0', [[4, 3], [2]], b((s, v) => { const c = clone(s); T.setitem(c, [idx([1, 2]), idx([0, 2])], v); return c; })],
  // a write through a view: CopySlices runs IndexPutBackward0 on the view's slice of the gradient
  ['CopySlices', [[4, 3], [2]], b((s, v) => { const c = clone(s); T.setitem(T.select(c, 1, 1), [idx([3, 0])], v); return c; })],
  ['IndexPutBackward0', [[4, 3]], u((s) => { const c = clone(s); T.setitem(c, [T.gt(T.view(T.arange(12), [4, 3]), 8)], 0); return c; })],
];

describe('second-pass formulas vs finite differences', () => {
  for (const [name, shapes, f, domain] of CASES) {
    it(`${name} ${JSON.stringify(shapes)}`, async () => {
      const xs = shapes.map((s) => input(s, domain));
      const probe = xs.map((x) => {
        const c = new T.Tensor(x.storage, x.shape);
        c.requiresGrad = true;
        return c;
      });
      const out = f(probe);
      const names: string[] = [];
      const walk = (n: T.GradNode | null): void => {
        if (n === null || names.length > 50) return;
        names.push(n.name);
        for (const e of n.next) if (e) walk(e.node);
        if (n.name === 'CopySlices') walk(n.ctx.fn as T.GradNode);
      };
      walk(out.gradFn);
      expect(names).toContain(name);
      const r = await gradcheck(f, xs);
      expect(r.detail).toBe('');
      expect(r.ok).toBe(true);
    });
  }
});

describe('derivatives PyTorch does not define', () => {
  it('nextafter raises on backward', async () => {
    const x = input([3]);
    x.requiresGrad = true;
    const y = T.nextafter(x, T.zeros([3], { dtype: 'float64' }));
    expect(y.gradFn?.name).toBe('NextafterBackward0');
    const err = await backward([T.sum(y)]).then(() => null, (e: Error) => e.message);
    expect(err).toBe("the derivative for 'nextafter' is not implemented.");
  });
});

describe('linalg and weight_norm formulas vs finite differences', () => {
  const L: Case[] = [
    ['LinalgInvExBackward0', [[3, 3]], u((a) => inv(T.add(a, T.mul(T.eye(3, 3, { dtype: 'float64' }), 3))))],
    ['LinalgInvExBackward0', [[2, 3, 3]], u((a) => inv(T.add(a, T.mul(T.eye(3, 3, { dtype: 'float64' }), 3))))],
    ['LinalgDetBackward0', [[3, 3]], u((a) => det(a))],
    ['LinalgDetBackward0', [[2, 2, 2]], u((a) => det(a))],
    ['LinalgSolveExBackward0', [[3, 3], [3, 2]], b((a, y) => solve(T.add(a, T.mul(T.eye(3, 3, { dtype: 'float64' }), 3)), y))],
    ['LinalgSolveExBackward0', [[3, 3], [3]], b((a, y) => solve(T.add(a, T.mul(T.eye(3, 3, { dtype: 'float64' }), 3)), y))],
    ['LinalgMatrixExpBackward0', [[3, 3]], u((a) => matrixExp(a))],
    ['LinalgMatrixExpBackward0', [[2, 2, 2]], u((a) => matrixExp(a))],
    ['LinalgQrBackward0', [[4, 3]], u((a) => { const [q, r] = qr(a); return T.add(T.sum(T.mul(q, q), 0), T.mul(T.sum(r, 0), 2)); })],
    ['LinalgQrBackward0', [[3, 3]], u((a) => qr(a)[0])],
    ['LinalgQrBackward0', [[4, 2]], u((a) => qr(a)[1])],
    ['LinalgSvdBackward0', [[3, 2]], u((a) => svdvals(a))],
    ['LinalgSvdBackward0', [[2, 4]], u((a) => svdvals(a))],
    ['LinalgHouseholderProductBackward0', [[4, 3], [2]], b((a, t) => householderProduct(a, t))],
    ['LinalgHouseholderProductBackward0', [[3, 3], [3]], b((a, t) => householderProduct(a, t))],
    ['WeightNormInterfaceBackward0', [[3, 2], [3, 1]], b((v, g) => weightNorm(v, g, 0))],
    ['WeightNormInterfaceBackward0', [[2, 3], [1, 3]], b((v, g) => weightNorm(v, g, 1))],
  ];
  for (const [name, shapes, f] of L) {
    it(`${name} ${JSON.stringify(shapes)}`, async () => {
      const xs = shapes.map((s) => input(s));
      const probe = xs.map((x) => {
        const c = new T.Tensor(x.storage, x.shape);
        c.requiresGrad = true;
        return c;
      });
      let n: T.GradNode | null = f(probe).gradFn;
      const names: string[] = [];
      while (n !== null) {
        names.push(n.name);
        n = n.next.find((e) => e != null)?.node ?? null;
      }
      expect(names).toContain(name);
      const r = await gradcheck(f, xs);
      expect(r.detail).toBe('');
      expect(r.ok).toBe(true);
    });
  }
});
