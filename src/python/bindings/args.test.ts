// Replays the CPython oracle cases of fixtures/args.oracle.py through bindArgs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyError } from '../../errors';
import { bindArgs, parseSignature } from './args';

interface Case {
  sig: string;
  args: number[];
  kwargs: Record<string, number>;
  ok?: unknown[];
  error?: string;
}
const dump = JSON.parse(readFileSync(new URL('./fixtures/args.oracle.json', import.meta.url), 'utf8'));
const cases: Case[] = JSON.parse(dump.stdout).cases;

describe('bindArgs matches CPython 3.13', () => {
  for (const c of cases) {
    it(`${c.sig} ← ${JSON.stringify(c.args)} ${JSON.stringify(c.kwargs)}`, () => {
      const sig = parseSignature(c.sig);
      const kw = Object.keys(c.kwargs).length ? new Map(Object.entries(c.kwargs)) : null;
      if (c.error !== undefined) {
        let err: unknown;
        try {
          bindArgs(sig, c.args, kw);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PyError);
        expect((err as PyError).pyType).toBe('TypeError');
        expect((err as PyError).message).toBe(c.error);
        return;
      }
      const b = bindArgs(sig, c.args, kw);
      // Rebuild what the Python function returned from the bound values.
      const got: unknown[] = [];
      for (const p of sig.params) got.push(b.values[sig.index.get(p.name)!]);
      if (sig.varargs) got.splice(1, 0, b.rest);
      if (sig.varkw) got.push([...b.extra.entries()].sort());
      expect(got).toEqual(c.ok);
    });
  }
});
