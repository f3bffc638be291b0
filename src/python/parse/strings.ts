// Lowering, part 2 of 3: string literals. A lezer String / FormatString / ContinuedString (adjacent
// literals) becomes one Constant (str or bytes) or, when any piece is an f-string, one JoinedStr
// whose literal runs are merged exactly as CPython merges them. f-string replacement fields become
// FormattedValue nodes with their conversion, self-documenting `=` text and nested format spec.

import type { SyntaxNode } from '@lezer/common';
import type * as A from '../ast';
import { SyntaxFault } from './errors';
import type { ExprLowerer } from './lower-expr';
import { LezerError } from './lower-expr';
import { EscapeError, decodeEscapes, rawBody, stringParts, toBytes } from './literals';
import { kids } from './tree';

type Piece = { kind: 'text'; value: string; from: number; to: number } | { kind: 'field'; node: A.FormattedValue };

export function lowerString(L: ExprLowerer, n: SyntaxNode): A.Expr {
  const tokens = n.name === 'ContinuedString' ? kids(n) : [n];
  const pieces: Piece[] = [];
  let sawBytes = false;
  let sawStr = false;
  let sawF = false;
  for (const t of tokens) {
    L.check(t);
    const p = stringParts(L.text(t), t.from);
    if (p.bytes) sawBytes = true;
    else sawStr = true;
    if (sawBytes && sawStr) throw faultAt(L, n, 'cannot mix bytes and nonbytes literals');
    if (p.fstring) {
      sawF = true;
      formatPieces(L, t, p.bodyFrom, p.bodyTo, p.raw, pieces);
    } else {
      pieces.push({ kind: 'text', value: literalText(L, p.bodyFrom, p.bodyTo, p.raw, p.bytes, t), from: t.from, to: t.to });
    }
  }
  const span = L.at(n.from, n.to);
  if (!sawF) {
    const value = pieces.map((p) => (p.kind === 'text' ? p.value : '')).join('');
    return {
      kind: 'Constant',
      value: sawBytes ? { type: 'bytes', value: toBytes(value) } : { type: 'str', value },
      ...span,
    };
  }
  return { kind: 'JoinedStr', values: mergePieces(L, pieces), ...span };
}

function literalText(L: ExprLowerer, from: number, to: number, raw: boolean, bytes: boolean, at: SyntaxNode): string {
  const body = L.src.text.slice(from, to);
  if (raw) return rawBody(body);
  try {
    return decodeEscapes(body, bytes);
  } catch (e) {
    if (e instanceof EscapeError) throw faultAt(L, at, e.message);
    throw e;
  }
}

/** Adjacent literal runs become one str Constant; empty runs vanish (as in CPython). */
function mergePieces(L: ExprLowerer, pieces: Piece[]): (A.Constant | A.FormattedValue)[] {
  const out: (A.Constant | A.FormattedValue)[] = [];
  let run: { value: string; from: number; to: number } | null = null;
  const flush = () => {
    if (run && run.value !== '') out.push({ kind: 'Constant', value: { type: 'str', value: run.value }, ...L.at(run.from, run.to) });
    run = null;
  };
  for (const p of pieces) {
    if (p.kind === 'field') {
      flush();
      out.push(p.node);
    } else if (run) {
      run.value += p.value;
      run.to = p.to;
    } else {
      run = { value: p.value, from: p.from, to: p.to };
    }
  }
  flush();
  return out;
}

/** The literal runs and replacement fields of one f-string (or format spec) body. */
function formatPieces(L: ExprLowerer, owner: SyntaxNode, from: number, to: number, raw: boolean, out: Piece[]): void {
  let pos = from;
  for (const child of kids(owner)) {
    if (child.name !== 'FormatReplacement') continue;
    if (child.from > pos) out.push({ kind: 'text', value: fText(L, pos, child.from, raw), from: pos, to: child.from });
    const r = replacement(L, child, raw);
    if (r.selfDoc !== null) out.push({ kind: 'text', value: r.selfDoc, from: child.from, to: child.to });
    out.push({ kind: 'field', node: r.node });
    pos = child.to;
  }
  if (to > pos) out.push({ kind: 'text', value: fText(L, pos, to, raw), from: pos, to });
}

/** Literal f-string text: `{{`/`}}` are single braces, then escapes unless raw. */
function fText(L: ExprLowerer, from: number, to: number, raw: boolean): string {
  const body = L.src.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  if (raw) return rawBody(body);
  try {
    return decodeEscapes(body, false);
  } catch (e) {
    if (e instanceof EscapeError) throw new SyntaxFault('SyntaxError', e.message, L.src.lineOf(from), L.src.colOf(from) + 1, L.src.lineOf(to), L.src.colOf(to) + 1);
    throw e;
  }
}

function replacement(L: ExprLowerer, n: SyntaxNode, raw: boolean): { node: A.FormattedValue; selfDoc: string | null } {
  const ks = kids(n);
  const close = ks[ks.length - 1];
  if (close?.name !== '}') throw new LezerError(close ?? n);
  const exprNodes: SyntaxNode[] = [];
  let selfDoc: SyntaxNode | null = null;
  let conversion: A.FormattedValue['conversion'] = null;
  let spec: SyntaxNode | null = null;
  for (const k of ks.slice(1, -1)) {
    if (k.name === 'FormatSelfDoc') selfDoc = k;
    else if (k.name === 'FormatConversion') conversion = conversionOf(L, k);
    else if (k.name === 'FormatSpec') spec = k;
    else exprNodes.push(k);
  }
  if (exprNodes.length === 0) throw new LezerError(close);
  const value = exprNodes.length === 1 && exprNodes[0].name === 'YieldExpression' ? L.yieldExpr(exprNodes[0]) : L.exprList(exprNodes);
  let formatSpec: A.JoinedStr | null = null;
  if (spec) {
    const pieces: Piece[] = [];
    formatPieces(L, spec, spec.from + 1, spec.to, raw, pieces);
    formatSpec = { kind: 'JoinedStr', values: mergePieces(L, pieces), ...L.at(spec.from + 1, spec.to) };
  }
  const node: A.FormattedValue = { kind: 'FormattedValue', value, conversion, formatSpec, ...L.at(n.from, n.to) };
  if (!selfDoc) return { node, selfDoc: null };
  // `{x = }` desugars to the text 'x = ' followed by repr(x) (unless a conversion or spec is given).
  if (!conversion && !spec) node.conversion = 'r';
  const docEnd = (ks.find((k) => k.name === 'FormatConversion' || k.name === 'FormatSpec') ?? close).from;
  return { node, selfDoc: L.src.text.slice(n.from + 1, docEnd) };
}

function conversionOf(L: ExprLowerer, k: SyntaxNode): 'r' | 's' | 'a' {
  const c = L.text(k).slice(1);
  if (c === 'r' || c === 's' || c === 'a') return c;
  const line = L.src.lineOf(k.from);
  const col = L.src.colOf(k.from) + 2;
  if (c === '') throw new SyntaxFault('SyntaxError', 'f-string: missing conversion character', line, col, line, col + 1);
  throw new SyntaxFault('SyntaxError', `f-string: invalid conversion character '${c}': expected 's', 'r', or 'a'`, line, col, line, col + c.length);
}

function faultAt(L: ExprLowerer, n: SyntaxNode, msg: string): SyntaxFault {
  const s = L.at(n.from, n.to);
  return new SyntaxFault('SyntaxError', msg, s.line, s.col + 1, s.endLine, s.endCol + 1);
}
