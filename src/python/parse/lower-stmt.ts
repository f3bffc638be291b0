// Lowering, part 3 of 3: lezer statement nodes → AST statements, and the Lowerer that ties the
// three parts together. Compound statements are read from lezer's flat child lists (keyword token,
// header expressions, Body, then `elif`/`else`/`except`/`finally` clauses with their Bodies).

import type { SyntaxNode } from '@lezer/common';
import type * as A from '../ast';
import { SyntaxFault } from './errors';
import { ExprLowerer, LezerError, binaryOperator, emptyArguments } from './lower-expr';
import type { TargetUse } from './lower-expr';
import { lowerString } from './strings';
import { annTarget, augTarget, toTarget } from './targets';
import { kids, splitBy } from './tree';

export class Lowerer extends ExprLowerer {
  override lowerString(n: SyntaxNode): A.Expr {
    return lowerString(this, n);
  }

  override toTarget<T extends A.Expr>(e: T, ctx: 'Store' | 'Del', how: TargetUse): T {
    return toTarget(e, ctx, how);
  }

  module(script: SyntaxNode): A.Module {
    const body = this.stmts(kids(script));
    return { kind: 'Module', body, filename: this.src.filename, ...this.at(0, this.src.text.length) };
  }

  stmts(nodes: SyntaxNode[]): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const n of nodes) {
      if (n.name === 'StatementGroup') {
        for (const k of kids(n)) if (k.name !== ';') out.push(this.stmt(k));
      } else if (n.name !== ';') {
        out.push(this.stmt(n));
      }
    }
    return out;
  }

  body(n: SyntaxNode | undefined): A.Stmt[] {
    if (!n || n.name !== 'Body') throw new LezerError(n ?? this.missing);
    const ks = kids(n);
    if (ks[0]?.name !== ':') throw new LezerError(ks[0] ?? n);
    return this.stmts(ks.slice(1));
  }

  /** Placeholder node for "something required is absent" (set by parse before lowering). */
  missing!: SyntaxNode;

  stmt(n: SyntaxNode): A.Stmt {
    this.check(n);
    const ks = kids(n);
    const span = this.at(n.from, stmtEnd(n));
    switch (n.name) {
      case 'ExpressionStatement':
        return { kind: 'Expr', value: this.exprList(ks), ...span };
      case 'AssignStatement':
        return this.assign(n, ks);
      case 'UpdateStatement': {
        const target = augTarget(this.exprList(ks.slice(0, 1)));
        const op = binaryOperator(this.text(ks[1]).slice(0, -1));
        if (!op || ks.length < 3) throw new LezerError(ks[1] ?? n);
        return { kind: 'AugAssign', target, op, value: this.rhs(ks.slice(2)), ...span };
      }
      case 'PassStatement':
        return { kind: 'Pass', ...span };
      case 'BreakStatement':
        return { kind: 'Break', ...span };
      case 'ContinueStatement':
        return { kind: 'Continue', ...span };
      case 'ReturnStatement':
        return { kind: 'Return', value: ks.length > 1 ? this.rhs(ks.slice(1)) : null, ...span };
      case 'YieldStatement':
        return { kind: 'Expr', value: this.yieldExpr(n), ...span };
      case 'DeleteStatement': {
        const rest = ks.slice(1);
        for (const k of rest) this.check(k);
        const targets = splitBy(rest, ',').filter((p) => p.length).map((p) => toTarget(this.item(p), 'Del', 'del'));
        return { kind: 'Delete', targets, ...span };
      }
      case 'RaiseStatement': {
        const from = ks.findIndex((k) => k.name === 'from');
        const excNodes = from >= 0 ? ks.slice(1, from) : ks.slice(1);
        return {
          kind: 'Raise',
          exc: excNodes.length ? this.exprList(excNodes) : null,
          cause: from >= 0 ? this.exprList(ks.slice(from + 1)) : null,
          ...span,
        };
      }
      case 'AssertStatement': {
        const [test, msg] = splitBy(ks.slice(1), ',');
        return { kind: 'Assert', test: this.exprList(test), msg: msg ? this.exprList(msg) : null, ...span };
      }
      case 'ScopeStatement': {
        const names = ks.filter((k) => k.name === 'VariableName').map((k) => this.text(k));
        for (const k of ks) this.check(k);
        return { kind: ks[0].name === 'global' ? 'Global' : 'Nonlocal', names, ...span };
      }
      case 'ImportStatement':
        return this.importStmt(n, ks);
      case 'IfStatement':
        return this.ifStmt(ks, 0, n.to);
      case 'WhileStatement':
      {
        const body = this.body(ks[2]);
        const orelse = this.elseBody(ks, 3);
        return { kind: 'While', test: this.expr(ks[1]), body, orelse, ...this.at(n.from, lastStmtEnd(body, orelse, ks[2])) };
      }
      case 'ForStatement':
        return this.forStmt(n, ks);
      case 'TryStatement':
        return this.tryStmt(n, ks);
      case 'WithStatement':
        return this.withStmt(n, ks);
      case 'FunctionDefinition':
        return this.funcDef(n, ks, []);
      case 'ClassDefinition':
        return this.classDef(n, ks, []);
      case 'DecoratedStatement':
        return this.decorated(n, ks);
      case 'PrintStatement':
        throw new LezerError(n);
      default:
        throw new SyntaxFault('SyntaxError', `'${this.text(ks[0] ?? n)}' statements are not supported`, span.line, span.col + 1, span.endLine, span.endCol + 1);
    }
  }

  /** The value side of a statement: an expression list or a yield expression. */
  private rhs(nodes: SyntaxNode[]): A.Expr {
    if (nodes.length === 1 && nodes[0].name === 'YieldExpression') return this.yieldExpr(nodes[0]);
    return this.exprList(nodes);
  }

  private assign(n: SyntaxNode, ks: SyntaxNode[]): A.Stmt {
    const span = this.at(n.from, stmtEnd(n));
    const segments = splitBy(ks, 'AssignOp');
    const first = segments[0];
    const typeDef = first[first.length - 1]?.name === 'TypeDef' ? first.pop()! : null;
    if (typeDef) {
      if (segments.length > 2) throw new LezerError(ks.filter((k) => k.name === 'AssignOp')[1]);
      const target = annTarget(this.exprList(first));
      const simple = target.kind === 'Name' && first[0].name === 'VariableName';
      return {
        kind: 'AnnAssign', target, annotation: this.expr(kids(typeDef)[1]),
        value: segments.length > 1 ? this.rhs(segments[1]) : null, simple, ...span,
      };
    }
    for (const s of segments) if (s.length === 0) throw new LezerError(ks.find((k) => k.type.isError) ?? n);
    const targets = segments.slice(0, -1).map((s, i) =>
      toTarget(this.exprList(s), 'Store', i === 0 && segments.length === 2 && s.length === 1 ? 'assign-first' : 'assign'));
    return { kind: 'Assign', targets, value: this.rhs(segments[segments.length - 1]), ...span };
  }

  private elseBody(ks: SyntaxNode[], i: number): A.Stmt[] {
    if (i >= ks.length) return [];
    if (ks[i].name !== 'else') throw new LezerError(ks[i]);
    return this.body(ks[i + 1]);
  }

  private ifStmt(ks: SyntaxNode[], i: number, end: number): A.If {
    // ks[i] is `if` or `elif`; each `elif` nests as the orelse of the previous If.
    const test = this.expr(ks[i + 1]);
    const body = this.body(ks[i + 2]);
    let orelse: A.Stmt[] = [];
    const next = ks[i + 3];
    if (next?.name === 'elif') orelse = [this.ifStmt(ks, i + 3, end)];
    else if (next) orelse = this.elseBody(ks, i + 3);
    return { kind: 'If', test, body, orelse, ...this.at(ks[i].from, lastStmtEnd(body, orelse, ks[i + 2])) };
  }

  private forStmt(n: SyntaxNode, ks: SyntaxNode[]): A.For {
    let i = 0;
    const isAsync = ks[0].name === 'async';
    if (isAsync) i++;
    const inAt = ks.findIndex((k, j) => j > i && k.name === 'in');
    if (inAt < 0) throw new LezerError(ks.find((k) => k.type.isError) ?? n);
    const target = toTarget(this.exprList(ks.slice(i + 1, inAt)), 'Store', 'for');
    const bodyAt = ks.findIndex((k) => k.name === 'Body');
    const iter = this.exprList(ks.slice(inAt + 1, bodyAt < 0 ? ks.length : bodyAt));
    const body = this.body(ks[bodyAt]);
    const orelse = this.elseBody(ks, bodyAt + 1);
    return { kind: 'For', target, iter, body, orelse, isAsync, ...this.at(n.from, lastStmtEnd(body, orelse, ks[bodyAt])) };
  }

  private tryStmt(n: SyntaxNode, ks: SyntaxNode[]): A.Try {
    const body = this.body(ks[1]);
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let i = 2;
    while (i < ks.length) {
      const k = ks[i];
      this.check(k);
      if (k.name === 'except') {
        const bodyAt = ks.findIndex((b, j) => j > i && b.name === 'Body');
        if (bodyAt < 0) throw new LezerError(ks[ks.length - 1]);
        const header = ks.slice(i + 1, bodyAt);
        const asAt = header.findIndex((h) => h.name === 'as');
        const typeNodes = asAt >= 0 ? header.slice(0, asAt) : header;
        const hb = this.body(ks[bodyAt]);
        handlers.push({
          kind: 'ExceptHandler',
          type: typeNodes.length ? this.exprList(typeNodes) : null,
          name: asAt >= 0 ? this.text(header[asAt + 1]) : null,
          body: hb,
          ...this.at(k.from, lastStmtEnd(hb, [], ks[bodyAt])),
        });
        i = bodyAt + 1;
      } else if (k.name === 'else') {
        orelse = this.body(ks[i + 1]);
        i += 2;
      } else if (k.name === 'finally') {
        finalbody = this.body(ks[i + 1]);
        i += 2;
      } else {
        throw new LezerError(k);
      }
    }
    const last = finalbody.length ? finalbody : orelse.length ? orelse : handlers.length ? handlers[handlers.length - 1].body : body;
    return { kind: 'Try', body, handlers, orelse, finalbody, ...this.at(n.from, last[last.length - 1].to) };
  }

  private withStmt(n: SyntaxNode, ks: SyntaxNode[]): A.With {
    const isAsync = ks[0].name === 'async';
    const bodyAt = ks.findIndex((k) => k.name === 'Body');
    if (bodyAt < 0) throw new LezerError(ks.find((k) => k.type.isError) ?? n);
    let header = ks.slice(isAsync ? 2 : 1, bodyAt);
    // `with (a, b):` — one parenthesized tuple of context managers, as CPython 3.9+ reads it.
    if (header.length === 1 && header[0].name === 'TupleExpression') header = kids(header[0]).slice(1, -1);
    // `with (a as b, c):` — lezer has no rule for parenthesized with-items and reports errors around
    // the parentheses; the items inside are intact, so read them without the parentheses.
    if (header[0]?.name === 'ParenthesizedExpression' && kids(header[0]).some((k) => k.type.isError)) {
      header = [...kids(header[0]).slice(1), ...header.slice(1)].filter((k) => !k.type.isError || (k.from === k.to) ? !k.type.isError : false);
      const last = ks[bodyAt - 1];
      if (!(last.type.isError && this.text(last) === ')')) throw new LezerError(last);
    }
    const items: A.WithItem[] = [];
    for (const part of splitBy(header, ',')) {
      if (part.length === 0) continue;
      for (const k of part) this.check(k);
      const contextExpr = this.expr(part[0]);
      let optionalVars: A.Expr | null = null;
      if (part[1]?.name === 'as') optionalVars = toTarget(this.expr(part[2]), 'Store', 'with');
      else if (part.length > 1) throw new LezerError(part[1]);
      const end = part[part.length - 1].to;
      items.push({ kind: 'withitem', contextExpr, optionalVars, ...this.at(part[0].from, end) });
    }
    const body = this.body(ks[bodyAt]);
    return { kind: 'With', items, body, isAsync, ...this.at(n.from, lastStmtEnd(body, [], ks[bodyAt])) };
  }

  private funcDef(n: SyntaxNode, ks: SyntaxNode[], decorators: A.Expr[], from = n.from): A.FunctionDef {
    for (const k of ks) this.check(k);
    const isAsync = ks[0].name === 'async';
    const i = isAsync ? 1 : 0;
    const name = ks[i + 1];
    const params = ks[i + 2];
    if (name?.name !== 'VariableName' || params?.name !== 'ParamList') throw new LezerError(params ?? n);
    const ret = ks[i + 3]?.name === 'TypeDef' ? ks[i + 3] : null;
    const body = this.body(ks[ret ? i + 4 : i + 3]);
    return {
      kind: 'FunctionDef', name: this.text(name), args: this.params(params), body, decorators,
      returns: ret ? this.expr(kids(ret).filter((k) => k.name !== ':').pop()!) : null, isAsync, ...this.at(from, body[body.length - 1].to),
    };
  }

  private classDef(n: SyntaxNode, ks: SyntaxNode[], decorators: A.Expr[], from = n.from): A.ClassDef {
    for (const k of ks) this.check(k);
    const args = ks[2]?.name === 'ArgList' ? this.arguments(ks[2]) : { args: [], keywords: [] };
    const body = this.body(ks[ks[2]?.name === 'ArgList' ? 3 : 2]);
    return {
      kind: 'ClassDef', name: this.text(ks[1]), bases: args.args, keywords: args.keywords, body, decorators,
      ...this.at(from, body[body.length - 1].to),
    };
  }

  private decorated(n: SyntaxNode, ks: SyntaxNode[]): A.Stmt {
    const decorators: A.Expr[] = [];
    for (const d of ks.slice(0, -1)) {
      this.check(d);
      decorators.push(this.decorator(kids(d).filter((k) => k.name !== 'At')));
    }
    const def = ks[ks.length - 1];
    this.check(def);
    // CPython 3.8+ starts a decorated definition's span at `def`/`class`, not at the first `@`.
    if (def.name === 'FunctionDefinition') return this.funcDef(def, kids(def), decorators);
    if (def.name === 'ClassDefinition') return this.classDef(def, kids(def), decorators);
    throw new LezerError(def);
  }

  /** Lezer leaves `@a.b(c)` flat (names, dots, ArgList); rebuild Attribute/Call nodes from it. */
  private decorator(dk: SyntaxNode[]): A.Expr {
    if (dk.length === 1) return this.expr(dk[0]);
    for (const k of dk) this.check(k);
    const start = dk[0].from;
    let e = this.expr(dk[0]);
    for (let i = 1; i < dk.length; i++) {
      const k = dk[i];
      if (k.name === '.' && dk[i + 1]?.name === 'VariableName') {
        e = { kind: 'Attribute', value: e, attr: this.text(dk[i + 1]), ctx: 'Load', ...this.at(start, dk[i + 1].to) };
        i++;
      } else if (k.name === 'ArgList') {
        const { args, keywords } = this.arguments(k);
        e = { kind: 'Call', func: e, args, keywords, ...this.at(start, k.to) };
      } else {
        throw new LezerError(k);
      }
    }
    return e;
  }

  private importStmt(n: SyntaxNode, ks: SyntaxNode[]): A.Stmt {
    for (const k of ks) this.check(k);
    const span = this.at(n.from, n.to);
    const dotted = (nodes: SyntaxNode[]): string => nodes.map((k) => this.text(k)).join('');
    const aliases = (nodes: SyntaxNode[]): A.Alias[] =>
      splitBy(nodes.filter((k) => k.name !== '(' && k.name !== ')'), ',').filter((p) => p.length).map((p) => {
        const asAt = p.findIndex((k) => k.name === 'as');
        const nameNodes = asAt >= 0 ? p.slice(0, asAt) : p;
        const last = p[p.length - 1];
        return { kind: 'alias', name: dotted(nameNodes), asname: asAt >= 0 ? this.text(p[asAt + 1]) : null, ...this.at(p[0].from, last.to) };
      });
    if (ks[0].name === 'import') return { kind: 'Import', names: aliases(ks.slice(1)), ...span };
    const importAt = ks.findIndex((k) => k.name === 'import');
    const modNodes = ks.slice(1, importAt);
    let level = 0;
    for (const k of modNodes) {
      if (k.name !== '.' && k.name !== 'Ellipsis') break;
      level += k.to - k.from;
    }
    const modName = dotted(modNodes.slice(modNodes.findIndex((k) => k.name === 'VariableName')));
    return {
      kind: 'ImportFrom', module: modNodes.some((k) => k.name === 'VariableName') ? modName : null,
      names: aliases(ks.slice(importAt + 1)), level, ...span,
    };
  }
}

/** A simple statement ends at its last token (lezer may include the line break). */
function stmtEnd(n: SyntaxNode): number {
  const last = n.lastChild;
  return last && last.name !== 'Body' ? last.to : n.to;
}

/** A compound statement ends where its last nested statement ends (CPython's end position). */
function lastStmtEnd(body: A.Stmt[], orelse: A.Stmt[], fallback: SyntaxNode): number {
  const last = orelse.length ? orelse[orelse.length - 1] : body[body.length - 1];
  return last ? last.to : fallback.to;
}

export { emptyArguments };
