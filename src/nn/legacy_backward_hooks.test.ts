// The deprecated Module.register_backward_hook against real PyTorch: fixtures/backward_hooks.oracle.py
// runs through our interpreter and must print what PyTorch printed (grad_input / grad_output of the
// forward's last node, replacements, error texts) and raise the same FutureWarnings, in order.

import { describe, expect, it } from 'vitest';
import { judgeScript } from './testing/oracle_script';

describe('register_backward_hook matches PyTorch 2.6', () => {
  it('backward_hooks.oracle.py', async () => {
    const v = await judgeScript(new URL('./fixtures/backward_hooks.oracle.py', import.meta.url));
    expect(v.error).toEqual(v.goldenError);
    expect(v.stdout).toBe(v.goldenStdout);
    expect(v.warnings).toEqual(v.goldenWarnings);
    expect(v.diffs).toEqual([]);
  }, 60_000);
});
