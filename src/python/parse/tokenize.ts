// A CPython-faithful tokenizer, used for what lezer cannot say: the tokenizer's own SyntaxErrors
// (unterminated strings, bad number literals, unmatched/mismatched brackets, bad indentation,
// invalid characters), with the exact message and position CPython 3.13's tokenizer.c gives; and
// the token list diagnose.ts uses to place parser errors on the token CPython would blame.
// CPython reports a tokenizer error found anywhere in the file in preference to a parser error
// (pegen re-tokenizes the rest of the file after a parser error), so tokenize() throws at once.

import { SyntaxFault } from './errors';
import type { SourceText } from './source';

export type TokenType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER';

export interface Token {
  type: TokenType;
  from: number;
  to: number;
  text: string;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '!=', '==', '<=', '>=', '<<', '>>', '**', '//',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<>',
];
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export class Tokens {
  constructor(
    readonly list: Token[],
    /** Innermost bracket still open at end of file, if any (CPython: "'(' was never closed"). */
    readonly unclosed: { char: string; from: number } | null,
    private readonly src: SourceText,
  ) {}

  /** Index of the first significant token starting at or after `offset`. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].to <= offset && this.list[mid].from < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** CPython's rule: an unclosed bracket on a line before a parser error takes its place. */
  overrideParserError(f: SyntaxFault): SyntaxFault {
    if (this.unclosed && f.lineno > this.src.lineOf(this.unclosed.from)) return this.unclosedError();
    return f;
  }

  /**
   * CPython's "unexpected indent": an INDENT not following a line that ends with ':' (lezer
   * accepts these). A line opening a block but lacking its ':' is left to diagnose's "expected ':'".
   */
  strayIndent(): SyntaxFault | null {
    const list = this.list;
    for (let k = 0; k < list.length; k++) {
      if (list[k].type !== 'INDENT') continue;
      if (k >= 2 && list[k - 2].text === ':') continue;
      let a = k - 1;
      while (a > 0 && list[a - 1].type !== 'NEWLINE' && list[a - 1].type !== 'INDENT' && list[a - 1].type !== 'DEDENT') a--;
      const first = a >= 0 ? list[a].text : '';
      if (/^(if|elif|else|while|for|with|try|except|finally|def|class|async)$/.test(first)) continue;
      const t = list[k];
      const line = this.src.lineOf(t.to);
      return new SyntaxFault('IndentationError', 'unexpected indent', line, this.src.colOf(t.to), line, -1);
    }
    return null;
  }

  unclosedError(): SyntaxFault {
    const u = this.unclosed!;
    const line = this.src.lineOf(u.from);
    // CPython's text keeps the line break only when the bracket is on the tokenizer's current
    // (last) line; an earlier line is re-read from the source without it.
    const lastLine = this.src.lineOf(Math.max(0, this.src.text.length - 1));
    return new SyntaxFault('SyntaxError', `'${u.char}' was never closed`, line, this.src.colOf(u.from) + 1, line, 0, line === lastLine ? 'line' : 'stripped');
  }
}

