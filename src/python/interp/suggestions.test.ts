// The data behind the traceback's hints, checked against the oracle: the stdlib module names
// ("Did you forget to import 'x'?"), the builtins namespace in order, and the modules whose real
// namespace is too large for CPython to suggest anything (fixtures/stdlib_module_names.py,
// fixtures/builtin_names.py, fixtures/dir_sizes.py). The hints
// themselves are compared with CPython's tracebacks in suggest.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATE_ITEMS } from '../builtins/suggest';
import { CPYTHON_BUILTIN_NAMES, STDLIB_MODULE_NAMES } from './cpythonNames';
import { OVERSIZED_MODULES } from './suggestions';

const stdout = (file: string): string => {
  const d = JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as { stdout: string; error: unknown };
  expect(d.error).toBeNull();
  return d.stdout;
};

describe('hint data vs CPython 3.13', () => {
  it('STDLIB_MODULE_NAMES is sys.stdlib_module_names', () => {
    const real = stdout('stdlib_module_names.json').trim().split(' ');
    expect([...STDLIB_MODULE_NAMES].sort()).toEqual([...real].sort());
  });

  it('CPYTHON_BUILTIN_NAMES is the builtins namespace in order', () => {
    expect(CPYTHON_BUILTIN_NAMES).toEqual(stdout('builtin_names.json').trim().split(' '));
  });

  it('OVERSIZED_MODULES are the importable modules with too many names for a hint', () => {
    const sizes = JSON.parse(stdout('dir_sizes.json')) as Record<string, [number, number]>;
    const oversized = Object.entries(sizes).filter(([, [, pub]]) => pub >= MAX_CANDIDATE_ITEMS).map(([n]) => n);
    expect([...OVERSIZED_MODULES].sort()).toEqual(oversized.sort());
    // with private names included (a wrong name starting with `_`) they are over the cap too
    for (const n of OVERSIZED_MODULES) expect(sizes[n][0]).toBeGreaterThanOrEqual(MAX_CANDIDATE_ITEMS);
  });
});
