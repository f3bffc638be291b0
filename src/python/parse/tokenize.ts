import type { SourceText } from './source';
import type { SyntaxFault } from './errors';
export class Tokens { overrideParserError(f: SyntaxFault): SyntaxFault { return f; } }
export function tokenize(_src: SourceText): Tokens { return new Tokens(); }
