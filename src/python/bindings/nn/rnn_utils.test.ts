// torch.nn.utils.rnn against real PyTorch: fixtures/rnn_utils.oracle.py (pad/pack/unpack functions,
// PackedSequence's namedtuple face and methods, grad_fns, gradients including double backward
// through PackPaddedSequenceBackward0, error texts) runs through our interpreter and must print
// what PyTorch printed (rnn_utils.oracle.json), with the same globals and warnings.

import { describe, expect, it } from 'vitest';
import { judgeScript } from '../../../nn/testing/oracle_script';

describe('torch.nn.utils.rnn matches PyTorch 2.6', () => {
  it('rnn_utils.oracle.py', async () => {
    const v = await judgeScript(new URL('./fixtures/rnn_utils.oracle.py', import.meta.url));
    expect(v.error).toEqual(v.goldenError);
    expect(v.stdout).toBe(v.goldenStdout);
    expect(v.warnings).toEqual(v.goldenWarnings);
    expect(v.diffs).toEqual([]);
  }, 60_000);
});
