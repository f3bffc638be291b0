// torch.utils.data against PyTorch 2.6: each fixture (fixtures/NAME.oracle.py, golden NAME.oracle.json
// made by the oracle) is run through the interpreter and must print the same text, raise the same
// error and emit the same warnings. datasets: Dataset subclasses, TensorDataset, Subset, Concat /
// Chain / Stack datasets, random_split. samplers: every sampler, with the global generator's state
// printed between draws. loader: DataLoader options, reshuffling per epoch, errors, collate rules.

import { describe, expect, it } from 'vitest';
import { runOracleCase } from './oracle_case';

describe('torch.utils.data', () => {
  for (const name of ['datasets', 'samplers', 'loader']) {
    it(`matches PyTorch on fixtures/${name}.oracle.py`, async () => {
      const { ours, golden, diffs } = await runOracleCase(name);
      expect(diffs).toEqual([]);
      expect(ours.stdout).toBe(golden.stdout);
      expect(ours.error).toEqual(golden.error);
      expect(ours.warnings).toEqual(golden.warnings);
    });
  }
});
