// batch_norm's float32 results bit for bit against PyTorch's CPU kernel
// (fixtures/batchnorm_bits.oracle.py): output, and running statistics after a training step —
// exact equality, not the usual tolerance, because the last bits decide how sums of normalized
// values print (conformance 107).

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from '../linalg/fixtures/oracle';
import { toTensor, toTensors } from '../linalg/fixtures/tensors';
import { batchNorm } from './normalization';

const cases = dict(loadOracle(new URL('./fixtures/batchnorm_bits.oracle.json', import.meta.url)).vars.cases);
const values = (t: { dataSync(): ArrayLike<number | bigint> }): number[] => Array.from(t.dataSync(), Number);

describe('batch_norm matches PyTorch bit for bit', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const k = dict(c);
      const I = toTensors(dict(k.inputs));
      const training = (k.training as { value: boolean }).value;
      const out = batchNorm(I.x, I.running_mean, I.running_var, I.weight ?? null, I.bias ?? null, { training, momentum: 0.1, eps: 1e-5 });
      expect(values(out)).toEqual(values(toTensor(k.out)));
      expect(values(I.running_mean)).toEqual(values(toTensor(k.running_mean)));
      expect(values(I.running_var)).toEqual(values(toTensor(k.running_var)));
    });
  }
});
