import type { SyntaxNode } from '@lezer/common';
import { SyntaxFault } from './errors';
import type { SourceText } from './source';
import type { Tokens } from './tokenize';
export function diagnose(src: SourceText, _t: Tokens, n: SyntaxNode): SyntaxFault {
  const s = src.span(n.from, n.to);
  return new SyntaxFault('SyntaxError', 'invalid syntax', s.line, s.col + 1, s.endLine, s.endCol + 1);
}