const isIdStart = (c: string) => /[A-Za-z_]/.test(c) || (c >= '\x80' && /[\p{ID_Start}]/u.test(c));
const isIdChar = (c: string) => /[A-Za-z0-9_]/.test(c) || (c >= '\x80' && /[\p{ID_Continue}]/u.test(c));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function tokenize(src: SourceText): Tokens {
  const s = src.text;
  const n = s.length;
  const tokens: Token[] = [];
  const parens: { char: string; from: number }[] = [];
  const indents = [0];
  let i = 0;
  let atLineStart = true;

  const err = (msg: string, at: number, type: 'SyntaxError' | 'IndentationError' = 'SyntaxError', end?: number): never => {
    const line = src.lineOf(at);
    const col = src.colOf(at);
    throw new SyntaxFault(type, msg, line, col, line, end ?? col, 'stripped');
  };
  const push = (type: TokenType, from: number, to: number) => tokens.push({ type, from, to, text: s.slice(from, to) });

  while (i <= n) {
    if (atLineStart) {
      atLineStart = false;
      let col = 0;
      let j = i;
      for (; j < n; j++) {
        if (s[j] === ' ') col++;
        else if (s[j] === '\t') col = (Math.floor(col / 8) + 1) * 8;
        else if (s[j] === '\f') col = 0;
        else break;
      }
      const c = s[j];
      const blank = j >= n || c === '#' || c === '\n' || c === '\r' || c === '\\';
      if (!blank && parens.length === 0) {
        if (col > indents[indents.length - 1]) {
          indents.push(col);
          push('INDENT', i, j);
        } else {
          while (col < indents[indents.length - 1]) {
            indents.pop();
            push('DEDENT', j, j);
          }
          if (col !== indents[indents.length - 1]) {
            // CPython points past the end of the offending line.
            const line = src.lineOf(j);
            const text = src.lineText(line);
            throw new SyntaxFault('IndentationError', 'unindent does not match any outer indentation level', line, text.length, line, -1);
          }
        }
      }
      i = j;
    }
    if (i >= n) break;
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && s[i] !== '\n' && s[i] !== '\r') i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      const prev = tokens[tokens.length - 1];
      if (parens.length === 0 && prev && prev.type !== 'NEWLINE' && prev.type !== 'INDENT' && prev.type !== 'DEDENT') push('NEWLINE', i, i + 1);
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      atLineStart = true;
      continue;
    }
    if (c === '\\') {
      const nx = s[i + 1];
      if (nx === '\n' || nx === '\r') {
        i += nx === '\r' && s[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (nx === undefined) err('unexpected EOF while parsing', i);
      // CPython computes this column from the start of the file buffer (tokenizer.c E_LINECONT).
      const line = src.lineOf(i);
      throw new SyntaxFault('SyntaxError', 'unexpected character after line continuation character', line, i + 2, line, 0);
    }
    const start = i;
    if (isIdStart(c)) {
      while (i < n && isIdChar(s[i])) i++;
      const word = s.slice(start, i).toLowerCase();
      if ((s[i] === '"' || s[i] === "'") && /^(r|u|b|f|br|rb|fr|rf)$/.test(word)) {
        i = scanString(start, i, word.includes('f'));
        push('STRING', start, i);
      } else push('NAME', start, i);
      continue;
    }
    if (c >= '\x80') err(`invalid character '${String.fromCodePoint(s.codePointAt(i)!)}' (U+${s.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')})`, i + 1);
    if (isDigit(c) || (c === '.' && isDigit(s[i + 1]))) {
      i = scanNumber(i);
      push('NUMBER', start, i);
      continue;
    }
    if (c === '"' || c === "'") {
      i = scanString(start, i, false);
      push('STRING', start, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      parens.push({ char: c, from: i });
      push('OP', i, ++i);
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      const open = parens.pop();
      if (!open) err(`unmatched '${c}'`, i + 1);
      else if (open.char !== CLOSE[c]) {
        const where = src.lineOf(open.from) !== src.lineOf(i) ? ` on line ${src.lineOf(open.from)}` : '';
        err(`closing parenthesis '${c}' does not match opening parenthesis '${open.char}'${where}`, i + 1);
      }
      push('OP', i, ++i);
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, i));
    push('OP', i, (i += op ? op.length : 1));
  }
  while (indents.length > 1) {
    indents.pop();
    push('DEDENT', n, n);
  }
  push('ENDMARKER', n, n);
  return new Tokens(tokens, parens.length ? parens[parens.length - 1] : null, src);

  /** Scans a number literal from `i`, raising CPython's errors for malformed ones. */
  function scanNumber(i: number): number {
    const digitsTail = (isOk: (c: string | undefined) => boolean, kind: string): void => {
      for (;;) {
        while (isOk(s[i])) i++;
        if (s[i] !== '_') return;
        i++;
        if (!isOk(s[i])) err(`invalid ${kind} literal`, i);
      }
    };
    const end = (kind: string): number => {
      const c = s[i];
      if (c !== undefined && c < '\x80' && isIdChar(c) && !keywordFollows(i)) err(`invalid ${kind} literal`, i);
      return i;
    };
    if (s[i] === '0' && /[xXoObB]/.test(s[i + 1] ?? '')) {
      const base = s[i + 1].toLowerCase();
      i += 2;
      const kind = base === 'x' ? 'hexadecimal' : base === 'o' ? 'octal' : 'binary';
      const ok = base === 'x' ? (c?: string) => c !== undefined && /[0-9a-fA-F]/.test(c) : base === 'o' ? (c?: string) => c !== undefined && c >= '0' && c <= '7' : (c?: string) => c === '0' || c === '1';
      if (s[i] === '_') i++;
      if (!ok(s[i])) {
        if (base !== 'x' && isDigit(s[i])) err(`invalid digit '${s[i]}' in ${kind} literal`, i + 1);
        err(`invalid ${kind} literal`, i);
      }
      digitsTail(ok, kind);
      if (base !== 'x' && isDigit(s[i])) err(`invalid digit '${s[i]}' in ${kind} literal`, i + 1);
      return end(kind);
    }
    const start = i;
    if (s[i] !== '.') {
      digitsTail(isDigit, 'decimal');
      const intPart = s.slice(start, i);
      if (/^0[0-9_]*$/.test(intPart) && /[1-9]/.test(intPart) && s[i] !== '.' && !/[eEjJ]/.test(s[i] ?? '')) {
        const zerosEnd = start + intPart.search(/[^0_]/);
        const line = src.lineOf(start);
        throw new SyntaxFault('SyntaxError', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', line, src.colOf(start) + 1, line, src.colOf(zerosEnd) + 1, 'stripped');
      }
    }
    if (s[i] === '.') {
      i++;
      if (isDigit(s[i])) digitsTail(isDigit, 'decimal');
    }
    if (s[i] === 'e' || s[i] === 'E') {
      const e = i;
      i++;
      if (s[i] === '+' || s[i] === '-') {
        i++;
        if (!isDigit(s[i])) err('invalid decimal literal', i);
      } else if (!isDigit(s[i])) {
        i = e;
        return end('decimal');
      }
      digitsTail(isDigit, 'decimal');
    }
    if (s[i] === 'j' || s[i] === 'J') {
      i++;
      return end('imaginary');
    }
    return end('decimal');
  }

  /** `1if x else y` is valid (with a warning): a number may run into these keywords. */
  function keywordFollows(i: number): boolean {
    return /^(and|else|for|if|in|is|not|or)/.test(s.slice(i, i + 4));
  }

  /** Scans a string literal whose prefix starts at `start` and quote at `q`. */
  function scanString(start: number, q: number, isF: boolean): number {
    const quote = s[q];
    const triple = s[q + 1] === quote && s[q + 2] === quote;
    let i = q + (triple ? 3 : 1);
    const kind = isF ? 'f-string' : 'string';
    const unterminated = (): never => {
      const line = src.lineOf(start);
      const detected = triple ? src.lineOf(Math.max(0, n - 1)) : src.lineOf(i);
      const col = src.colOf(start) + 1;
      throw new SyntaxFault('SyntaxError', `unterminated ${triple ? 'triple-quoted ' : ''}${kind} literal (detected at line ${detected})`, line, col, line, col, 'stripped');
    };
    let depth = 0;
    while (true) {
      if (i >= n) unterminated();
      const c = s[i];
      if (!triple && (c === '\n' || c === '\r') && depth === 0) unterminated();
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (isF && depth === 0 && c === '{') {
        if (s[i + 1] === '{') i += 2;
        else {
          depth = 1;
          i++;
        }
        continue;
      }
      if (isF && depth === 0 && c === '}') {
        if (s[i + 1] === '}') {
          i += 2;
          continue;
        }
        err("f-string: single '}' is not allowed", i + 1);
      }
      if (isF && depth > 0) {
        if (c === quote && (!triple || (s[i + 1] === quote && s[i + 2] === quote))) {
          // A nested string may reuse the quote (3.12+) only if it closes before the line ends.
          const close = s.indexOf(quote, i + 1);
          const nl = s.indexOf('\n', i + 1);
          if (triple || close < 0 || (nl >= 0 && nl < close)) err("f-string: expecting '}'", i + (triple ? 3 : 1));
          i = close + 1;
          continue;
        }
        if (c === '"' || c === "'") {
          i = scanString(i, i, false);
          continue;
        }
        if (c === '{' || c === '[' || c === '(') depth++;
        else if (c === '}' || c === ']' || c === ')') depth--;
        i++;
        continue;
      }
      if (c === quote && (!triple || (s[i + 1] === quote && s[i + 2] === quote))) return i + (triple ? 3 : 1);
      i++;
    }
  }
}
