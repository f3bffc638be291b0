// Lowering, part 1 of 3: lezer expression nodes → AST expressions. Lezer's grammar already
// encodes Python's precedence; this file rebuilds what its flat trees leave implicit — chained
// comparisons and and/or chains flattened into one Compare/BoolOp, `not in`/`is not`, tuples
// without parentheses, starred items, call arguments, subscripts and slices, displays and
// comprehensions — and gives each node CPython's span (a parenthesized expression's span excludes
// its parentheses; a parenthesized tuple's includes them). Targets get their Store/Del context
// and are validated in targets.ts; statements are in lower-stmt.ts; strings in strings.ts.

import type { SyntaxNode } from '@lezer/common';
import type * as A from '../ast';
import { numberValue } from './literals';
import { fault } from './targets';
import type { SourceText } from './source';
import { kids, splitBy } from './tree';

/** Thrown when the lowering meets one of lezer's error nodes; diagnose.ts turns it into CPython's message. */
export class LezerError {
  constructor(readonly node: SyntaxNode) {}
}

const ARITH: Record<string, A.Operator> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '@': 'MatMult', '/': 'Div', '%': 'Mod', '**': 'Pow',
  '<<': 'LShift', '>>': 'RShift', '|': 'BitOr', '^': 'BitXor', '&': 'BitAnd', '//': 'FloorDiv',
};
const COMPARE: Record<string, A.CmpOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', '<>': 'NotEq',
};

export function binaryOperator(text: string): A.Operator | undefined {
  return ARITH[text];
}

export abstract class ExprLowerer {
  constructor(readonly src: SourceText) {}

  abstract lowerString(node: SyntaxNode): A.Expr;
  abstract toTarget<T extends A.Expr>(e: T, ctx: 'Store' | 'Del', how: TargetUse): T;

  text(n: SyntaxNode): string {
    return this.src.text.slice(n.from, n.to);
  }

  at(from: number, to: number): A.Span {
    return this.src.span(from, to);
  }

  /** Rejects lezer error nodes; the few lezer produces on valid Python are handled by callers. */
  check(n: SyntaxNode | undefined): void {
    if (!n) throw new LezerError(this.lastSeen);
    if (n.type.isError) throw new LezerError(n);
  }

  /** The last node lowered: where to report a part lezer left out entirely. */
  lastSeen!: SyntaxNode;

  expr(n: SyntaxNode): A.Expr {
    this.check(n);
    this.lastSeen = n;
    switch (n.name) {
      case 'VariableName':
        return { kind: 'Name', id: this.text(n), ctx: 'Load', ...this.at(n.from, n.to) };
      case 'Number':
        return { kind: 'Constant', value: numberValue(this.text(n)), ...this.at(n.from, n.to) };
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.lowerString(n);
      case 'Boolean':
        return { kind: 'Constant', value: { type: 'bool', value: this.text(n) === 'True' }, ...this.at(n.from, n.to) };
      case 'None':
        return { kind: 'Constant', value: { type: 'None' }, ...this.at(n.from, n.to) };
      case 'Ellipsis':
        return { kind: 'Constant', value: { type: 'Ellipsis' }, ...this.at(n.from, n.to) };
      case 'ParenthesizedExpression':
        return this.parenthesized(n);
      case 'TupleExpression': {
        const inner = kids(n).slice(1, -1);
        return { kind: 'Tuple', elts: this.items(inner), ctx: 'Load', ...this.at(n.from, n.to) };
      }
      case 'ArrayExpression':
        return { kind: 'List', elts: this.items(this.inside(n, '[', ']')), ctx: 'Load', ...this.at(n.from, n.to) };
      case 'SetExpression':
        return { kind: 'Set', elts: this.items(this.inside(n, '{', '}')), ...this.at(n.from, n.to) };
      case 'DictionaryExpression':
        return this.dict(n);
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.comprehension(n);
      case 'UnaryExpression':
        return this.unary(n);
      case 'BinaryExpression':
        return this.binary(n);
      case 'ConditionalExpression': {
        const [body, , test, , orelse] = kids(n);
        return {
          kind: 'IfExp', test: this.expr(test), body: this.expr(body), orelse: this.expr(orelse),
          ...this.at(n.from, n.to),
        };
      }
      case 'LambdaExpression': {
        const ks = kids(n);
        const params = ks.find((k) => k.name === 'ParamList');
        const body = ks[ks.length - 1];
        return {
          kind: 'Lambda', args: params ? this.params(params) : emptyArguments(), body: this.expr(body),
          ...this.at(n.from, n.to),
        };
      }
      case 'NamedExpression': {
        const [target, , value] = kids(n);
        const t = this.toTarget(this.expr(target), 'Store', 'walrus') as A.Name;
        return { kind: 'NamedExpr', target: t, value: this.expr(value), ...this.at(n.from, n.to) };
      }
      case 'YieldExpression':
        return this.yieldExpr(n);
      case 'AwaitExpression': {
        const ks = kids(n);
        return { kind: 'Await', value: this.expr(ks[1]), ...this.at(n.from, n.to) };
      }
      case 'CallExpression':
        return this.call(n);
      case 'MemberExpression':
        return this.member(n);
      default:
        throw new LezerError(n);
    }
  }

