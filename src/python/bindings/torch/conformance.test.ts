// The torch-facing conformance scenarios this part is answerable for — printing (51-56), RNG
// parity (57-60) and three that lean on torch's argument errors and tensor plumbing (03, 07,
// 16) — run through the interpreter's dump (the CLI's --json path) and judged by compare.ts, the
// port of the oracle's compare.py, plus byte-identical stdout.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../../../run/compare';
import { dumpScript } from '../../../run/dump';
import { installTorchBindings } from '../index';

const dir = new URL('../../../../conformance/', import.meta.url);
installTorchBindings();

const SCENARIOS = [
  '51_print_scalars', '52_print_sci_mode', '53_print_2d', '54_print_grad_fn', '55_print_dtypes',
  '56_print_python_values', '57_rng_basic', '58_rng_inplace_fill', '59_rng_nn_init', '60_rng_sizes',
  '03_doc_tied_last_line_asis', '07_call_args_forms', '16_call_uncaught_shape_error',
];

describe('conformance through the torch bindings', () => {
  for (const name of SCENARIOS) {
    it(name, async () => {
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
      const dump = await dumpScript(source, `${name}.py`);
      const verdict = compareDump(golden, JSON.parse(JSON.stringify(dump)));
      expect(verdict.diffs).toEqual([]);
      expect(dump.stdout).toBe(golden.stdout);
    });
  }
});
