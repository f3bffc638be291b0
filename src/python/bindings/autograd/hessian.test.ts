// torch.func.hessian through the interpreter against PyTorch (fixtures/hessian.oracle.py): values,
// nesting for argnums tuples and dict inputs, and the printed text byte for byte — so the signs of
// the structural zeros must be PyTorch's (forward-over-reverse), not reverse-over-reverse's.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { installAutogradBindings } from './index';

const fixture = (ext: string): URL => new URL(`./fixtures/hessian.oracle.${ext}`, import.meta.url);

describe('torch.func.hessian', () => {
  it('matches PyTorch, printed text included', async () => {
    await prepareRuntime();
    installAutogradBindings();
    const golden = JSON.parse(readFileSync(fixture('json'), 'utf8'));
    const dump = await dumpScript(readFileSync(fixture('py'), 'utf8'), 'hessian.oracle.py');
    expect(dump.error).toEqual(golden.error);
    expect(compareDump(golden, dump).diffs).toEqual([]);
    expect(dump.stdout).toBe(golden.stdout);
  });
});
