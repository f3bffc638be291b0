// Every torch.optim optimizer against PyTorch 2.6 (fixtures/optimizers.oracle.py → .json): multi-step
// trajectories printed with full float32 precision, state, reprs, state_dict round trips, param
// group edits, named parameters, a Python subclass of Optimizer and the constructors' errors.

import { describe, expect, it } from 'vitest';
import { runOracleCase as runCase } from '../../../../run/testing/oracleCase';
import { installAutogradBindings } from '../index';
const runOracleCase = (name: string) => runCase(new URL('../fixtures/', import.meta.url), name, { afterPrepare: installAutogradBindings });

describe('torch.optim optimizers', () => {
  it('match PyTorch bit for bit on fixtures/optimizers.oracle.py', async () => {
    const { ours, golden, diffs } = await runOracleCase('optimizers');
    expect(ours.error).toEqual(golden.error);
    expect(diffs).toEqual([]);
    expect(ours.stdout).toBe(golden.stdout);
    expect(ours.warnings).toEqual(golden.warnings);
  });
});
