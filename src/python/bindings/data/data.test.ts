// torch.utils.data against PyTorch 2.6: each fixture (fixtures/NAME.oracle.py, golden NAME.oracle.json
// made by the oracle) is run through the interpreter and must print the same text, raise the same
// error and emit the same warnings. datasets: Dataset subclasses, TensorDataset, Subset, Concat /
// Chain / Stack datasets, random_split. samplers: every sampler, with the global generator's state
// printed between draws. loader: DataLoader options, reshuffling per epoch, errors, collate rules.
// usage: import forms, Python subclasses of the native classes, a small training loop.
// Then what is this playground's own: worker processes are refused with a clear error.

import { describe, expect, it } from 'vitest';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { runOracleCase as runCase } from '../../../run/testing/oracleCase';
const runOracleCase = (name: string) => runCase(new URL('./fixtures/', import.meta.url), name);

describe('torch.utils.data', () => {
  for (const name of ['datasets', 'samplers', 'loader', 'usage']) {
    it(`matches PyTorch on fixtures/${name}.oracle.py`, async () => {
      const { ours, golden, diffs } = await runOracleCase(name);
      expect(diffs).toEqual([]);
      expect(ours.stdout).toBe(golden.stdout);
      expect(ours.error).toEqual(golden.error);
      expect(ours.warnings).toEqual(golden.warnings);
    });
  }

  it('refuses num_workers > 0 with an error that names the missing workers', async () => {
    await prepareRuntime();
    const src = 'import torch.utils.data\nok = torch.utils.data.DataLoader([1, 2], num_workers=0)\nbad = torch.utils.data.DataLoader([1, 2], num_workers=2)\n';
    const out = await dumpScript(src, 'workers.py');
    expect(out.error).toEqual({
      type: 'NotImplementedError',
      message: 'DataLoader(num_workers=2): worker processes are not available in this playground; use num_workers=0 (batches are loaded in the main process)',
    });
  });

  it('is importable on its own, before torch, and gives one module object', async () => {
    await prepareRuntime();
    const src = [
      'from torch.utils.data import DataLoader',
      'import torch.utils.data as d',
      'import torch',
      'print(DataLoader is torch.utils.data.DataLoader, d is torch.utils.data, d.get_worker_info())',
    ].join('\n');
    const out = await dumpScript(src, 'imports.py');
    expect(out.error).toBeNull();
    expect(out.stdout).toBe('True True None\n');
  });
});
