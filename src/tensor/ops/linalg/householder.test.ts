// geqrf and householder_product against the oracle (fixtures/householder.oracle.py), including
// the orthogonal parametrization's householder forward on a tall matrix.

import { describe, expect, it } from 'vitest';
import { dict, items, loadOracle } from './fixtures/oracle';
import { expectClose, expectOutcome, tensorOf, toTensor, toTensors } from './fixtures/tensors';
import { Tensor } from '../../tensor';
import { geqrf, householderProduct } from './decomp';

const v = loadOracle(new URL('./fixtures/householder.oracle.json', import.meta.url)).vars;
const I = toTensors(dict(v.inputs));

describe('geqrf / householder_product match PyTorch', () => {
  for (const [name, key] of [['tall', 'geqrf_53'], ['square', 'geqrf_33'], ['wide', 'geqrf_35']] as const) {
    it(`geqrf ${name}`, () => {
      const input = name === 'tall' ? I.t53 : name === 'square' ? I.s33 : I.w35;
      const [a, tau] = geqrf(input);
      const [wa, wtau] = items(v[key]);
      expectClose(a, wa, 'a');
      expectClose(tau, wtau, 'tau');
    });
  }
  it('householder_product values and grad_fn', () => {
    const q = householderProduct(I.hA, I.htau);
    expectClose(q, v.hp, 'Q');
    expect(q.gradFn?.name).toBe((v.hp_grad_fn as { value: string }).value);
  });
  it('householder_product of geqrf rebuilds the reduced Q', () => {
    const [a, tau] = geqrf(I.t53);
    expectClose(householderProduct(a, tau), v.hp_geqrf, 'Q');
  });
  it("orthogonal's householder forward on a tall X", () => {
    const X = toTensor(dict(v.inputs).t53);
    const x = X.dataSync() as Float32Array;
    const [m, n] = X.shape;
    // A = X.tril(-1); tau = 2 / (1 + Σ_rows A²); Q = householder_product(A, tau) · sign(diag X)
    const A = Float32Array.from(x, (val, i) => (Math.floor(i / n) > i % n ? val : 0));
    const tau = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let i = 0; i < m; i++) s += A[i * n + j] ** 2;
      return 2 / (1 + s);
    });
    const q = householderProduct(Tensor.fromArray(A, [m, n], 'float32'), tensorOf(tau, [n])).dataSync() as Float32Array;
    const diag = Array.from({ length: n }, (_, j) => Math.trunc(x[j * n + j]));
    const Q = Tensor.fromArray(Float32Array.from(q, (val, i) => val * diag[i % n]), [m, n], 'float32');
    expectClose(Q, v.Q, 'Q');
  });
  it('errors', () => {
    const errs = dict(v.errors);
    expectOutcome(() => householderProduct(I.w35, tensorOf([0.1, 0.2, 0.3], [3])), errs.wide, 'wide');
    expectOutcome(() => householderProduct(I.t53, tensorOf([0.1, 0.2, 0.3, 0.4], [4])), errs.tau_long, 'tau_long');
  });
});
