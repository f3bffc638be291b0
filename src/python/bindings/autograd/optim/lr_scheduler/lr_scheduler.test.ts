// torch.optim.lr_scheduler against PyTorch 2.6 (fixtures/lr_scheduler.oracle.py → .json): every
// scheduler's lrs over many steps printed with repr, state_dicts, closed forms, warnings (the
// scheduler-before-optimizer one included), a Python subclass and the constructor errors.

import { describe, expect, it } from 'vitest';
import { runOracleCase as runCase } from '../../../../../run/testing/oracleCase';
import { installAutogradBindings } from '../../index';
const runOracleCase = (name: string) => runCase(new URL('../../fixtures/', import.meta.url), name, { afterPrepare: installAutogradBindings });

describe('torch.optim.lr_scheduler', () => {
  it('matches PyTorch on fixtures/lr_scheduler.oracle.py', async () => {
    const { ours, golden, diffs } = await runOracleCase('lr_scheduler');
    expect(ours.error).toEqual(golden.error);
    expect(diffs).toEqual([]);
    expect(ours.stdout).toBe(golden.stdout);
    expect(ours.warnings).toEqual(golden.warnings);
  });
});
