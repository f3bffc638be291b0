// The Python AST: what python/parse/ produces from script text and what the evaluator walks.
// It mirrors CPython 3.13's `ast` module node for node (same node names, same field meanings, same
// Load/Store/Del contexts), so CPython's documentation is the reference and `dumpAst` (in parse/)
// can print a tree in exactly `ast.dump`'s format for comparison with the real parser.
//
// Deliberate differences from CPython, each for a reason:
//  - Fields are camelCase (`kwDefaults`, `finalbody` stays as CPython spells it, `orelse` too);
//    the discriminant is `kind` (the CPython class name).
//  - `async def` / `async for` / `async with` are the sync node plus `isAsync: true` rather than
//    separate classes: the evaluator treats them the same way apart from that flag.
//  - `Constant.value` is a tagged union so `1` (int), `1.0` (float), `True` (bool) and big ints
//    (bigint) stay distinct in JavaScript; `FormattedValue.conversion` is the letter, not an ord().
//  - Every node (including `arg`, `keyword`, `alias`, `comprehension`, `ExceptHandler`, `withitem`,
//    which in CPython partly lack positions) carries a full source span: `line`/`col`/`endLine`/
//    `endCol` in CPython's convention (1-based lines, 0-based columns counted in characters,
//    i.e. UTF-16 code units of the source) and `from`/`to` character offsets into the source,
//    which the UI uses to underline and rewrite text.
//  - Module also records the filename it was parsed under (tracebacks name it).

/** Where a node sits in the source. Columns count characters; `endCol` is exclusive. */
export interface Span {
  /** 1-based line of the first character. */
  line: number;
  /** 0-based column of the first character. */
  col: number;
  /** 1-based line of the last character. */
  endLine: number;
  /** 0-based column just past the last character. */
  endCol: number;
  /** Offset of the first character in the source string. */
  from: number;
  /** Offset just past the last character in the source string. */
  to: number;
}

/** Whether a Name/Attribute/Subscript/Starred/List/Tuple is read, assigned, or deleted. */
export type ExprContext = 'Load' | 'Store' | 'Del';

/** Binary operators, named as CPython's `ast.operator` subclasses. */
export type Operator =
  | 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow'
  | 'LShift' | 'RShift' | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';

export type BoolOperator = 'And' | 'Or';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

// ---------------------------------------------------------------------------------------------
// Module

