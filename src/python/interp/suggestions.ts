// The "Did you mean" tail CPython 3.13 adds to the last line of a printed traceback — never to
// str(e): `AttributeError: 'A' object has no attribute 'valeu'. Did you mean: 'value'?`,
// `NameError: name 'lenn' is not defined. Did you mean: 'len'?` (or `... Did you forget to import
// 'sys'?`), `ImportError: cannot import name 'sqr' from 'math' (unknown location). Did you mean:
// 'sqrt'?`. Like CPython it is worked out when the exception is printed, from the attributes the
// exception carries (AttributeError.name/.obj, NameError.name, ImportError.name/.name_from) and
// the innermost frame the exception passed through; the matching itself is builtins/suggest.ts.

import { type PyValue, PyCallable, PyModule, PyType, hasattr, typeOf } from '../object';
import { type PyBaseException, excTypes } from '../builtins/exceptions';
import { toArray } from '../builtins/iter';
import { suggestName } from '../builtins/suggest';
import { BUILTINS } from './builtinsTable';
import { type Frame, frameLocals, frameScope } from './function';
import { importModule } from './modules';
import { STDLIB_MODULE_NAMES } from './cpythonNames';

/**
 * Modules whose real counterpart has 750 or more public names, so CPython never suggests for
 * them (its matcher gives up on that many candidates) however few names ours holds: real
 * `dir(torch)` has 1468 names, 1020 of them public. Measured on the oracle
 * (fixtures/dir_sizes.py); suggestions.test.ts checks this list against that measurement.
 */
export const OVERSIZED_MODULES: ReadonlySet<string> = new Set(['torch']);

/** The text to append to `Type: message` for `exc` ('' when CPython adds nothing). */
export async function suggestionTail(exc: PyBaseException): Promise<string> {
  const cls = exc.cls;
  if (cls.isSubtypeOf(excTypes.get('ImportError')!) && exc.nameFrom !== null) {
    const s = typeof exc.nameFrom === 'string' ? await guarded(importSuggestion(exc, exc.nameFrom)) : null;
    return s === null ? '' : `. Did you mean: '${s}'?`;
  }
  const isName = cls.isSubtypeOf(excTypes.get('NameError')!);
  if (!isName && !cls.isSubtypeOf(excTypes.get('AttributeError')!)) return '';
  const wrong = exc.name;
  if (typeof wrong !== 'string') return '';
  const s = await guarded(isName ? nameSuggestion(exc, wrong) : attributeSuggestion(exc, wrong));
  let out = s === null ? '' : `. Did you mean: '${s}'?`;
  if (isName && STDLIB_MODULE_NAMES.has(wrong)) {
    out += s === null ? `. Did you forget to import '${wrong}'?` : ` Or did you forget to import '${wrong}'?`;
  }
  return out;
}

/** CPython drops the suggestion (not the rest of the line) when working it out raises. */
async function guarded(p: Promise<string | null>): Promise<string | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

/** Over dir(obj): public names only, unless the wrong name is private or the innermost frame is
 * a method of `obj` itself (then `self._x` is a fair guess). */
async function attributeSuggestion(exc: PyBaseException, wrong: string): Promise<string | null> {
  const obj = exc.obj;
  if (obj instanceof PyModule && OVERSIZED_MODULES.has(obj.name)) return null;
  let names = await dirNames(obj);
  let hide = !wrong.startsWith('_') && !exc.inOwnMethod;
  const frame = exc.innermostFrame as Frame | null;
  if (hide && frame !== null && frameLocals(frame).get('self') === obj) hide = false;
  if (hide) names = names.filter((n) => !n.startsWith('_'));
  return suggestName(names, wrong);
}

/** Over dir() of the top-level package named by ImportError.name (CPython uses `__import__`,
 * which returns `torch` for `torch.nn`). */
async function importSuggestion(exc: PyBaseException, wrong: string): Promise<string | null> {
  if (typeof exc.name !== 'string') return null;
  const top = exc.name.split('.')[0];
  if (OVERSIZED_MODULES.has(top)) return null;
  let names = await dirNames(importModule(top));
  if (!wrong.startsWith('_')) names = names.filter((n) => !n.startsWith('_'));
  return suggestName(names, wrong);
}

/** Over the innermost frame's locals, globals and builtins — but first `self.name` when the frame
 * has a `self` with that attribute. No frame (never raised): no hint. */
async function nameSuggestion(exc: PyBaseException, wrong: string): Promise<string | null> {
  const frame = exc.innermostFrame as Frame | null;
  const scope = exc.scope ?? (frame !== null ? frameScope(frame) : null);
  if (scope === null) return null;
  const self = scope.self();
  if (self !== undefined) {
    let has = false;
    try {
      has = await hasattr(self as PyValue, wrong);
    } catch {
      has = false;
    }
    if (has) return `self.${wrong}`;
  }
  return suggestName(scope.candidates(), wrong);
}

/** dir(obj) as CPython's suggestion code sees it: the str names, sorted. A module lists its
 * namespace; an object whose class defines `__dir__` (nn.Module) lists what that returns. */
async function dirNames(obj: PyValue): Promise<string[]> {
  let names: PyValue[];
  if (obj instanceof PyModule) {
    names = [...obj.dict!.keys()];
  } else {
    const custom = obj instanceof PyType ? undefined : typeOf(obj).lookup('__dir__');
    if (custom instanceof PyCallable) {
      names = await toArray(await custom.call([obj], null));
    } else {
      const dir = BUILTINS.get('dir') as PyCallable;
      names = await toArray(await dir.call([obj], null));
    }
  }
  return names.filter((n): n is string => typeof n === 'string').sort(byCodePoint);
}

/** Python's str ordering (by code point; JS compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
