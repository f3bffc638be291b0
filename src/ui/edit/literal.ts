// "Rewrite it as a literal" (DESIGN, the call inspector): where a call's override dict is not
// written as a literal — `functional_call(model, params, x)` with `params` a function argument or a
// dict built by a comprehension — the inspector shows it read-only and offers this one edit: the
// argument becomes a dict literal whose value expressions name the original dict's entries,
// `{'w': params['w'], 'b': params['b']}`. Nothing else in the script changes, and the call sees the
// same tensors under the same keys in the same order, so it behaves as before; from then on every
// key is editable. Pure functions over the source text and run/callSites' spans.
//
// It is offered only when that equivalence holds: the argument is a plain reference (names,
// attributes, subscripts — reading it once per key reads the same dict, with no calls or
// operators evaluated again); every call the line made passed the same keys; and no call wrote a
// value back into the dict (write-back goes to the dict passed, which would now be the literal).

import { parse } from '../../python/parse';
import type * as A from '../../python/ast';
import type { CallSite } from '../../run/callSites';
import type { CallRecord } from '../../run/report';
import { pyStringLiteral, type TextEdit } from './edits';

/** `ref` is the argument as written (`params`): each key's value is `ref['key']`. */
export type LiteralPlan = { ok: true; edit: TextEdit; literal: string; ref: string } | { ok: false; reason: string };

/** A one-line literal longer than this (with the rest of its line) is written one entry per line. */
const MAX_LINE = 100;

/** Names, attributes and subscripts by constants or names: reading it again reads the same dict. */
function isPlainReference(e: A.Expr): boolean {
  switch (e.kind) {
    case 'Name':
      return true;
    case 'Attribute':
      return isPlainReference(e.value);
    case 'Subscript':
      return isPlainReference(e.value) && (e.slice.kind === 'Constant' || e.slice.kind === 'Name');
    default:
      return false;
  }
}

/** The argument's expression, parsed on its own (parenthesized: it may span lines). */
function argExpr(text: string): A.Expr | null {
  try {
    const mod = parse(`(${text})\n`, 'arg.py');
    const st = mod.body[0];
    return mod.body.length === 1 && st.kind === 'Expr' ? st.value : null;
  } catch {
    return null;
  }
}

const lineStartOf = (source: string, offset: number): number => source.lastIndexOf('\n', offset - 1) + 1;

/**
 * The edit that writes `site`'s override argument as a literal over `keys`, or why it cannot.
 * `calls` are the report's calls made at this site (all of them must agree for the edit to hold).
 */
export function literalRewrite(source: string, site: CallSite, calls: readonly CallRecord[]): LiteralPlan {
  if (site.dict) return { ok: false, reason: 'The dict is already a literal.' };
  const arg = site.dictArg;
  if (!arg) return { ok: false, reason: 'The call passes no override dict.' };
  const text = source.slice(arg.from, arg.to);
  const expr = argExpr(text);
  if (expr === null) return { ok: false, reason: 'The override argument could not be read.' };
  if (expr.kind === 'Tuple' || expr.kind === 'List') {
    return { ok: false, reason: 'A tuple of dicts is merged by the call; which dict holds which key is not known here. Merge them into one dict first.' };
  }
  if (expr.kind === 'Dict' || expr.kind === 'DictComp') {
    return { ok: false, reason: 'The dict is computed at the call; bind it to a name first, then rewrite.' };
  }
  if (!isPlainReference(expr)) {
    return { ok: false, reason: `\`${text.trim()}\` is computed at the call (evaluating it once per key could differ); bind it to a name first.` };
  }
  if (calls.length === 0) return { ok: false, reason: 'Run the script first: the keys come from the call.' };
  const keys = calls[0].keys;
  if (calls.some((c) => c.keys.join('\0') !== keys.join('\0'))) {
    return { ok: false, reason: 'The calls this line made passed different keys; one literal cannot stand for all of them.' };
  }
  const written = calls.flatMap((c) => c.trace.writeBack.filter((w) => w.changed).map((w) => w.key));
  if (written.length > 0) {
    return { ok: false, reason: `forward re-assigned ${[...new Set(written)].map((k) => `'${k}'`).join(', ')} and functional_call wrote it back into this dict; with a literal, the write-back would land in the literal instead.` };
  }
  const ref = text.trim();
  const entries = keys.map((k) => `${pyStringLiteral(k)}: ${ref}[${pyStringLiteral(k)}]`);
  const oneLine = `{${entries.join(', ')}}`;
  const lineStart = lineStartOf(source, arg.from);
  const nl = source.indexOf('\n', arg.to);
  const lineEnd = nl < 0 ? source.length : nl;
  const width = arg.from - lineStart + oneLine.length + (lineEnd - arg.to);
  let literal = oneLine;
  if (width > MAX_LINE && entries.length > 1) {
    const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
    literal = `{\n${entries.map((e) => `${indent}    ${e},`).join('\n')}\n${indent}}`;
  }
  return { ok: true, edit: { from: arg.from, to: arg.to, insert: literal }, literal, ref };
}