export interface Module extends Span {
  kind: 'Module';
  body: Stmt[];
  /** The name the script was parsed under (`main.py` on the page, the path as given in the CLI). */
  filename: string;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Stmt =
  | FunctionDef | ClassDef | Return | Delete | Assign | AugAssign | AnnAssign
  | For | While | If | With | Raise | Try | Assert | Import | ImportFrom
  | Global | Nonlocal | ExprStmt | Pass | Break | Continue;

/** `def name(args) -> returns: body`, with its decorators (outermost first, as written). */
export interface FunctionDef extends Span {
  kind: 'FunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorators: Expr[];
  returns: Expr | null;
  /** `async def`. */
  isAsync: boolean;
}

/** `class name(bases, keywords): body`. `metaclass=...` arrives as a keyword. */
export interface ClassDef extends Span {
  kind: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
}

export interface Return extends Span {
  kind: 'Return';
  value: Expr | null;
}

/** `del a, b[0], c.d` — every target has ctx 'Del'. */
export interface Delete extends Span {
  kind: 'Delete';
  targets: Expr[];
}

/** `a = b = value`: targets in source order (`a`, then `b`), each with ctx 'Store'. */
export interface Assign extends Span {
  kind: 'Assign';
  targets: Expr[];
  value: Expr;
}

/** `target op= value`; target is a Name, Attribute or Subscript with ctx 'Store'. */
export interface AugAssign extends Span {
  kind: 'AugAssign';
  target: Name | Attribute | Subscript;
  op: Operator;
  value: Expr;
}

/** `target: annotation [= value]`. `simple` is true for a bare unparenthesized Name target. */
export interface AnnAssign extends Span {
  kind: 'AnnAssign';
  target: Name | Attribute | Subscript;
  annotation: Expr;
  value: Expr | null;
  simple: boolean;
}

/** `for target in iter: body else: orelse`. */
export interface For extends Span {
  kind: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  isAsync: boolean;
}

export interface While extends Span {
  kind: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

/** `elif` chains nest: the `orelse` of an If holds exactly one If for each `elif`. */
export interface If extends Span {
  kind: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface With extends Span {
  kind: 'With';
  items: WithItem[];
  body: Stmt[];
  isAsync: boolean;
}

/** One `expr [as target]` of a with statement (CPython: `withitem`). */
export interface WithItem extends Span {
  kind: 'withitem';
  contextExpr: Expr;
  optionalVars: Expr | null;
}

/** `raise [exc [from cause]]`. */
export interface Raise extends Span {
  kind: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}

export interface Try extends Span {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}

/** `except [type [as name]]: body`. */
export interface ExceptHandler extends Span {
  kind: 'ExceptHandler';
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}

export interface Assert extends Span {
  kind: 'Assert';
  test: Expr;
  msg: Expr | null;
}

/** `import a.b.c as d, e`. */
export interface Import extends Span {
  kind: 'Import';
  names: Alias[];
}

/** `from ..pkg.mod import a as b, c` → module 'pkg.mod', level 2. `import *` is name '*'. */
export interface ImportFrom extends Span {
  kind: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number;
}

/** One imported name (CPython: `alias`); `name` is dotted for `import a.b`. */
export interface Alias extends Span {
  kind: 'alias';
  name: string;
  asname: string | null;
}

export interface Global extends Span {
  kind: 'Global';
  names: string[];
}

export interface Nonlocal extends Span {
  kind: 'Nonlocal';
  names: string[];
}

/** An expression used as a statement (CPython: `Expr`; named ExprStmt here to free `Expr`). */
export interface ExprStmt extends Span {
  kind: 'Expr';
  value: Expr;
}

export interface Pass extends Span { kind: 'Pass' }
export interface Break extends Span { kind: 'Break' }
export interface Continue extends Span { kind: 'Continue' }

// ---------------------------------------------------------------------------------------------
// Function signatures

/**
 * A parameter list, laid out as CPython does: `def f(a, /, b, c=1, *args, d, e=2, **kw)` gives
 * posonlyargs [a], args [b, c], defaults [1] (aligned to the END of posonlyargs+args), vararg
 * args, kwonlyargs [d, e], kwDefaults [null, 2] (one per kwonly arg), kwarg kw.
 */
export interface Arguments {
  kind: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  kwDefaults: (Expr | null)[];
  kwarg: Arg | null;
  defaults: Expr[];
}

/** One parameter name with its optional annotation (CPython: `arg`). */
export interface Arg extends Span {
  kind: 'arg';
  arg: string;
  annotation: Expr | null;
}

/** `name=value` in a call or class header; `arg` null means `**value`. */
export interface Keyword extends Span {
  kind: 'keyword';
  arg: string | null;
  value: Expr;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | BoolOp | NamedExpr | BinOp | UnaryOp | Lambda | IfExp | Dict | SetExpr
  | ListComp | SetComp | DictComp | GeneratorExp | Await | Yield | YieldFrom
  | Compare | Call | FormattedValue | JoinedStr | Constant | Attribute | Subscript
  | Starred | Name | List | Tuple | Slice;

/** `a and b and c` is one BoolOp with three values; mixed and/or nest by precedence. */
export interface BoolOp extends Span {
  kind: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}

/** `target := value`. */
export interface NamedExpr extends Span {
  kind: 'NamedExpr';
  target: Name;
  value: Expr;
}

export interface BinOp extends Span {
  kind: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}

/** `-x`, `+x`, `~x`, `not x`. Note `-x**2` is USub(Pow(x, 2)) and `-1` stays a UnaryOp. */
export interface UnaryOp extends Span {
  kind: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}

export interface Lambda extends Span {
  kind: 'Lambda';
  args: Arguments;
  body: Expr;
}

/** `body if test else orelse`. */
export interface IfExp extends Span {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

/** `{k: v, **other}`: a `**other` entry has key null and value `other`. */
export interface Dict extends Span {
  kind: 'Dict';
  keys: (Expr | null)[];
  values: Expr[];
}

/** `{a, b}` (never empty: `{}` is a Dict). CPython: `Set`; named SetExpr to avoid the JS global. */
export interface SetExpr extends Span {
  kind: 'Set';
  elts: Expr[];
}

export interface ListComp extends Span {
  kind: 'ListComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface SetComp extends Span {
  kind: 'SetComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface DictComp extends Span {
  kind: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}

/** `(elt for ...)`; also the bare generator argument in `f(x for x in y)`. */
export interface GeneratorExp extends Span {
  kind: 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}

/** One `for target in iter if cond1 if cond2` clause (CPython: `comprehension`). */
export interface Comprehension extends Span {
  kind: 'comprehension';
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  isAsync: boolean;
}

export interface Await extends Span {
  kind: 'Await';
  value: Expr;
}

export interface Yield extends Span {
  kind: 'Yield';
  value: Expr | null;
}

export interface YieldFrom extends Span {
  kind: 'YieldFrom';
  value: Expr;
}

/** `a < b <= c` is one Compare: left a, ops [Lt, LtE], comparators [b, c]. */
export interface Compare extends Span {
  kind: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}

/**
 * `func(a, *b, c=d, **e)`: positional args in order (a `*b` is a Starred among them), keywords in
 * order (a `**e` is a Keyword with arg null). As in CPython, positional and keyword arguments are
 * kept in two lists, so `f(a=1, *b)` loses the interleaving (CPython evaluates the same way).
 */
export interface Call extends Span {
  kind: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}

/**
 * One `{value!conv:spec}` of an f-string. `conversion` is the letter after `!` (null if none);
 * `formatSpec` is itself an f-string (nested replacement fields allowed) or null. A
 * self-documenting `{x=}` becomes a Constant 'x=' followed by a FormattedValue whose conversion
 * is 'r' unless a conversion or spec was given — exactly as CPython desugars it.
 */
export interface FormattedValue extends Span {
  kind: 'FormattedValue';
  value: Expr;
  conversion: 'r' | 's' | 'a' | null;
  formatSpec: JoinedStr | null;
}

/** An f-string (after concatenation with adjacent literals): str Constants and FormattedValues. */
export interface JoinedStr extends Span {
  kind: 'JoinedStr';
  values: (Constant | FormattedValue)[];
}

/** The value of a literal, tagged so JS keeps Python's distinctions. */
export type ConstantValue =
  /** `number` when it is a safe integer (|n| <= 2**53-1), else `bigint`. */
  | { type: 'int'; value: number | bigint }
  /** `1.0`, `1e-5`, `1_000.5`: always a float, even when the number is integral. */
  | { type: 'float'; value: number }
  /** An imaginary literal `2j` / `1.5J`: real part 0. */
  | { type: 'complex'; real: number; imag: number }
  /** A str literal after escape processing and implicit concatenation. */
  | { type: 'str'; value: string }
  | { type: 'bytes'; value: Uint8Array }
  | { type: 'bool'; value: boolean }
  | { type: 'None' }
  | { type: 'Ellipsis' };

export interface Constant extends Span {
  kind: 'Constant';
  value: ConstantValue;
}

/** `value.attr`. */
export interface Attribute extends Span {
  kind: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}

/**
 * `value[slice]`. `x[1:2, ::3]` has a Tuple of two Slices as its slice; `x[...]` a Constant
 * Ellipsis; `x[a, b]` a Tuple (ctx Load).
 */
export interface Subscript extends Span {
  kind: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}

/** `*value` in a call, display, or assignment target. */
export interface Starred extends Span {
  kind: 'Starred';
  value: Expr;
  ctx: ExprContext;
}

export interface Name extends Span {
  kind: 'Name';
  id: string;
  ctx: ExprContext;
}

export interface List extends Span {
  kind: 'List';
  elts: Expr[];
  ctx: ExprContext;
}

/** `(a, b)` or the unparenthesized `a, b = b, a`; as in CPython, the span includes parentheses
 * when the tuple has them (other parenthesized expressions' spans exclude theirs). */
export interface Tuple extends Span {
  kind: 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}

/** `lower:upper:step` inside a subscript; any part may be null. */
export interface Slice extends Span {
  kind: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

/** Every node type, for generic walkers. */
export type Node =
  | Module | Stmt | Expr | Arguments | Arg | Keyword | Alias | WithItem | ExceptHandler
  | Comprehension;
