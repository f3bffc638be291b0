// torch.func.stack_module_state through the interpreter against PyTorch
// (fixtures/stack_module_state.oracle.py): stacked shapes and key order, leaves that require grad
// only when every model's entry does, buffers, and its four errors.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { installAutogradBindings } from './index';

const fixture = (ext: string): URL => new URL(`./fixtures/stack_module_state.oracle.${ext}`, import.meta.url);

describe('torch.func.stack_module_state', () => {
  it('matches PyTorch', async () => {
    await prepareRuntime();
    installAutogradBindings();
    const golden = JSON.parse(readFileSync(fixture('json'), 'utf8'));
    const dump = await dumpScript(readFileSync(fixture('py'), 'utf8'), 'stack_module_state.oracle.py');
    expect(dump.error).toEqual(golden.error);
    expect(compareDump(golden, dump).diffs).toEqual([]);
    expect(dump.stdout).toBe(golden.stdout);
  });
});
