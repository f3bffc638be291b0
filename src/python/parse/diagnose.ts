// Names a parser error the way CPython 3.13 does. Lezer recovers from errors silently; when the
// lowering meets one of its error nodes, this file finds the token CPython's parser would have
// stopped at and recognizes the common mistakes CPython has specific messages for (a missing ':',
// a missing comma, `print x`, `if x = 1:`, indentation after a block header, a stray indent);
// anything else is CPython's generic "invalid syntax" on that token. The line is always the
// failing token's line, even when the message is the generic one.

import type { SyntaxNode } from '@lezer/common';
import { SyntaxFault } from './errors';
import type { SourceText } from './source';
import type { Token, Tokens } from './tokenize';

const BLOCK_NAMES: Record<string, string> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", while: "'while' statement",
  for: "'for' statement", with: "'with' statement", try: "'try' statement", except: "'except' statement",
  finally: "'finally' statement", def: 'function definition', class: 'class definition',
};
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export function diagnose(src: SourceText, tokens: Tokens, node: SyntaxNode): SyntaxFault {
  const list = tokens.list;
  let at = tokens.indexAt(node.from);
  // Zero-width DEDENTs sit where the next statement starts; CPython blames that statement's token.
  while (list[at].type === 'DEDENT' && at < list.length - 1) at++;
  if (list[at].type === 'NEWLINE' && list[at - 1]?.text === 'import') {
    const f = onToken(src, list[at], "Expected one or more names after 'import'");
    return new SyntaxFault(f.type, f.msg, f.lineno, f.offset, f.endLineno, f.offset);
  }
  const f = specific(src, list, at) ?? onToken(src, list[at], 'invalid syntax');
  if (list[at].type === 'ENDMARKER' && tokens.unclosed) return tokens.unclosedError();
  return tokens.overrideParserError(f);
}

function onToken(src: SourceText, t: Token, msg: string, type: 'SyntaxError' | 'IndentationError' = 'SyntaxError'): SyntaxFault {
  // A NEWLINE (or an empty token) is one column wide on its own line.
  const s = src.span(t.from, t.type === 'NEWLINE' || t.to === t.from ? t.from : t.to);
  if (t.type === 'NEWLINE' || t.to === t.from) s.endCol = s.col + 1;
  return new SyntaxFault(type, msg, s.line, s.col + 1, s.endLine, s.endCol + 1);
}

function between(src: SourceText, a: Token, b: Token, msg: string): SyntaxFault {
  const s = src.span(a.from, b.to);
  return new SyntaxFault('SyntaxError', msg, s.line, s.col + 1, s.endLine, s.endCol + 1);
}

/** The tokens of the logical line holding token `i`: [first index, index of its NEWLINE]. */
function logicalLine(list: Token[], i: number): [number, number] {
  let a = Math.min(i, list.length - 1);
  while (a > 0 && !['NEWLINE', 'INDENT', 'DEDENT'].includes(list[a - 1].type)) a--;
  let b = a;
  while (b < list.length - 1 && list[b].type !== 'NEWLINE' && list[b].type !== 'ENDMARKER') b++;
  return [a, b];
}

