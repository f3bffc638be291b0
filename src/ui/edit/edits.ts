// Rewriting the script from the call inspector: each inspector action (add a key, change a value
// expression, remove a key, flip tie_weights= / strict=) becomes one exact, minimal text edit on
// the script — the script stays the single source of truth and the page simply reruns it. Pure
// functions over the source string and the spans of run/callSites.ts; they keep the author's
// layout: quote style, one-line vs one-entry-per-line dicts, trailing commas.

import type { CallSite, DictSite } from '../../run/callSites';

/** Replace source[from, to) with `insert` (CodeMirror's change shape). */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

export class EditError extends Error {}

export function applyEdit(source: string, e: TextEdit): string {
  return source.slice(0, e.from) + e.insert + source.slice(e.to);
}

/** A Python string literal for `s` in the quote style the dict already uses. */
export function pyStringLiteral(s: string, quote: "'" | '"' = "'"): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}

function quoteOf(source: string, dict: DictSite): "'" | '"' {
  const first = dict.entries[0];
  if (!first) return "'";
  const text = source.slice(first.keySpan.from, first.keySpan.to).replace(/^[rRuU]+/, '');
  return text.startsWith('"') ? '"' : "'";
}

function editableDict(site: CallSite): DictSite {
  if (!site.dict) throw new EditError('the override dict is not a literal: nothing to rewrite');
  if (!site.dict.editable) throw new EditError('the override dict has ** entries or non-string keys');
  return site.dict;
}

/** Text from the start of the line holding `offset` up to the first non-blank (its indent). */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** After `pos`, skip blanks/comments; is the next significant character a comma? Returns its offset. */
function commaAfter(source: string, pos: number): number | null {
  let i = pos;
  while (i < source.length) {
    const ch = source[i];
    if (ch === ',') return i;
    if (ch === '#') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\\') {
      i++;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * Insert `items` (already-formatted `'k': v` or `name=v`) after the last element that ends at
 * `lastEnd`, inside a bracketed list that opens at `openAt`. One-per-line layouts get a new line
 * at the last element's indentation; a trailing comma stays trailing.
 */
function insertAfterLast(
  source: string, openAt: number, lastStart: number, lastEnd: number | null, closeAt: number, item: string,
): TextEdit {
  if (lastEnd === null) return { from: openAt + 1, to: closeAt, insert: item };
  const comma = commaAfter(source, lastEnd);
  // One element per line when the first element does not share the bracket's line.
  const firstAt = openAt + 1 + /^[ \t]*/.exec(source.slice(openAt + 1))![0].length;
  const multiline = source[firstAt] === '\n' || source[firstAt] === '\r' || source[firstAt] === '#';
  if (multiline) {
    const ind = indentAt(source, lastStart);
    // Keep whatever follows the last element on its line (a trailing comma, a comment) there.
    const at = comma !== null ? comma + 1 : lastEnd;
    const nl = source.indexOf('\n', at);
    const end = nl < 0 || nl > closeAt ? at : nl;
    const rest = source.slice(at, end);
    if (!rest.includes('#')) return comma !== null ? { from: at, to: at, insert: `\n${ind}${item},` } : { from: lastEnd, to: lastEnd, insert: `,\n${ind}${item}` };
    if (comma !== null) return { from: end, to: end, insert: `\n${ind}${item},` };
    return { from: lastEnd, to: end, insert: `,${rest}\n${ind}${item}` };
  }
  if (comma !== null) return { from: comma + 1, to: comma + 1, insert: ` ${item},` };
  return { from: lastEnd, to: lastEnd, insert: `, ${item}` };
}

/** Add `'key': valueExpr` as the dict's last entry. */
export function addKey(source: string, site: CallSite, key: string, valueExpr: string): TextEdit {
  const dict = editableDict(site);
  if (dict.entries.some((e) => e.key === key)) throw new EditError(`'${key}' is already in the dict`);
  const item = `${pyStringLiteral(key, quoteOf(source, dict))}: ${valueExpr}`;
  const last = dict.entries[dict.entries.length - 1];
  if (!last) {
    // `{}` or `{ }`: keep nothing in between, write the entry.
    return { from: dict.span.from + 1, to: dict.span.to - 1, insert: item };
  }
  return insertAfterLast(source, dict.span.from, last.entry.from, last.entry.to, dict.span.to - 1, item);
}

/** Replace the value expression of `key`. */
export function setValue(site: CallSite, key: string, valueExpr: string): TextEdit {
  const dict = editableDict(site);
  const e = dict.entries.find((x) => x.key === key);
  if (!e) throw new EditError(`'${key}' is not in the dict`);
  if (valueExpr.trim() === '') throw new EditError('a value expression is needed');
  return { from: e.value.from, to: e.value.to, insert: valueExpr };
}

/** Remove `'key': value` with exactly one of its separating commas. */
export function removeKey(source: string, site: CallSite, key: string): TextEdit {
  const dict = editableDict(site);
  const i = dict.entries.findIndex((x) => x.key === key);
  if (i < 0) throw new EditError(`'${key}' is not in the dict`);
  const e = dict.entries[i];
  const next = dict.entries[i + 1];
  const prev = dict.entries[i - 1];
  if (next) return { from: e.entry.from, to: next.entry.from, insert: '' };
  if (prev) return { from: prev.entry.to, to: e.entry.to, insert: '' };
  // The only entry: leave `{}` (drop a trailing comma and the inner blank space too).
  return { from: dict.span.from + 1, to: dict.span.to - 1, insert: '' };
}

const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** Set `name=True|False` on the call: change the value if present, else append the keyword. */
export function setKeyword(source: string, site: CallSite, name: string, value: boolean): TextEdit {
  const kw = site.keywords[name];
  if (kw) return { from: kw.value.from, to: kw.value.to, insert: pyBool(value) };
  const closeAt = site.span.to - 1;
  if (source[closeAt] !== ')') throw new EditError('the call does not end with ")"');
  const open = source.indexOf('(', site.span.from + site.callee.length);
  const hasArgs = site.argsEnd > open;
  return insertAfterLast(source, open, site.argsEnd, hasArgs ? site.argsEnd : null, closeAt, `${name}=${pyBool(value)}`);
}

/** Remove the keyword argument `name` (back to PyTorch's default) with one separating comma. */
export function removeKeyword(source: string, site: CallSite, name: string): TextEdit {
  const kw = site.keywords[name];
  if (!kw) throw new EditError(`the call has no ${name}=`);
  // Remove ", name=value" (the comma before it always exists: functional_call has positionals).
  let from = kw.span.from;
  let i = from - 1;
  while (i >= 0 && /\s/.test(source[i])) i--;
  if (source[i] === ',') from = i;
  return { from, to: kw.span.to, insert: '' };
}
