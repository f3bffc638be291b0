// F.softmin and F.rms_norm against the oracle (fixtures/nn_cases3.oracle.py).

import { describe, it } from 'vitest';
import { dict, loadOracle } from '../linalg/fixtures/oracle';
import { caseOutcome, expectOutcome, toTensors } from '../linalg/fixtures/tensors';
import { Tensor } from '../../tensor';
import { rmsNorm } from './normalization';
import { softmin } from './softmax';

const v = loadOracle(new URL('./fixtures/nn_cases3.oracle.json', import.meta.url)).vars;
const I = toTensors(dict(v.inputs));
const results = dict(v.results);

const cases: Record<string, () => Tensor> = {
  softmin: () => softmin(I.x, 1),
  softmin_dtype: () => softmin(I.x, 0, 'float64'),
  rms: () => rmsNorm(I.x, [3]),
  rms_w_eps: () => rmsNorm(I.x, [3], I.w, 1e-3),
  rms_2d: () => rmsNorm(I.x3, [3, 4], I.w34),
  rms_f64: () => rmsNorm(I.xd, [5]),
  rms_bad: () => rmsNorm(I.x, [2]),
};

describe('softmin / rms_norm match PyTorch', () => {
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, caseOutcome(dict(results[name])), name));
});
