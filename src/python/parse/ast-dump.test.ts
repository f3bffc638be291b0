// The strongest test of the lowering: for every snippet in fixtures/ast-cases.py.txt and every
// conformance script, our AST printed by dumpAst must equal CPython 3.13's ast.dump — plain, and
// with positions (lineno/col_offset/end_*), the oracle having run the real parser
// (fixtures/ast-dump.oracle.json, made by fixtures/make-ast-oracle.mjs). Positions inside
// f-strings are left out of the second comparison: CPython 3.13 gives their literal parts
// positions that follow its f-string tokens, which nothing downstream uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpAst, parse } from './index';

interface Case { name: string; source: string; dump: string; dumpWithPositions: string }
const oracle = JSON.parse(readFileSync(join(__dirname, 'fixtures/ast-dump.oracle.json'), 'utf8'));
const cases: Case[] = JSON.parse(oracle.stdout).cases;

/** Drops position attributes of nodes inside JoinedStr(...) (balanced, skipping quoted text). */
function stripFStringPositions(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('JoinedStr(', i);
    if (at < 0) break;
    out += s.slice(i, at);
    let depth = 0;
    let j = at + 'JoinedStr'.length;
    let quote = '';
    for (; j < s.length; j++) {
      const c = s[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    const inner = s.slice(at, j).replace(/(, )?lineno=\d+, col_offset=\d+, end_lineno=\d+, end_col_offset=\d+/g, '');
    out += inner;
    i = j;
  }
  return out + s.slice(i);
}

describe('AST matches CPython 3.13 ast.dump', () => {
  it('covers the corpus', () => {
    expect(oracle.error).toBeNull();
    expect(cases.length).toBeGreaterThan(80);
    expect(cases.filter((c) => c.name.startsWith('conformance/')).length).toBe(71);
  });
  for (const c of cases) {
    it(c.name, () => {
      const mod = parse(c.source, 'case.py', { compileChecks: false });
      expect(dumpAst(mod)).toBe(c.dump);
      const mine = stripFStringPositions(dumpAst(mod, { positions: { source: c.source } }));
      const want = stripFStringPositions(c.dumpWithPositions);
      let i = 0;
      while (i < want.length && mine[i] === want[i]) i++;
      // Compare the neighbourhood of the first difference, so a failure shows where it is.
      expect(mine.slice(Math.max(0, i - 200), i + 100)).toBe(want.slice(Math.max(0, i - 200), i + 100));
      expect(mine).toBe(want);
    });
  }
});
