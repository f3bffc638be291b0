// torch.einsum against the oracle (fixtures/einsum_cases.oracle.py): values, grad_fn, errors.

import { describe, it } from 'vitest';
import { dict, items, loadOracle, str } from './fixtures/oracle';
import { caseOutcome, expectOutcome, toTensors } from './fixtures/tensors';
import { einsum } from './einsum';

const dump = loadOracle(new URL('./fixtures/einsum_cases.oracle.json', import.meta.url));
const I = toTensors(dict(dump.vars.inputs));

describe('einsum matches PyTorch', () => {
  for (const [name, rec] of Object.entries(dict(dump.vars.results))) {
    const r = dict(rec);
    const ops = items(r.ops).map((o) => I[str(o)]);
    it(`${name}: ${str(r.eq)}`, () => expectOutcome(() => einsum(str(r.eq), ops), caseOutcome(r), name));
  }
});
