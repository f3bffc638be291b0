// Assignment targets: lezer happily parses `f() = 1`; CPython rejects it. This file gives a lowered
// target its Store/Del context (recursively through tuples, lists and starred items) and raises
// CPython's exact message for an invalid one, e.g. "cannot assign to function call here. Maybe you
// meant '==' instead of '='?" (first target of a plain `=`), "cannot delete literal",
// "'tuple' is an illegal expression for augmented assignment".

import type * as A from '../ast';
import { SyntaxFault } from './errors';
import type { TargetUse } from './lower-expr';

/** CPython's _PyPegen_get_expr_name: how messages name an expression. */
export function exprName(e: A.Expr): string {
  switch (e.kind) {
    case 'Attribute': return 'attribute';
    case 'Subscript': return 'subscript';
    case 'Starred': return 'starred';
    case 'Name': return 'name';
    case 'List': return 'list';
    case 'Tuple': return 'tuple';
    case 'Lambda': return 'lambda';
    case 'Call': return 'function call';
    case 'BoolOp': case 'BinOp': case 'UnaryOp': return 'expression';
    case 'GeneratorExp': return 'generator expression';
    case 'Yield': case 'YieldFrom': return 'yield expression';
    case 'Await': return 'await expression';
    case 'ListComp': return 'list comprehension';
    case 'SetComp': return 'set comprehension';
    case 'DictComp': return 'dict comprehension';
    case 'Dict': return 'dict literal';
    case 'Set': return 'set display';
    case 'JoinedStr': case 'FormattedValue': return 'f-string expression';
    case 'Compare': return 'comparison';
    case 'IfExp': return 'conditional expression';
    case 'NamedExpr': return 'named expression';
    case 'Slice': return 'slice';
    case 'Constant': {
      const v = e.value;
      if (v.type === 'None') return 'None';
      if (v.type === 'bool') return v.value ? 'True' : 'False';
      if (v.type === 'Ellipsis') return 'ellipsis';
      return 'literal';
    }
  }
}

/** Expressions CPython's `bitwise_or` rule can produce (for the "Maybe you meant '=='" hint). */
const BITWISE_OR_LEVEL = new Set(['BinOp', 'UnaryOp', 'Await', 'Call', 'Attribute', 'Subscript', 'Name', 'Constant', 'Dict', 'Set', 'ListComp', 'SetComp', 'DictComp', 'JoinedStr']);

export function fault(e: A.Span, msg: string, textMode: 'line' | 'none' = 'line'): SyntaxFault {
  return new SyntaxFault('SyntaxError', msg, e.line, e.col + 1, e.endLine, e.endCol + 1, textMode);
}

/** Sets `ctx` on a target tree, or throws CPython's message for the first invalid part. */
export function toTarget<T extends A.Expr>(e: T, ctx: 'Store' | 'Del', use: TargetUse): T {
  const bad = invalidPart(e, use);
  if (bad) {
    const name = exprName(bad);
    if (use === 'walrus') throw fault(bad, `cannot use assignment expressions with ${name}`);
    if (use === 'del') throw fault(bad, `cannot delete ${name}`);
    const isConst = bad.kind === 'Constant' && (bad.value.type === 'None' || bad.value.type === 'bool');
    if (use === 'assign-first' && bad === e && BITWISE_OR_LEVEL.has(bad.kind) && !isConst) {
      throw fault(bad, `cannot assign to ${name} here. Maybe you meant '==' instead of '='?`);
    }
    throw fault(bad, `cannot assign to ${name}`);
  }
  setCtx(e, ctx);
  return e;
}

function invalidPart(e: A.Expr, use: TargetUse): A.Expr | null {
  switch (e.kind) {
    case 'Name':
      return null;
    case 'Attribute':
    case 'Subscript':
      return use === 'walrus' ? e : null;
    case 'Starred':
      return use === 'walrus' || use === 'del' ? e : invalidPart(e.value, use);
    case 'Tuple':
    case 'List':
      if (use === 'walrus') return e;
      for (const x of e.elts) {
        const bad = invalidPart(x, use);
        if (bad) return bad;
      }
      return null;
    default:
      return e;
  }
}

function setCtx(e: A.Expr, ctx: A.ExprContext): void {
  switch (e.kind) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      e.ctx = ctx;
      break;
    case 'Starred':
      e.ctx = ctx;
      setCtx(e.value, ctx);
      break;
    case 'Tuple':
    case 'List':
      e.ctx = ctx;
      for (const x of e.elts) setCtx(x, ctx);
      break;
    default:
      break;
  }
}

/** `target op= value` accepts only a Name, Attribute or Subscript. */
export function augTarget(e: A.Expr): A.Name | A.Attribute | A.Subscript {
  if (e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript') {
    e.ctx = 'Store';
    return e;
  }
  throw fault(e, `'${exprName(e)}' is an illegal expression for augmented assignment`);
}

/** `target: annotation` accepts a single Name, Attribute or Subscript. */
export function annTarget(e: A.Expr): A.Name | A.Attribute | A.Subscript {
  if (e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript') {
    e.ctx = 'Store';
    return e;
  }
  if (e.kind === 'Tuple' || e.kind === 'List') throw fault(e, `only single target (not ${e.kind.toLowerCase()}) can be annotated`);
  throw fault(e, 'illegal target for annotation');
}
