// torch.dist against the oracle (fixtures/dist.oracle.py): values for several p, broadcasting and
// dtype promotion, the integer error, and DistBackward0's gradients for both inputs.

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from './linalg/fixtures/oracle';
import { caseOutcome, expectClose, expectOutcome, toTensor, toTensors } from './linalg/fixtures/tensors';
import { backward } from '../autograd';
import { ones } from './creation';
import { dist } from './reduce';
import type { Tensor } from '../tensor';

const v = loadOracle(new URL('./fixtures/dist.oracle.json', import.meta.url)).vars;
const I = toTensors(dict(v.inputs));
const results = dict(v.results);
const num = (x: unknown): number => {
  const val = (x as { value: number | string }).value;
  return typeof val === 'string' ? Number(val.replace('inf', 'Infinity')) : val;
};

describe('torch.dist matches PyTorch', () => {
  const cases: Record<string, () => Tensor> = {
    ints: () => dist(I.ai, I.bi),
    float_long: () => dist(I.af, I.bi),
    float_double: () => dist(I.af, I.bd),
    zero: () => dist(I.same, I.same),
    bad_shape: () => dist(I.a, ones([4])),
  };
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, caseOutcome(dict(results[name])), name));

  for (const [name, rec] of Object.entries(results).filter(([k]) => k.startsWith('p='))) {
    it(`${name}: value, DistBackward0 and gradients`, async () => {
      const r = dict(rec);
      const a = toTensor(dict(v.inputs).a);
      const b = toTensor(dict(v.inputs).b);
      a.requiresGrad = true;
      b.requiresGrad = true;
      const out = dist(a, b, num(r.p));
      expectClose(out, r.out, name);
      expect(out.gradFn?.name).toBe((r.grad_fn as { value: string }).value);
      if ('backward_error' in r) {
        const e = r.backward_error as { type: string; message: string };
        await expect(backward([out])).rejects.toMatchObject({ pyType: e.type, message: e.message });
      } else {
        await backward([out]);
        expectClose(a.grad!, r.grad_a, `${name} grad a`);
        expectClose(b.grad!, r.grad_b, `${name} grad b`);
      }
    });
  }

  it('zero distance has a zero gradient', async () => {
    const z = toTensor(dict(v.inputs).same);
    z.requiresGrad = true;
    await backward([dist(z, I.same)]);
    expectClose(z.grad!, v.zero_grad, 'zero grad');
  });
});
