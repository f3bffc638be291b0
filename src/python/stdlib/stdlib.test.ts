// Replays each fixtures/*_cases.py on our interpreter and compares stdout and the uncaught error
// with what CPython 3.13 printed for the same source in the oracle (fixtures/*_cases.json, made by
// `/work/shared/oracle/run.sh src/python/stdlib/fixtures/NAME_cases.py`). Every case prints its
// results (errors are caught and printed inside the script), so a whole module's behaviour is one
// stdout comparison; the diff vitest prints names the first line that differs.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRuntime } from '../../run/prepare';
import { runScript } from '../../run/run';

const dir = new URL('./fixtures/', import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith('_cases.py')).map((f) => f.slice(0, -3));

describe('stdlib modules vs CPython 3.13', () => {
  for (const name of names) {
    it(name, async () => {
      await prepareRuntime();
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as { stdout: string; error: { type: string; message: string } | null };
      const r = await runScript(source, { filename: 'main.py', warnings: 'dump', limits: { maxMillis: 30_000 } });
      expect(r.error ? { type: r.error.type, message: r.error.message } : null).toEqual(golden.error);
      expect(r.stdout).toBe(golden.stdout);
    }, 60_000);
  }
});
