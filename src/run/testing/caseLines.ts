// Test helper for "one case per line" fixtures (special_cases.py, loss_cases.py, ...): the script
// ran through the oracle gives NAME.json, one `OK label torch.… values` / `ERR label …` line per
// case; the same script runs through the interpreter here and each line must be identical. Lines
// whose label is a known gap run as it.fails (fixing the engine turns them red until they are
// moved back) and, when listed as numeric gaps, their values are still held to a tight relative
// tolerance. Call inside a Vitest file; it declares the tests.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpScript } from '../dump';

const label = (line: string): string => line.split(' torch.')[0].replace(/^(OK|ERR) /, '');
const numbers = (line: string): number[] =>
  (line.slice(line.includes('[') ? line.indexOf('[') : line.lastIndexOf(' ')).match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);

export function describeCaseLines(
  title: string,
  fixtures: URL,
  name: string,
  gaps: { known: ReadonlySet<string>; numeric: ReadonlySet<string> },
): void {
  describe(title, async () => {
    const source = readFileSync(new URL(`${name}.py`, fixtures), 'utf8');
    const golden = JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as { stdout: string; error: unknown };
    const dump = await dumpScript(source, `${name}.py`);
    const want = golden.stdout.trimEnd().split('\n');
    const got = dump.stdout.trimEnd().split('\n');

    it('runs to the end, as the oracle did', () => {
      expect(golden.error).toBeNull();
      expect(dump.error).toBeNull();
      expect(got.length).toBe(want.length);
    });
    want.forEach((line, k) => {
      const caseName = label(line);
      (gaps.known.has(caseName) ? it.fails : it)(`case ${k}: ${caseName}`, () => expect(got[k]).toBe(line));
      if (gaps.numeric.has(caseName)) {
        it(`case ${k}: ${caseName} within 2 ulp-ish`, () => {
          const [w, g] = [numbers(line), numbers(got[k])];
          expect(g.length).toBe(w.length);
          w.forEach((v, i) => expect(Math.abs(g[i] - v)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v))));
        });
      }
    });
  });
}
