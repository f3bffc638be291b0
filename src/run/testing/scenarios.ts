// Test helper: run named conformance scenarios in-process (the CLI's --json path, with the torch
// bindings installed) and require the semantic match of compare.ts plus byte-identical stdout.
// `npm test` already runs the whole corpus; parts use this so that `npx vitest run <their folder>`
// also covers the scenarios they answer for.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDump } from '../compare';
import { dumpScript } from '../dump';
import { prepareRuntime } from '../prepare';

const dir = new URL('../../../conformance/', import.meta.url);

export function describeScenarios(title: string, names: readonly string[]): void {
  describe(title, () => {
    for (const name of names) {
      it(name, async () => {
        await prepareRuntime();
        const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
        const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
        const dump = await dumpScript(source, `${name}.py`);
        const verdict = compareDump(golden, JSON.parse(JSON.stringify(dump)));
        expect(dump.error).toEqual(golden.error);
        expect(verdict.diffs).toEqual([]);
        expect(dump.stdout).toBe(golden.stdout);
      });
    }
  });
}