  /** Children between an opening and a closing bracket token. */
  inside(n: SyntaxNode, open: string, close: string): SyntaxNode[] {
    const ks = kids(n);
    const start = ks[0]?.name === open ? 1 : 0;
    const last = ks[ks.length - 1];
    if (last?.name !== close) throw new LezerError(last ?? n);
    return ks.slice(start, -1);
  }

  private parenthesized(n: SyntaxNode): A.Expr {
    const ks = kids(n);
    if (ks.length !== 3 || ks[2].name !== ')') throw new LezerError(ks.find((k) => k.type.isError) ?? n);
    // The inner node keeps its own span: CPython excludes the parentheses (except for tuples).
    if (ks[1].name === 'YieldExpression') return this.yieldExpr(ks[1]);
    return this.expr(ks[1]);
  }

  /** One item of a display / expression list: `expr` or `*expr`. */
  item(part: SyntaxNode[]): A.Expr {
    if (part.length === 2 && part[0].name === '*') {
      return { kind: 'Starred', value: this.expr(part[1]), ctx: 'Load', ...this.at(part[0].from, part[1].to) };
    }
    if (part.length !== 1) throw new LezerError(part.find((k) => k.type.isError) ?? part[1] ?? part[0]);
    return this.expr(part[0]);
  }

  /** Comma-separated items (a trailing comma allowed), as in a list display or a tuple. */
  items(nodes: SyntaxNode[]): A.Expr[] {
    const parts = splitBy(nodes, ',');
    if (parts.length > 1 && parts[parts.length - 1].length === 0) parts.pop();
    if (parts.length === 1 && parts[0].length === 0) return [];
    return parts.map((p) => this.item(p));
  }

  /** An expression list as a statement holds it: a bare tuple when there is a comma. */
  exprList(nodes: SyntaxNode[]): A.Expr {
    for (const k of nodes) this.check(k);
    const hasComma = nodes.some((k) => k.name === ',');
    const elts = this.items(nodes);
    if (!hasComma) return elts[0];
    const last = nodes[nodes.length - 1];
    return { kind: 'Tuple', elts, ctx: 'Load', ...this.at(nodes[0].from, last.to) };
  }

  private dict(n: SyntaxNode): A.Dict {
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    for (const part of splitBy(this.inside(n, '{', '}'), ',')) {
      if (part.length === 0) continue;
      if (part[0].name === '**' && part.length === 2) {
        keys.push(null);
        values.push(this.expr(part[1]));
      } else if (part.length === 3 && part[1].name === ':') {
        keys.push(this.expr(part[0]));
        values.push(this.expr(part[2]));
      } else {
        throw new LezerError(part.find((k) => k.type.isError) ?? part[0]);
      }
    }
    return { kind: 'Dict', keys, values, ...this.at(n.from, n.to) };
  }

  /** The `for ... in ... if ...` clauses starting at `ks[i]` (a `for` or `async`). */
  generators(ks: SyntaxNode[], i: number): A.Comprehension[] {
    const gens: A.Comprehension[] = [];
    while (i < ks.length) {
      const start = ks[i];
      const isAsync = start.name === 'async';
      if (isAsync) i++;
      if (ks[i]?.name !== 'for') throw new LezerError(ks[i] ?? start);
      i++;
      const targetNodes: SyntaxNode[] = [];
      while (i < ks.length && ks[i].name !== 'in') targetNodes.push(ks[i++]);
      if (ks[i]?.name !== 'in' || targetNodes.length === 0) throw new LezerError(ks[i] ?? start);
      i++;
      const target = this.toTarget(this.exprList(targetNodes), 'Store', 'for');
      const iter = this.expr(ks[i++]);
      const ifs: A.Expr[] = [];
      while (ks[i]?.name === 'if') {
        ifs.push(this.expr(ks[i + 1]));
        i += 2;
      }
      const end = ifs.length ? ifs[ifs.length - 1].to : iter.to;
      gens.push({ kind: 'comprehension', target, iter, ifs, isAsync, ...this.at(start.from, end) });
    }
    return gens;
  }

