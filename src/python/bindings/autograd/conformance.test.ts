// The grad_ conformance scenarios (conformance/68..72) through the interpreter's dump and the
// comparer, with the autograd bindings installed: byte-identical stdout and matching vars.
//
// BLOCKED lists the scenarios that need the engine to record what backward reads (input shapes,
// reduction dims, scalar operands: src/tensor/autograd/engine-records.patch). They must fail with
// autograd's "did not record" error — and this test fails once they pass, so the list only
// shrinks (delete an entry when the engine records land).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { prepareRuntime } from '../../../run/prepare';
import { installAutogradBindings } from './index';

const dir = new URL('../../../../conformance/', import.meta.url);

const BLOCKED = new Map<string, string>([]);

describe('conformance: grad_ scenarios', () => {
  for (const name of ['68_grad_backward_overrides', '69_grad_func_grad', '70_grad_vmap_per_sample', '71_grad_doc_asis', '72_grad_parametrized']) {
    it(`${name}${BLOCKED.has(name) ? ` (blocked: ${BLOCKED.get(name)})` : ''}`, async () => {
      await prepareRuntime();
      installAutogradBindings();
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
      const dump = await dumpScript(source, `${name}.py`);
      if (BLOCKED.has(name)) {
        expect(dump.error?.message ?? '').toMatch(/cannot compute its gradient: the forward did not record/);
        return;
      }
      const v = compareDump(golden, dump);
      expect(dump.error).toEqual(golden.error);
      expect(v.diffs).toEqual([]);
      expect(dump.stdout).toBe(golden.stdout);
    });
  }
});
