// Literal values and displays: the Python value of each constant (and the clear error for the
// literals outside the subset), dict displays with `**` merging, and f-strings with their
// conversions and nested format specs. The compiler (compileExpr.ts) calls these once per node;
// the closures they return follow the maybe-async convention (maybe.ts).

import { PyError } from '../../errors';
import type * as A from '../ast';
import { type PyValue, Ellipsis, MISSING, PyDict, PyFloat, call, getattrOrMissing, typeOf } from '../object';
import { toArray } from '../builtins/iter';
import { getitemMaybe } from '../builtins/ops';
import { formatValue } from '../builtins/format';
import { repr, str } from '../builtins/repr';
import { asciiOf } from '../builtins/strutil';
import type { E, ExprCompiler } from './compileExpr';
import type { Frame } from './function';
import { locHooks } from './locations';
import { type MaybeP, markP } from './maybe';

/** `{**m}` into a dict. */
export async function mergeMapping(d: PyDict, m: PyValue, _unused: null): Promise<void> {
  for (const [k, v] of await mappingEntries(m, async () => `'${typeOf(m).name}' object is not a mapping`)) d.set(k, v);
}

export async function mappingEntries(m: PyValue, msg: () => Promise<string>): Promise<[PyValue, PyValue][]> {
  if (m instanceof PyDict) return [...m.entries()];
  const keysFn = await getattrOrMissing(m, 'keys');
  if (keysFn === MISSING) throw new PyError('TypeError', await msg());
  const keys = await toArray(await call(keysFn, []));
  const out: [PyValue, PyValue][] = [];
  for (const k of keys) out.push([k, await getitemMaybe(m, k)]);
  return out;
}

/** The Python value of a literal, or an Error for literals outside the subset. */
export function constantValue(e: A.Constant): PyValue | Error {
  const c = e.value;
  switch (c.type) {
    case 'int':
      return c.value;
    case 'float':
      return new PyFloat(c.value);
    case 'str':
      return c.value;
    case 'bool':
      return c.value;
    case 'None':
      return null;
    case 'Ellipsis':
      return Ellipsis;
    case 'complex':
      return new PyError('NotImplementedError', 'complex literals are not supported (complex numbers are outside the Python subset)');
    case 'bytes':
      return new PyError('NotImplementedError', "bytes literals (b'...') are not supported (bytes are outside the Python subset)");
  }
}

export function compileDict(c: ExprCompiler, e: A.Dict): E {
  const build = dictBuild(c, e);
  return (f) => {
    let r: MaybeP<PyValue>;
    try {
      r = build(f);
    } catch (err) {
      throw locHooks.mark(err, f, e);
    }
    return r instanceof Promise ? markP(r, f, e) : r;
  };
}

function dictBuild(c: ExprCompiler, e: A.Dict): E {
  const keys = e.keys.map((k) => (k ? c.expr(k) : null));
  const vals = e.values.map((v) => c.expr(v));
  const n = vals.length;
  /** Continue from entry i; `pendingKey` is entry i's key when its evaluation already started
   * (evaluating it again would repeat its side effects). */
  const rest = async (f: Frame, d: PyDict, i: number, pendingKey?: Promise<PyValue>): Promise<PyValue> => {
    const first = i;
    for (; i < n; i++) {
      const k = keys[i];
      if (k === null) await mergeMapping(d, await vals[i](f), null);
      else {
        const kv = pendingKey !== undefined && i === first ? await pendingKey : await k(f);
        d.set(kv, await vals[i](f));
      }
    }
    return d;
  };
  return (f) => {
    const d = new PyDict();
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (k === null) return rest(f, d, i);
      const kv = k(f);
      if (kv instanceof Promise) return rest(f, d, i, kv);
      const vv = vals[i](f);
      if (vv instanceof Promise) {
        return vv.then((x) => {
          d.set(kv, x);
          return rest(f, d, i + 1);
        });
      }
      d.set(kv, vv);
    }
    return d;
  };
}

export function compileJoinedStr(c: ExprCompiler, e: A.JoinedStr): E {
  const parts = e.values.map((v) => (v.kind === 'Constant' ? (v.value as { value: string }).value : compileFormatted(c, v)));
  return async (f) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : ((await p(f)) as string);
    return out;
  };
}

export function compileFormatted(c: ExprCompiler, e: A.FormattedValue): E {
  const v = c.expr(e.value);
  const conv = e.conversion;
  const spec = e.formatSpec ? compileJoinedStr(c, e.formatSpec) : null;
  return async (f) => {
    let x = await v(f);
    try {
      if (conv === 'r') x = await repr(x);
      else if (conv === 's') x = await str(x);
      else if (conv === 'a') x = asciiOf(await repr(x));
      const s = spec ? ((await spec(f)) as string) : '';
      if (s === '' && typeof x === 'string') return x;
      return await formatValue(x, s);
    } catch (err) {
      throw locHooks.mark(err, f, e);
    }
  };
}