  private comprehension(n: SyntaxNode): A.Expr {
    const ks = kids(n).slice(1, -1);
    for (const k of ks) this.check(k);
    const span = this.at(n.from, n.to);
    if (n.name === 'DictionaryComprehensionExpression') {
      const [key, , value] = ks;
      return { kind: 'DictComp', key: this.expr(key), value: this.expr(value), generators: this.generators(ks, 3), ...span };
    }
    const elt = this.expr(ks[0]);
    const generators = this.generators(ks, 1);
    const kind = n.name === 'ArrayComprehensionExpression' ? 'ListComp'
      : n.name === 'SetComprehensionExpression' ? 'SetComp' : 'GeneratorExp';
    return { kind, elt, generators, ...span };
  }

  private unary(n: SyntaxNode): A.Expr {
    const [op, operand] = kids(n);
    const t = this.text(op);
    if (t === 'not' && operand && isBoolChain(this, operand)) return this.notOf(operand, op);
    const kind: A.UnaryOperator = t === 'not' ? 'Not' : t === '-' ? 'USub' : t === '+' ? 'UAdd' : 'Invert';
    if (!operand) throw new LezerError(n);
    return { kind: 'UnaryOp', op: kind, operand: this.expr(operand), ...this.at(n.from, n.to) };
  }

  private binary(n: SyntaxNode): A.Expr {
    const ks = kids(n);
    for (const k of ks) this.check(k);
    const left = ks[0];
    const right = ks[ks.length - 1];
    const ops = ks.slice(1, -1).map((k) => this.text(k));
    const span = this.at(n.from, n.to);
    if (ks.length < 3) throw new LezerError(n);
    if (ops[0] === 'and' || ops[0] === 'or') {
      const op: A.BoolOperator = ops[0] === 'and' ? 'And' : 'Or';
      // `a and b and c` arrives left-nested; CPython holds it as one BoolOp.
      const l = this.expr(left);
      const values = l.kind === 'BoolOp' && l.op === op && left.name === 'BinaryExpression' ? [...l.values] : [l];
      values.push(this.expr(right));
      return { kind: 'BoolOp', op, values, ...span };
    }
    const cmp = compareOp(ops);
    if (cmp) {
      // `a < b < c` arrives as ((a < b) < c); unparenthesized chains become one Compare.
      const l = this.expr(left);
      if (l.kind === 'Compare' && left.name === 'BinaryExpression') {
        return { kind: 'Compare', left: l.left, ops: [...l.ops, cmp], comparators: [...l.comparators, this.expr(right)], ...span };
      }
      return { kind: 'Compare', left: l, ops: [cmp], comparators: [this.expr(right)], ...span };
    }
    const op = ops.length === 1 ? ARITH[ops[0]] : undefined;
    if (!op) throw new LezerError(ks[1]);
    return { kind: 'BinOp', left: this.expr(left), op, right: this.expr(right), ...span };
  }

  /**
   * Lezer reads `not a and b` as `not (a and b)`; in Python `not` binds tighter than and/or, so the
   * `not` belongs on the leftmost operand of the chain: `(not a) and b`.
   */
  private notOf(n: SyntaxNode, notTok: SyntaxNode): A.Expr {
    if (!isBoolChain(this, n)) {
      return { kind: 'UnaryOp', op: 'Not', operand: this.expr(n), ...this.at(notTok.from, n.to) };
    }
    const ks = kids(n);
    const left = ks[0];
    const opText = this.text(ks[1]);
    const op: A.BoolOperator = opText === 'and' ? 'And' : 'Or';
    const l = this.notOf(left, notTok);
    const values = l.kind === 'BoolOp' && l.op === op && isBoolChain(this, left) ? [...l.values] : [l];
    values.push(this.expr(ks[ks.length - 1]));
    return { kind: 'BoolOp', op, values, ...this.at(notTok.from, n.to) };
  }

  yieldExpr(n: SyntaxNode): A.Expr {
    const ks = kids(n);
    const span = this.at(n.from, n.to);
    // Lezer marks a bare `yield` with an empty error node; CPython accepts it.
    const rest = ks.slice(1).filter((k) => !(k.type.isError && k.from === k.to));
    if (rest.length === 0) return { kind: 'Yield', value: null, ...this.at(ks[0].from, ks[0].to) };
    if (rest[0].name === 'from') return { kind: 'YieldFrom', value: this.expr(rest[1]), ...span };
    return { kind: 'Yield', value: this.exprList(rest), ...span };
  }

