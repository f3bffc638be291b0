// Argument binding for native functions exposed to Python (torch.func.functional_call,
// Module.named_parameters, nn.Linear(...), ...). A binding declares its Python signature as a
// def-like string once; every call is then bound the way CPython 3.13 binds a call to a Python
// function, with CPython's exact TypeError texts (the order of checks is CPython's too: keyword
// problems first, then too many positionals, then missing positionals, then missing keyword-only).
// Fixture: fixtures/args.oracle.py (real CPython) replayed by args.test.ts.

import { typeError } from '../../errors';
import { PyFloat, type KwArgs, type PyValue } from '../object';

/** One parameter of a parsed signature. `hasDefault` distinguishes a `None` default from none. */
export interface SigParam {
  readonly name: string;
  readonly kwOnly: boolean;
  readonly hasDefault: boolean;
  readonly dflt: PyValue;
}

export interface Signature {
  /** Name used in messages, e.g. `functional_call` (CPython prints `functional_call()`). */
  readonly name: string;
  readonly params: readonly SigParam[];
  /** Number of positional-or-keyword parameters (they come first in `params`). */
  readonly nPositional: number;
  readonly varargs: string | null;
  readonly varkw: string | null;
  /** name → index into params, for keyword lookup. */
  readonly index: ReadonlyMap<string, number>;
}

/** What a call bound to: `values` in parameter order (defaults filled in), plus *args/**kwargs. */
export interface BoundArgs {
  readonly values: PyValue[];
  readonly rest: PyValue[];
  readonly extra: Map<string, PyValue>;
}

/** Parse `name(a, b=None, *args, c=True, **kw)`. Defaults are Python literals: None, True, False,
 * ints, floats, quoted strings. Anything else throws (a programming error in a binding). */
export function parseSignature(text: string): Signature {
  const m = /^\s*([\w.]+)\s*\((.*)\)\s*$/s.exec(text);
  if (!m) throw new Error(`bad signature: ${text}`);
  const params: SigParam[] = [];
  let kwOnly = false;
  let varargs: string | null = null;
  let varkw: string | null = null;
  let nPositional = 0;
  for (const raw of splitTopLevel(m[2])) {
    const p = raw.trim();
    if (p === '') continue;
    if (p === '*') {
      kwOnly = true;
      continue;
    }
    if (p.startsWith('**')) {
      varkw = p.slice(2);
      continue;
    }
    if (p.startsWith('*')) {
      varargs = p.slice(1);
      kwOnly = true;
      continue;
    }
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim();
    const hasDefault = eq >= 0;
    params.push({ name, kwOnly, hasDefault, dflt: hasDefault ? parseLiteral(p.slice(eq + 1).trim()) : null });
    if (!kwOnly) nPositional++;
  }
  const index = new Map(params.map((p, i) => [p.name, i]));
  return { name: m[1], params, nPositional, varargs, varkw, index };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function parseLiteral(s: string): PyValue {
  if (s === 'None') return null;
  if (s === 'True') return true;
  if (s === 'False') return false;
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^-?(\d+\.\d*|\.\d+|\d+(\.\d*)?e[-+]?\d+)$/i.test(s)) return new PyFloat(Number(s));
  if (/^(['"]).*\1$/s.test(s)) return s.slice(1, -1);
  throw new Error(`unsupported default literal in signature: ${s}`);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** CPython's name list: 'a' / 'a' and 'b' / 'a', 'b', and 'c'. */
function nameList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** Bind a call like CPython binds a call to a Python function with this signature. */
export function bindArgs(sig: Signature, args: readonly PyValue[], kwargs: KwArgs): BoundArgs {
  const fn = `${sig.name}()`;
  const n = sig.params.length;
  const values: PyValue[] = new Array(n);
  const set: boolean[] = new Array(n).fill(false);
  const np = Math.min(args.length, sig.nPositional);
  for (let i = 0; i < np; i++) {
    values[i] = args[i];
    set[i] = true;
  }
  const rest = sig.varargs !== null ? args.slice(sig.nPositional) : [];
  const extra = new Map<string, PyValue>();
  let kwOnlyGiven = 0;
  if (kwargs !== null) {
    for (const [k, v] of kwargs) {
      const i = sig.index.get(k);
      if (i === undefined) {
        if (sig.varkw === null) throw typeError(`${fn} got an unexpected keyword argument '${k}'`);
        extra.set(k, v);
        continue;
      }
      if (set[i]) throw typeError(`${fn} got multiple values for argument '${k}'`);
      values[i] = v;
      set[i] = true;
      if (sig.params[i].kwOnly) kwOnlyGiven++;
    }
  }
  if (args.length > sig.nPositional && sig.varargs === null) {
    let minPos = 0;
    for (let i = 0; i < sig.nPositional; i++) if (!sig.params[i].hasDefault) minPos = i + 1;
    const takes =
      minPos < sig.nPositional
        ? `from ${minPos} to ${sig.nPositional} positional arguments`
        : plural(sig.nPositional, 'positional argument');
    const given =
      kwOnlyGiven > 0
        ? `${plural(args.length, 'positional argument')} (and ${plural(kwOnlyGiven, 'keyword-only argument')}) were given`
        : `${args.length} ${args.length === 1 ? 'was' : 'were'} given`;
    throw typeError(`${fn} takes ${takes} but ${given}`);
  }
  const missingPos: string[] = [];
  const missingKw: string[] = [];
  for (let i = 0; i < n; i++) {
    if (set[i]) continue;
    const p = sig.params[i];
    if (p.hasDefault) values[i] = p.dflt;
    else (p.kwOnly ? missingKw : missingPos).push(p.name);
  }
  if (missingPos.length) {
    throw typeError(`${fn} missing ${plural(missingPos.length, 'required positional argument')}: ${nameList(missingPos)}`);
  }
  if (missingKw.length) {
    throw typeError(`${fn} missing ${plural(missingKw.length, 'required keyword-only argument')}: ${nameList(missingKw)}`);
  }
  return { values, rest, extra };
}

/** Convenience: parse once, bind many times. `const bind = binder('f(a, b=None)'); bind(args, kw)`. */
export function binder(text: string): (args: readonly PyValue[], kwargs: KwArgs) => BoundArgs {
  const sig = parseSignature(text);
  return (args, kwargs) => bindArgs(sig, args, kwargs);
}
