// RNN/LSTM/GRU over PackedSequence input against real PyTorch: fixtures/rnn_packed.oracle.py runs
// here through our interpreter and must print what PyTorch printed (rnn_packed.oracle.json) —
// packed outputs, h_n/c_n in the caller's batch order, grad_fns, weight and input gradients,
// dropout draws, projections, functional_call overrides and the error texts. A second check drives
// the layer code directly: each sequence only runs for its own length, so a packed batch's final
// states equal those of each sequence run alone.

import { describe, expect, it } from 'vitest';
import { judgeScript } from '../testing/oracle_script';
import { dumpScript } from '../../run/dump';
import { prepareRuntime } from '../../run/prepare';

describe('packed RNN layers match PyTorch 2.6', () => {
  it('rnn_packed.oracle.py', async () => {
    const v = await judgeScript(new URL('./fixtures/rnn_packed.oracle.py', import.meta.url));
    expect(v.error).toEqual(v.goldenError);
    expect(v.stdout).toBe(v.goldenStdout);
    expect(v.warnings).toEqual(v.goldenWarnings);
    expect(v.diffs).toEqual([]);
  }, 120_000);

  it('a packed batch gives each sequence the final state it has when run alone', async () => {
    await prepareRuntime();
    const src = [
      'import torch, torch.nn as nn',
      'from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence',
      'seqs = [torch.randn(2, 3), torch.randn(4, 3), torch.randn(1, 3)]',
      'for m in [nn.LSTM(3, 2, bidirectional=True), nn.GRU(3, 2, num_layers=2)]:',
      '    out, h = m(pack_sequence(seqs, enforce_sorted=False))',
      '    h = h[0] if isinstance(h, tuple) else h',
      '    padded, lens = pad_packed_sequence(out, batch_first=True)',
      '    for i, s in enumerate(seqs):',
      '        o1, h1 = m(s.unsqueeze(1))',
      '        h1 = h1[0] if isinstance(h1, tuple) else h1',
      '        print(torch.allclose(h[:, i], h1[:, 0], atol=1e-6), torch.allclose(padded[i, :len(s)], o1[:, 0], atol=1e-6), lens[i].item() == len(s))',
    ].join('\n');
    const d = await dumpScript(src, 'alone.py');
    expect(d.error).toBeNull();
    const lines = d.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toBe('True True True');
  }, 60_000);
});
