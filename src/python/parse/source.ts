// Source positions for the parser: turns character offsets (what lezer and the tokenizer give)
// into CPython-style line/column spans (1-based lines, 0-based character columns), and fetches a
// line's text for SyntaxError.text. Every AST node's Span is made here.

import type { Span } from '../ast';

export class SourceText {
  /** Offset of the first character of each line (line 1 at index 0). */
  readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly filename: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line holding `offset` (binary search; parsing asks for every node). */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  colOf(offset: number): number {
    return offset - this.lineStarts[this.lineOf(offset) - 1];
  }

  span(from: number, to: number): Span {
    const line = this.lineOf(from);
    const endLine = this.lineOf(to);
    return {
      line,
      col: from - this.lineStarts[line - 1],
      endLine,
      endCol: to - this.lineStarts[endLine - 1],
      from,
      to,
    };
  }

  /** Text of a 1-based line including its line break (CPython's SyntaxError.text keeps it). */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const end = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
