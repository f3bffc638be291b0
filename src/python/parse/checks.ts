// The compiler's checks on a parsed tree — errors CPython raises after parsing succeeded, while
// building the symbol table and compiling: 'return' outside function, 'break' outside loop,
// 'continue' not properly in loop, 'yield'/'await' outside function, nonlocal at module level.
// Positions are the offending statement's (or expression's) span, as CPython gives them.

import type * as A from '../ast';
import { fault } from './targets';

interface Scope { inFunction: boolean; inLoop: boolean }

export function checkModule(m: A.Module): void {
  stmts(m.body, { inFunction: false, inLoop: false }, true);
}

function stmts(body: A.Stmt[], sc: Scope, moduleLevel = false): void {
  for (const s of body) stmt(s, sc, moduleLevel);
}

function stmt(s: A.Stmt, sc: Scope, moduleLevel: boolean): void {
  switch (s.kind) {
    case 'Return':
      if (!sc.inFunction) throw fault(s, "'return' outside function", 'none');
      if (s.value) expr(s.value, sc);
      return;
    case 'Break':
      if (!sc.inLoop) throw fault(s, "'break' outside loop", 'none');
      return;
    case 'Continue':
      if (!sc.inLoop) throw fault(s, "'continue' not properly in loop", 'none');
      return;
    case 'Nonlocal':
      if (moduleLevel) throw fault(s, 'nonlocal declaration not allowed at module level', 'none');
      return;
    case 'FunctionDef':
      for (const d of s.decorators) expr(d, sc);
      stmts(s.body, { inFunction: true, inLoop: false });
      return;
    case 'ClassDef':
      stmts(s.body, { inFunction: false, inLoop: false });
      return;
    case 'For':
    case 'While':
      if (s.kind === 'For') expr(s.iter, sc);
      else expr(s.test, sc);
      stmts(s.body, { ...sc, inLoop: true });
      stmts(s.orelse, sc);
      return;
    case 'If':
      expr(s.test, sc);
      stmts(s.body, sc, moduleLevel);
      stmts(s.orelse, sc, moduleLevel);
      return;
    case 'With':
      stmts(s.body, sc, moduleLevel);
      return;
    case 'Try':
      stmts(s.body, sc, moduleLevel);
      for (const h of s.handlers) stmts(h.body, sc, moduleLevel);
      stmts(s.orelse, sc, moduleLevel);
      stmts(s.finalbody, sc, moduleLevel);
      return;
    case 'Expr':
    case 'Assign':
    case 'AugAssign':
      expr(s.value, sc);
      return;
    default:
      return;
  }
}

/** Only the top of an expression can be a bare yield/await in practice; look there. */
function expr(e: A.Expr, sc: Scope): void {
  if (sc.inFunction) return;
  if (e.kind === 'Yield' || e.kind === 'YieldFrom') throw fault(e, "'yield' outside function", 'none');
  if (e.kind === 'Await') throw fault(e, "'await' outside function", 'none');
}
