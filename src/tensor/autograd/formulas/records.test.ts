// What the forward records for backward, against real PyTorch 2.6: fixtures/records.oracle.py
// printed each case's grad_fn chain (first inputs followed) and kept its inputs and gradients.
// Each case is replayed on the engine from those inputs: the chain must be PyTorch's and the
// gradients equal. einsum records one node named like ATen's last step (its inner permute/bmm/view
// chain is not reproduced), so only its head is compared.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as T from '../../index';
import { grad } from '../api';
import { addmv, baddbmm } from '../../ops/linalg/products';
import { bilinear } from '../../ops/linalg/matmul';
import { einsum } from '../../ops/linalg/einsum';
import { softmax, logSoftmax } from '../../ops/nn/softmax';
import { binaryCrossEntropyWithLogits, crossEntropy, huberLoss, klDiv, l1Loss, nllLoss, smoothL1Loss } from '../../ops/nn/loss';
import { batchNorm, groupNorm, layerNorm } from '../../ops/nn/normalization';

interface JT {
  kind: 'tensor';
  shape: number[];
  data: number[];
}
const golden = JSON.parse(readFileSync(new URL('../fixtures/records.oracle.json', import.meta.url), 'utf8'));
const cases = golden.vars.grads.items as Record<string, { items: [{ items: JT[] }, { items: (JT | { kind: 'none' })[] }] }>;
const chains = new Map<string, string[]>(
  (golden.stdout as string).trim().split('\n').map((l) => {
    const [name, rest] = [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)];
    return [name, JSON.parse(rest.replace(/'/g, '"')) as string[]];
  }),
);

const f64 = (j: JT): T.Tensor => T.Tensor.fromArray(Float64Array.from(j.data), j.shape, 'float64');
const vec = (xs: number[]): T.Tensor => T.Tensor.fromArray(Float64Array.from(xs), [xs.length], 'float64');
const tgt = (): T.Tensor => T.Tensor.fromArray(BigInt64Array.from([1n, 0n, 3n]), [3], 'int64');
type F = (...x: T.Tensor[]) => T.Tensor;

const CASES: Record<string, F> = {
  rdiv: (x) => T.rdiv(T.add(T.abs(x), 1), 2),
  clamp_tmin: (x, lo) => T.clamp(x, lo),
  clamp_tmax: (x, hi) => T.clamp(x, null, hi),
  clamp_both: (x, lo, hi) => T.clamp(x, lo, hi),
  addmv: (b, m, v) => addmv(b, m, v, { beta: 0.5, alpha: 2 }),
  baddbmm: (b, x, y) => baddbmm(b, x, y, { beta: 0.5, alpha: 2 }),
  bilinear: (a, b, w, bias) => bilinear(a, b, w, bias),
  bilinear_nobias: (a, b, w) => bilinear(a, b, w),
  ce_smooth: (x) => crossEntropy(x, tgt(), { labelSmoothing: 0.1 }),
  ce_smooth_sum: (x) => crossEntropy(x, tgt(), { labelSmoothing: 0.2, reduction: 'sum' }),
  ce_probs: (x, p) => crossEntropy(x, softmax(p, 1)),
  nll_weight: (x) => nllLoss(logSoftmax(x, 1), tgt(), { weight: vec([0.5, 1, 2, 1.5]) }),
  nll_weight_none: (x) => nllLoss(x, tgt(), { weight: vec([0.5, 1, 2, 1.5]), reduction: 'none' }),
  ce_weight: (x) => crossEntropy(x, tgt(), { weight: vec([1, 2, 0.5, 1.5]) }),
  smooth_l1: (x, y) => smoothL1Loss(x, y, 'mean', 0.5),
  huber: (x, y) => huberLoss(x, y, 'mean', 0.5),
  bce_logits_w: (x, y) => binaryCrossEntropyWithLogits(x, T.sigmoid(y), vec([1, 2, 3]), 'mean', vec([0.5, 1, 2])),
  l1: (x, y) => l1Loss(x, y),
  l1_none: (x, y) => l1Loss(x, y, 'none'),
  kl_div: (x, y) => klDiv(x, softmax(y, 1), 'batchmean'),
  kl_div_log: (x, y) => klDiv(x, y, 'sum', true),
  einsum: (a, b) => einsum('ij,jk->ik', [a, b]),
  einsum_outer: (a, b) => einsum('i,j->ij', [a, b]),
  einsum_trace: (a) => einsum('ii', [a]),
  layer_norm_nonleaf: (x, w, b) => layerNorm(x, [3], T.mul(w, 2), T.mul(b, 2)),
  group_norm_nonleaf: (x, w, b) => groupNorm(x, 2, T.mul(w, 2), b),
  batch_norm_nonleaf: (x, w, b) => batchNorm(x, null, null, T.mul(w, 2), b, { training: true }),
};
const HEAD_ONLY = new Set(['einsum', 'einsum_outer', 'einsum_trace']);

function chain(t: T.Tensor): string[] {
  const names: string[] = [];
  let fn = t.gradFn;
  while (fn !== null && names.length < 6) {
    names.push(fn.name);
    fn = fn.next.find((e) => e != null)?.node ?? null;
  }
  return names;
}

describe('forward records vs real PyTorch (fixtures/records.oracle.py)', () => {
  it('replays every case of the fixture', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [name, f] of Object.entries(CASES)) {
    it(name, async () => {
      const [inputs, grads] = cases[name].items;
      const xs = inputs.items.map((j) => {
        const t = f64(j);
        t.requiresGrad = true;
        return t;
      });
      const out = f(...xs);
      const want = chains.get(name)!;
      expect(HEAD_ONLY.has(name) ? chain(out).slice(0, 1) : chain(out)).toEqual(HEAD_ONLY.has(name) ? want.slice(0, 1) : want);
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
