// torch.optim and the Tensor.grad surface through the interpreter, against the oracle's run of
// the same script (fixtures/optim.oracle.py → .json): stdout byte for byte, warnings as recorded.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { installAutogradBindings } from './index';

describe('torch.optim and Tensor.grad', () => {
  it('matches PyTorch on fixtures/optim.oracle.py', async () => {
    await prepareRuntime();
    installAutogradBindings();
    const py = new URL('./fixtures/optim.oracle.py', import.meta.url);
    const golden = JSON.parse(readFileSync(new URL('./fixtures/optim.oracle.json', import.meta.url), 'utf8'));
    const dump = await dumpScript(readFileSync(py, 'utf8'), 'optim.oracle.py');
    expect(dump.error).toEqual(golden.error);
    expect(dump.stdout).toBe(golden.stdout);
    expect(dump.warnings).toEqual(golden.warnings);
  });
});