  private call(n: SyntaxNode): A.Expr {
    const [fn, argList] = kids(n);
    const { args, keywords } = this.arguments(argList);
    return { kind: 'Call', func: this.expr(fn), args, keywords, ...this.at(n.from, n.to) };
  }

  /** A call's or class header's `(...)`: positional args (with Starred) and keywords. */
  arguments(argList: SyntaxNode): { args: A.Expr[]; keywords: A.Keyword[] } {
    const inner = this.inside(argList, '(', ')');
    for (const k of inner) this.check(k);
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (inner.some((k) => k.name === 'for')) {
      // `f(x for x in y)`: the sole argument is a generator expression spanning the parentheses.
      const elt = this.expr(inner[0]);
      const generators = this.generators(inner, 1);
      args.push({ kind: 'GeneratorExp', elt, generators, ...this.at(argList.from, argList.to) });
      return { args, keywords };
    }
    let sawKeyword = false;
    let sawKwUnpack = false;
    const names = new Set<string>();
    for (const part of splitBy(inner, ',')) {
      if (part.length === 0) continue;
      const isKw = (part[0].name === '**' && part.length === 2) || (part.length === 3 && part[1].name === 'AssignOp');
      if (!isKw && part[0].name !== '*' && (sawKeyword || sawKwUnpack)) {
        // CPython points just past the offending argument.
        const end = part[part.length - 1].to;
        throw fault(this.at(end, end + 1), sawKwUnpack ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument');
      }
      if (part[0].name === '**') sawKwUnpack = true;
      else if (isKw) {
        sawKeyword = true;
        const kwName = this.text(part[0]);
        if (names.has(kwName)) throw fault(this.at(part[0].from, part[2].to), `keyword argument repeated: ${kwName}`, 'none');
        names.add(kwName);
      }
      if (part[0].name === '**' && part.length === 2) {
        keywords.push({ kind: 'keyword', arg: null, value: this.expr(part[1]), ...this.at(part[0].from, part[1].to) });
      } else if (part.length === 3 && part[1].name === 'AssignOp' && part[0].name === 'VariableName') {
        keywords.push({ kind: 'keyword', arg: this.text(part[0]), value: this.expr(part[2]), ...this.at(part[0].from, part[2].to) });
      } else {
        args.push(this.item(part));
      }
    }
    return { args, keywords };
  }

  private member(n: SyntaxNode): A.Expr {
    const ks = kids(n);
    const span = this.at(n.from, n.to);
    // Lezer splits the float `1.` into Number `1` and a dangling `.` (with an empty error node).
    if (ks[0].name === 'Number' && ks[1]?.name === '.' && ks.length <= 3 && (!ks[2] || (ks[2].type.isError && ks[2].from === ks[2].to))) {
      return { kind: 'Constant', value: { type: 'float', value: Number(this.text(ks[0]).replace(/_/g, '')) }, ...this.at(n.from, ks[1].to) };
    }
    const value = this.expr(ks[0]);
    if (ks[1]?.name === '.') {
      if (ks[2]?.name !== 'PropertyName') throw new LezerError(ks[2] ?? n);
      return { kind: 'Attribute', value, attr: this.text(ks[2]), ctx: 'Load', ...span };
    }
    if (ks[1]?.name !== '[' || ks[ks.length - 1].name !== ']' || ks.length < 4) throw new LezerError(ks.find((k) => k.type.isError) ?? n);
    const inner = ks.slice(2, -1);
    for (const k of inner) this.check(k);
    const parts = splitBy(inner, ',');
    const hasComma = parts.length > 1;
    if (hasComma && parts[parts.length - 1].length === 0) parts.pop();
    const elts = parts.map((p) => this.sliceItem(p));
    const slice: A.Expr = hasComma
      ? { kind: 'Tuple', elts, ctx: 'Load', ...this.at(inner[0].from, inner[inner.length - 1].to) }
      : elts[0];
    return { kind: 'Subscript', value, slice, ctx: 'Load', ...span };
  }

  /** One subscript item: an expression, `*expr`, or a slice `a:b:c` (any part missing). */
  private sliceItem(part: SyntaxNode[]): A.Expr {
    if (part.length === 0) throw new LezerError(part[0]);
    if (!part.some((k) => k.name === ':')) return this.item(part);
    const fields: (A.Expr | null)[] = [null, null, null];
    let slot = 0;
    for (const k of part) {
      if (k.name === ':') slot++;
      else if (slot > 2 || fields[slot]) throw new LezerError(k);
      else fields[slot] = this.expr(k);
    }
    return {
      kind: 'Slice', lower: fields[0], upper: fields[1], step: fields[2],
      ...this.at(part[0].from, part[part.length - 1].to),
    };
  }

  /** A `def`/`lambda` parameter list, laid out as CPython's `arguments`. */
  params(list: SyntaxNode): A.Arguments {
    let ks = kids(list);
    if (ks[0]?.name === '(') {
      if (ks[ks.length - 1]?.name !== ')') throw new LezerError(ks[ks.length - 1] ?? list);
      ks = ks.slice(1, -1);
    }
    const out = emptyArguments();
    let seenStar = false;
    let bareStar: SyntaxNode | null = null;
    const seen = new Set<string>();
    // Parts with the text range each covers, so an absent `/` token can still be seen.
    const parts: { nodes: SyntaxNode[]; from: number; to: number }[] = [{ nodes: [], from: list.from, to: list.to }];
    for (const k of ks) {
      const cur = parts[parts.length - 1];
      if (k.name === ',') {
        cur.to = k.from;
        parts.push({ nodes: [], from: k.to, to: list.to });
      } else cur.nodes.push(k);
    }
    for (const { nodes: part, from, to } of parts) {
      // The posonly marker `/` is an anonymous token in lezer's def rule (absent from the tree)
      // and an error node in its lambda rule.
      const isSlash = part.length === 0 ? this.src.text.slice(from, to).includes('/') : part.length === 1 && this.text(part[0]) === '/';
      if (part.length === 0 && !isSlash) continue;
      if (isSlash) {
        out.posonlyargs.push(...out.args);
        out.args = [];
        continue;
      }
      for (const k of part) this.check(k);
      if (part[0].name === '*' || part[0].name === '**') {
        const name = part[1];
        if (part[0].name === '*' && !name) {
          seenStar = true;
          bareStar = part[0];
          continue;
        }
        const a = this.arg(name, part[2]);
        if (seen.has(a.arg)) throw fault(this.at(name.from, name.to), `duplicate argument '${a.arg}' in function definition`, 'none');
        seen.add(a.arg);
        if (part[0].name === '*') bareStar = null;
        if (part[0].name === '*') {
          out.vararg = a;
          seenStar = true;
        } else out.kwarg = a;
        continue;
      }
      const a = this.arg(part[0], part[1]?.name === 'TypeDef' ? part[1] : undefined);
      const eq = part.findIndex((k) => k.name === 'AssignOp');
      const dflt = eq >= 0 ? this.expr(part[eq + 1]) : null;
      if (seen.has(a.arg)) throw fault(this.at(part[0].from, part[0].to), `duplicate argument '${a.arg}' in function definition`, 'none');
      seen.add(a.arg);
      if (!seenStar && !dflt && (out.defaults.length > 0)) {
        throw fault(this.at(part[0].from, part[0].to), 'parameter without a default follows parameter with a default');
      }
      if (seenStar) bareStar = null;
      if (seenStar) {
        out.kwonlyargs.push(a);
        out.kwDefaults.push(dflt);
      } else {
        out.args.push(a);
        if (dflt) out.defaults.push(dflt);
      }
    }
    if (bareStar) throw fault(this.at(bareStar.from, bareStar.to), 'named arguments must follow bare *');
    return out;
  }

  private arg(name: SyntaxNode, typeDef: SyntaxNode | undefined): A.Arg {
    if (!name || name.name !== 'VariableName') throw new LezerError(name);
    const annotation = typeDef ? this.expr(kids(typeDef)[1]) : null;
    return { kind: 'arg', arg: this.text(name), annotation, ...this.at(name.from, typeDef ? typeDef.to : name.to) };
  }
}

function isBoolChain(L: ExprLowerer, n: SyntaxNode): boolean {
  if (n.name !== 'BinaryExpression') return false;
  const op = n.firstChild?.nextSibling;
  return !!op && (op.name === 'and' || op.name === 'or');
}

export type TargetUse = 'assign' | 'assign-first' | 'for' | 'with' | 'del' | 'walrus';

export function emptyArguments(): A.Arguments {
  return { kind: 'arguments', posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kwDefaults: [], kwarg: null, defaults: [] };
}

function compareOp(ops: string[]): A.CmpOperator | undefined {
  if (ops.length === 1) {
    if (ops[0] === 'in') return 'In';
    if (ops[0] === 'is') return 'Is';
    return COMPARE[ops[0]];
  }
  if (ops.length === 2 && ops[0] === 'not' && ops[1] === 'in') return 'NotIn';
  if (ops.length === 2 && ops[0] === 'is' && ops[1] === 'not') return 'IsNot';
  return undefined;
}
