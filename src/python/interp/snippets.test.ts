// Replays the small programs of fixtures/snippets_cases.py on our evaluator and compares stdout,
// the uncaught error (type and str), the warnings recorded, and the traceback text with what
// CPython 3.13 produced for them (fixtures/snippets.json, made by fixtures/gen_snippets.py).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../run/run';

interface Case {
  name: string;
  source: string;
  stdout: string;
  error: { type: string; message: string } | null;
  traceback: string | null;
  warnings: { category: string; message: string; lineno: number }[];
}
const cases: Case[] = JSON.parse(readFileSync(new URL('./fixtures/snippets.json', import.meta.url), 'utf8'));

describe('snippets vs CPython 3.13', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runScript(c.source, { filename: 'main.py', warnings: 'dump', limits: { maxMillis: 20_000 } });
      expect(r.stdout).toBe(c.stdout);
      expect(r.error ? { type: r.error.type, message: r.error.message } : null).toEqual(c.error);
      expect(r.warnings.map((w) => ({ category: w.category, message: w.message, lineno: w.lineno }))).toEqual(c.warnings);
      if (c.traceback !== null) expect(r.error?.formatted).toBe(c.traceback);
    });
  }
});
