// The parser's error type. A SyntaxError (or IndentationError / TabError) with the fields CPython
// gives its SyntaxError objects, and a message whose str() reads exactly like CPython 3.13's:
// `msg (filename, line N)`. The interpreter exposes these fields on the Python exception object.

import { PyError } from '../../errors';

export interface SyntaxErrorLocation {
  /** 1-based line. */
  lineno: number;
  /** 1-based column (CPython's `offset`). */
  offset: number;
  endLineno: number;
  /** 1-based column just past the end; CPython gives 0 or -1 when it has no end. */
  endOffset: number;
}

export type SyntaxErrorType = 'SyntaxError' | 'IndentationError' | 'TabError';

export class PySyntaxError extends PyError {
  /** The bare message (CPython's `e.msg`); `message` is str(e) with the location appended. */
  readonly msg: string;
  readonly filename: string;
  readonly lineno: number;
  readonly offset: number;
  readonly endLineno: number;
  readonly endOffset: number;
  /** The source line the error is on, with its line break (CPython's `e.text`). */
  readonly text: string | null;

  constructor(
    type: SyntaxErrorType,
    msg: string,
    filename: string,
    loc: SyntaxErrorLocation,
    text: string | null,
  ) {
    super(type, `${msg} (${filename}, line ${loc.lineno})`, [
      msg,
      [filename, loc.lineno, loc.offset, text, loc.endLineno, loc.endOffset],
    ]);
    this.msg = msg;
    this.filename = filename;
    this.lineno = loc.lineno;
    this.offset = loc.offset;
    this.endLineno = loc.endLineno;
    this.endOffset = loc.endOffset;
    this.text = text;
  }
}

/** Thrown inside the parser to unwind to parse(), which converts it into a PySyntaxError. */
export class SyntaxFault {
  constructor(
    readonly type: SyntaxErrorType,
    readonly msg: string,
    /** 1-based line. */
    readonly lineno: number,
    /** 1-based column, CPython's convention. */
    readonly offset: number,
    readonly endLineno: number,
    readonly endOffset: number,
    /**
     * What CPython puts in `e.text`: the line with its break (parser errors), the line without it
     * (tokenizer errors), or None (errors from the compiler, after parsing).
     */
    readonly textMode: 'line' | 'stripped' | 'none' = 'line',
  ) {}
}
