// The parser's entry point: Python source text → the AST of ../ast.ts, or a PySyntaxError that
// reads exactly like CPython 3.13's. Order of checks mirrors CPython: the tokenizer's errors win
// (tokenize.ts scans the whole file first), then lezer's tree is lowered (lower-*.ts) and its
// error nodes are named by diagnose.ts, then the compiler's checks (checks.ts: 'return' outside
// function, ...) run on the finished tree.

import { parser } from '@lezer/python';
import type { Module } from '../ast';
import { checkModule } from './checks';
import { diagnose } from './diagnose';
import { PySyntaxError, SyntaxFault } from './errors';
import { LezerError } from './lower-expr';
import { Lowerer } from './lower-stmt';
import { SourceText } from './source';
import { tokenize } from './tokenize';

export { PySyntaxError } from './errors';
export { dumpAst } from './dump';

export interface ParseOptions {
  /**
   * Run the compiler's checks ('return' outside function, ...) as compile() does; default true.
   * `ast.parse` skips them, so the ast.dump comparison turns them off.
   */
  compileChecks?: boolean;
}

/** Parses a whole script. `filename` is what error messages name (`main.py`, `case.py`). */
export function parse(source: string, filename: string, options: ParseOptions = {}): Module {
  const src = new SourceText(source, filename);
  try {
    const tokens = tokenize(src);
    const tree = parser.parse(source);
    const L = new Lowerer(src);
    L.missing = tree.topNode;
    const stray = tokens.strayIndent();
    let mod: Module;
    try {
      mod = L.module(tree.topNode);
    } catch (e) {
      let f: SyntaxFault;
      if (e instanceof LezerError) f = diagnose(src, tokens, e.node);
      else if (e instanceof SyntaxFault) f = tokens.overrideParserError(e);
      else throw e;
      throw stray && stray.lineno < f.lineno ? stray : f;
    }
    if (stray) throw stray;
    // Lezer may close a bracket at end of file by itself; CPython never does.
    if (tokens.unclosed) throw tokens.unclosedError();
    if (options.compileChecks !== false) checkModule(mod);
    return mod;
  } catch (e) {
    if (e instanceof SyntaxFault) throw toPyError(src, e);
    throw e;
  }
}

function toPyError(src: SourceText, f: SyntaxFault): PySyntaxError {
  let text = f.lineno >= 1 && f.lineno <= src.lineCount && f.textMode !== 'none' ? src.lineText(f.lineno) : null;
  if (text !== null && f.textMode === 'stripped') text = text.replace(/\r?\n$/, '');
  return new PySyntaxError(f.type, f.msg, src.filename, f, text);
}
