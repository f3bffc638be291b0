// Every preset, run through the engine (dumpScript, seeded like the oracle's harness), must match
// what real PyTorch 2.6 printed and left in its variables: fixtures/<id>.json was made by
// ../shared/oracle/run.sh from the .py beside this file. Judged by compare.ts (the port of the
// oracle's compare.py) and, stricter, byte-identical stdout — the page shows stdout verbatim.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from './index';
import { prepareRuntime } from '../../run/prepare';
import { dumpScript } from '../../run/dump';
import { compareDump } from '../../run/compare';

beforeAll(() => prepareRuntime());

describe('presets match real PyTorch', () => {
  it('every preset has a golden and a one-line summary', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(12);
    for (const p of PRESETS) {
      expect(p.summary.length).toBeLessThan(90);
      expect(['docs', 'behavior', 'workflow']).toContain(p.group);
      expect(() => readFileSync(new URL(`./fixtures/${p.id}.json`, import.meta.url))).not.toThrow();
    }
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  for (const p of PRESETS) {
    it(p.id, async () => {
      const golden = JSON.parse(readFileSync(new URL(`./fixtures/${p.id}.json`, import.meta.url), 'utf8'));
      const dump = await dumpScript(p.source, 'main.py');
      const v = compareDump(golden, dump);
      expect(v.diffs).toEqual([]);
      expect(v.ok).toBe(true);
      expect(dump.stdout).toBe(golden.stdout);
      // A preset is a demo, not a crash: none ends with an uncaught exception.
      expect(golden.error).toBeNull();
    });
  }
});
