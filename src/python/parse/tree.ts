// Small helpers over lezer's syntax tree, shared by the lowering files. Lezer's Python tree is
// flat (a statement's children are its tokens and sub-expressions side by side), so the lowering
// walks child arrays; this file builds those arrays and names the token kinds it looks for.

import type { SyntaxNode } from '@lezer/common';

/** Children of a node, without comments (lezer keeps them as ordinary children). */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'Comment') out.push(c);
  }
  return out;
}

/** Splits a child list at top-level tokens named `sep` (e.g. ','), dropping the separators. */
export function splitBy(nodes: SyntaxNode[], sep: string): SyntaxNode[][] {
  const parts: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === sep) parts.push([]);
    else parts[parts.length - 1].push(n);
  }
  return parts;
}

/** Punctuation and keyword tokens (never expressions by themselves). */
const PUNCT = new Set([
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '*', '**', '@', 'At', 'AssignOp', 'UpdateOp',
  'if', 'else', 'elif', 'for', 'in', 'not', 'is', 'and', 'or', 'lambda', 'async', 'await', 'yield',
  'from', 'import', 'as', 'def', 'class', 'return', 'raise', 'del', 'pass', 'break', 'continue',
  'global', 'nonlocal', 'assert', 'try', 'except', 'finally', 'while', 'with', 'print', 'type',
  'ArithOp', 'BitOp', 'CompareOp', 'LogicOp',
]);

export function isPunct(n: SyntaxNode): boolean {
  return PUNCT.has(n.name);
}
