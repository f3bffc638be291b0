// dumpAst: prints our AST exactly as CPython 3.13's `ast.dump(tree)` prints its own (empty lists and
// None fields left out, CPython field names and order, Python reprs for constants), optionally with
// positions like `ast.dump(tree, include_attributes=True)`. Tests compare it with the oracle's dump
// of the same source, which checks the whole lowering against the real parser in one string.

import type * as A from '../ast';
import { pyStrRepr } from '../../errors';

export interface DumpOptions {
  /** Append lineno/col_offset/end_lineno/end_col_offset as CPython does (columns in UTF-8 bytes). */
  positions?: { source: string };
}

type Field = [name: string, value: unknown];

export function dumpAst(node: A.Node, options: DumpOptions = {}): string {
  const lines = options.positions ? options.positions.source.split(/(?<=\n)/) : null;
  const byteCol = (line: number, col: number): number => utf8Length((lines![line - 1] ?? '').slice(0, col));

  const fmt = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(fmt).join(', ')}]`;
    if (v === null) return 'None';
    if (typeof v === 'string') return pyStrRepr(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v === true ? 1 : v === false ? 0 : v);
    if (typeof v === 'object' && v !== null && 'kind' in v) return node_(v as A.Node);
    throw new Error(`dumpAst: unexpected value ${String(v)}`);
  };

  const node_ = (n: A.Node): string => {
    const [name, fields, positioned] = describe(n);
    const parts: string[] = [];
    for (const [k, v] of fields) {
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      parts.push(`${k}=${typeof v === 'object' && v !== null && 'raw' in v ? (v as { raw: string }).raw : fmt(v)}`);
    }
    if (lines && positioned) {
      const s = n as A.Span;
      parts.push(`lineno=${s.line}`, `col_offset=${byteCol(s.line, s.col)}`, `end_lineno=${s.endLine}`, `end_col_offset=${byteCol(s.endLine, s.endCol)}`);
    }
    return `${name}(${parts.join(', ')})`;
  };

  return fmt(node);
}

const raw = (s: string) => ({ raw: s });
const op = (name: string) => raw(`${name}()`);

/** CPython class name, fields in CPython order, and whether the class has positions. */
function describe(n: A.Node): [string, Field[], boolean] {
  switch (n.kind) {
    case 'Module': return ['Module', [['body', n.body]], false];
    case 'FunctionDef': return [n.isAsync ? 'AsyncFunctionDef' : 'FunctionDef', [['name', n.name], ['args', n.args], ['body', n.body], ['decorator_list', n.decorators], ['returns', n.returns]], true];
    case 'ClassDef': return ['ClassDef', [['name', n.name], ['bases', n.bases], ['keywords', n.keywords], ['body', n.body], ['decorator_list', n.decorators]], true];
    case 'Return': return ['Return', [['value', n.value]], true];
    case 'Delete': return ['Delete', [['targets', n.targets]], true];
    case 'Assign': return ['Assign', [['targets', n.targets], ['value', n.value]], true];
    case 'AugAssign': return ['AugAssign', [['target', n.target], ['op', op(n.op)], ['value', n.value]], true];
    case 'AnnAssign': return ['AnnAssign', [['target', n.target], ['annotation', n.annotation], ['value', n.value], ['simple', n.simple ? 1 : 0]], true];
    case 'For': return [n.isAsync ? 'AsyncFor' : 'For', [['target', n.target], ['iter', n.iter], ['body', n.body], ['orelse', n.orelse]], true];
    case 'While': return ['While', [['test', n.test], ['body', n.body], ['orelse', n.orelse]], true];
    case 'If': return ['If', [['test', n.test], ['body', n.body], ['orelse', n.orelse]], true];
    case 'With': return [n.isAsync ? 'AsyncWith' : 'With', [['items', n.items], ['body', n.body]], true];
    case 'withitem': return ['withitem', [['context_expr', n.contextExpr], ['optional_vars', n.optionalVars]], false];
    case 'Raise': return ['Raise', [['exc', n.exc], ['cause', n.cause]], true];
    case 'Try': return ['Try', [['body', n.body], ['handlers', n.handlers], ['orelse', n.orelse], ['finalbody', n.finalbody]], true];
    case 'ExceptHandler': return ['ExceptHandler', [['type', n.type], ['name', n.name], ['body', n.body]], true];
    case 'Assert': return ['Assert', [['test', n.test], ['msg', n.msg]], true];
    case 'Import': return ['Import', [['names', n.names]], true];
    case 'ImportFrom': return ['ImportFrom', [['module', n.module], ['names', n.names], ['level', n.level]], true];
    case 'alias': return ['alias', [['name', n.name], ['asname', n.asname]], true];
    case 'Global': return ['Global', [['names', n.names]], true];
    case 'Nonlocal': return ['Nonlocal', [['names', n.names]], true];
    case 'Expr': return ['Expr', [['value', n.value]], true];
    case 'Pass': case 'Break': case 'Continue': return [n.kind, [], true];
    case 'arguments': return ['arguments', [['posonlyargs', n.posonlyargs], ['args', n.args], ['vararg', n.vararg], ['kwonlyargs', n.kwonlyargs], ['kw_defaults', n.kwDefaults], ['kwarg', n.kwarg], ['defaults', n.defaults]], false];
    case 'arg': return ['arg', [['arg', n.arg], ['annotation', n.annotation]], true];
    case 'keyword': return ['keyword', [['arg', n.arg], ['value', n.value]], true];
    case 'BoolOp': return ['BoolOp', [['op', op(n.op)], ['values', n.values]], true];
    case 'NamedExpr': return ['NamedExpr', [['target', n.target], ['value', n.value]], true];
    case 'BinOp': return ['BinOp', [['left', n.left], ['op', op(n.op)], ['right', n.right]], true];
    case 'UnaryOp': return ['UnaryOp', [['op', op(n.op)], ['operand', n.operand]], true];
    case 'Lambda': return ['Lambda', [['args', n.args], ['body', n.body]], true];
    case 'IfExp': return ['IfExp', [['test', n.test], ['body', n.body], ['orelse', n.orelse]], true];
    case 'Dict': return ['Dict', [['keys', n.keys], ['values', n.values]], true];
    case 'Set': return ['Set', [['elts', n.elts]], true];
    case 'ListComp': case 'SetComp': case 'GeneratorExp': return [n.kind, [['elt', n.elt], ['generators', n.generators]], true];
    case 'DictComp': return ['DictComp', [['key', n.key], ['value', n.value], ['generators', n.generators]], true];
    case 'comprehension': return ['comprehension', [['target', n.target], ['iter', n.iter], ['ifs', n.ifs], ['is_async', n.isAsync ? 1 : 0]], false];
    case 'Await': case 'YieldFrom': return [n.kind, [['value', n.value]], true];
    case 'Yield': return ['Yield', [['value', n.value]], true];
    case 'Compare': return ['Compare', [['left', n.left], ['ops', raw(`[${n.ops.map((o) => `${o}()`).join(', ')}]`)], ['comparators', n.comparators]], true];
    case 'Call': return ['Call', [['func', n.func], ['args', n.args], ['keywords', n.keywords]], true];
    case 'FormattedValue': {
      const conv = n.conversion === null ? -1 : n.conversion.charCodeAt(0);
      return ['FormattedValue', [['value', n.value], ['conversion', conv], ['format_spec', n.formatSpec]], true];
    }
    case 'JoinedStr': return ['JoinedStr', [['values', n.values]], true];
    case 'Constant': return ['Constant', [['value', raw(constantRepr(n.value))]], true];
    case 'Attribute': return ['Attribute', [['value', n.value], ['attr', n.attr], ['ctx', op(n.ctx)]], true];
    case 'Subscript': return ['Subscript', [['value', n.value], ['slice', n.slice], ['ctx', op(n.ctx)]], true];
    case 'Starred': return ['Starred', [['value', n.value], ['ctx', op(n.ctx)]], true];
    case 'Name': return ['Name', [['id', n.id], ['ctx', op(n.ctx)]], true];
    case 'List': case 'Tuple': return [n.kind, [['elts', n.elts], ['ctx', op(n.ctx)]], true];
    case 'Slice': return ['Slice', [['lower', n.lower], ['upper', n.upper], ['step', n.step]], true];
  }
}

/** repr() of a constant, as Python prints it. */
export function constantRepr(v: A.ConstantValue): string {
  switch (v.type) {
    case 'int': return v.value.toString();
    case 'float': return floatRepr(v.value);
    case 'complex': return v.real === 0 && !Object.is(v.real, -0) ? `${floatRepr(v.imag, false)}j` : `(${floatRepr(v.real, false)}+${floatRepr(v.imag, false)}j)`;
    case 'str': return pyStrRepr(v.value);
    case 'bytes': return bytesRepr(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'None': return 'None';
    case 'Ellipsis': return 'Ellipsis';
  }
}

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function floatRepr(x: number, pointZero = true): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return (Object.is(x, -0) ? '-0' : '0') + (pointZero ? '.0' : '');
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const digits = mant.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  let s: string;
  if (exp < 0) s = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length > exp + 1) s = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else s = digits + '0'.repeat(exp + 1 - digits.length) + (pointZero ? '.0' : '');
  return sign + s;
}

function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 39) hasSingle = true;
    if (c === 34) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${q}`;
  for (const c of b) {
    if (c === 92) out += '\\\\';
    else if (String.fromCharCode(c) === q) out += `\\${q}`;
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 32 || c >= 127) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  return out + q;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
