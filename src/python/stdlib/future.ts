// The `__future__` module, so that `from __future__ import annotations` (common at the top of
// typed scripts) imports. Annotations are never evaluated by this interpreter, which is what that
// future asks for; the other features are no-ops in Python 3 anyway. Each feature prints as
// CPython 3.13's `_Feature(optional, mandatory, compiler_flag)` (it shows in the conformance dump
// of a script's globals).

import { type PyValue, PyObject, makeType } from '../object';
import { registerModule } from '../interp/modules';
import { makeModule, method } from './native';

type Release = [number, number, number, string, number];
const FEATURES: [string, Release, Release | null, number][] = [
  ['nested_scopes', [2, 1, 0, 'beta', 1], [2, 2, 0, 'alpha', 0], 0x10],
  ['generators', [2, 2, 0, 'alpha', 1], [2, 3, 0, 'final', 0], 0],
  ['division', [2, 2, 0, 'alpha', 2], [3, 0, 0, 'alpha', 0], 0x20000],
  ['absolute_import', [2, 5, 0, 'alpha', 1], [3, 0, 0, 'alpha', 0], 0x40000],
  ['with_statement', [2, 5, 0, 'alpha', 1], [2, 6, 0, 'alpha', 0], 0x80000],
  ['print_function', [2, 6, 0, 'alpha', 2], [3, 0, 0, 'alpha', 0], 0x100000],
  ['unicode_literals', [2, 6, 0, 'alpha', 2], [3, 0, 0, 'alpha', 0], 0x200000],
  ['barry_as_FLUFL', [3, 1, 0, 'alpha', 2], [4, 0, 0, 'alpha', 0], 0x400000],
  ['generator_stop', [3, 5, 0, 'beta', 1], [3, 7, 0, 'alpha', 0], 0x800000],
  ['annotations', [3, 7, 0, 'beta', 1], null, 0x1000000],
];

const FeatureType = makeType('_Feature', [], '__future__');
const text = new WeakMap<PyObject, string>();
const rel = (r: Release | null): string => (r === null ? 'None' : `(${r[0]}, ${r[1]}, ${r[2]}, '${r[3]}', ${r[4]})`);
method(FeatureType, '__repr__', (s) => text.get(s as PyObject) ?? '_Feature()');

function futureModule(): PyValue {
  const entries: Record<string, PyValue> = {};
  for (const [name, opt, mand, flag] of FEATURES) {
    const o = new PyObject(FeatureType, null);
    text.set(o, `_Feature(${rel(opt)}, ${rel(mand)}, ${flag})`);
    entries[name] = o;
  }
  return makeModule('__future__', entries);
}

registerModule('__future__', futureModule);