function specific(src: SourceText, list: Token[], at: number): SyntaxFault | null {
  const colon = missingColon(src, list, at);
  if (colon) return colon;
  // Indentation: an INDENT nobody asked for, or a block header whose body is not indented.
  for (let k = Math.max(0, at - 3); k <= Math.min(at + 1, list.length - 1); k++) {
    const t = list[k];
    if (t.type === 'INDENT' && !(k > 0 && list[k - 1].type === 'NEWLINE' && headerBefore(list, k - 1))) {
      const line = src.lineOf(t.from);
      return new SyntaxFault('IndentationError', 'unexpected indent', line, src.colOf(t.to), line, -1);
    }
  }
  for (let k = Math.max(0, at - 3); k <= Math.min(at + 1, list.length - 1); k++) {
    if (list[k].type !== 'NEWLINE') continue;
    const head = headerBefore(list, k);
    const next = list[k + 1];
    if (head && next && next.type !== 'INDENT') {
      const msg = `expected an indented block after ${BLOCK_NAMES[head.text]} on line ${src.lineOf(head.from)}`;
      if (next.type === 'ENDMARKER' || next.type === 'DEDENT') {
        const s = src.span(list[k].from, list[k].to);
        return new SyntaxFault('IndentationError', msg, s.line, s.col + 1, s.line, -1);
      }
      return onToken(src, next, msg, 'IndentationError');
    }
  }
  const [a, b] = logicalLine(list, at);
  const first = list[a];
  // Python 2's print statement.
  if ((first.text === 'print' || first.text === 'exec') && first.type === 'NAME' && ['NAME', 'STRING', 'NUMBER'].includes(list[a + 1]?.type) && !KEYWORDS.has(list[a + 1].text)) {
    return between(src, first, list[b - 1], `Missing parentheses in call to '${first.text}'. Did you mean ${first.text}(...)?`);
  }
  if (first.type === 'NAME' && first.text in BLOCK_NAMES) {
    let depth = 0;
    let colon = -1;
    let eq = -1;
    for (let k = a + 1; k < b; k++) {
      const t = list[k].text;
      if ('([{'.includes(t) && list[k].type === 'OP') depth++;
      else if (')]}'.includes(t) && list[k].type === 'OP') depth--;
      else if (depth === 0 && t === ':' && colon < 0 && !(first.text === 'class' || first.text === 'def' ? false : false)) colon = k;
      else if (depth === 0 && t === '=' && eq < 0) eq = k;
    }
    if (eq > 0 && ['if', 'elif', 'while'].includes(first.text) && (colon < 0 || eq < colon)) {
      const end = colon > 0 ? list[colon - 1] : list[b - 1];
      return between(src, list[a + 1], end, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    if (first.text === 'def' && list[a + 2]?.text !== '(') return onToken(src, list[a + 2], "expected '('");
    if (colon < 0 && at >= b - 1) return onToken(src, list[b], "expected ':'");
  }
  // Two expressions side by side inside brackets: CPython suggests the missing comma.
  const t = list[at];
  const prev = list[at - 1];
  if (prev && startsExpr(t) && endsExpr(prev) && insideBrackets(list, at)) {
    return between(src, prev, t, 'invalid syntax. Perhaps you forgot a comma?');
  }
  return null;
}

/** `if x` (no colon) on the error's line or the line before an unexpected INDENT. */
function missingColon(src: SourceText, list: Token[], at: number): SyntaxFault | null {
  let k = at;
  while (k > 0 && (list[k].type === 'INDENT' || list[k].type === 'NEWLINE') ) k--;
  const [a, b] = logicalLine(list, k);
  const first = list[a].text === 'async' ? list[a + 1] : list[a];
  if (first.type !== 'NAME' || !(first.text in BLOCK_NAMES) || list[b - 1]?.text === ':') return null;
  let depth = 0;
  for (let j = a + 1; j < b; j++) {
    const t = list[j];
    if (t.type !== 'OP') continue;
    if ('([{'.includes(t.text)) depth++;
    else if (')]}'.includes(t.text)) depth--;
    else if (depth === 0 && (t.text === ':' || t.text === '=')) return null;
  }
  if (first.text === 'def' && list[a + 2]?.text !== '(') return null;
  return onToken(src, list[b], "expected ':'");
}

/** If the tokens before NEWLINE `k` end a block header `kw ...:`, its keyword token. */
function headerBefore(list: Token[], k: number): Token | null {
  if (list[k - 1]?.text !== ':') return null;
  const [a] = logicalLine(list, k - 1);
  let first = list[a];
  if (first.text === 'async') first = list[a + 1];
  return first.type === 'NAME' && first.text in BLOCK_NAMES ? first : null;
}

function startsExpr(t: Token): boolean {
  return (t.type === 'NAME' && !KEYWORDS.has(t.text)) || t.type === 'NUMBER' || t.type === 'STRING';
}

function endsExpr(t: Token): boolean {
  return (t.type === 'NAME' && !KEYWORDS.has(t.text)) || t.type === 'NUMBER' || t.type === 'STRING' || t.text === ')' || t.text === ']' || t.text === '}';
}

function insideBrackets(list: Token[], at: number): boolean {
  let depth = 0;
  for (let k = at - 1; k >= 0 && list[k].type !== 'NEWLINE'; k--) {
    const x = list[k].text;
    if (list[k].type !== 'OP') continue;
    if (x === ')' || x === ']' || x === '}') depth++;
    else if (x === '(' || x === '[' || x === '{') {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}
