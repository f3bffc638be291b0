// Translates the op table's kernel expressions (small JS expressions, see ops/table.ts) into WGSL,
// so the GPU runs the *same* entries the CPU compiles — no second hand-written list of kernels.
// A tiny Pratt parser builds an AST of the JS subset the table uses (ternaries, logical/bitwise/
// comparison/arithmetic operators, `**`, calls to Math.*, H.*, Number.isFinite, Object.is); the
// emitter types every node as a number of the compute domain or a WGSL bool and picks per-domain
// helpers from helpers.ts (WGSL has no overloading: `H.sign` → `h_sign_f` / `h_sign_i`).
// Anything it cannot express exactly (integer division that must raise on zero, bigints...) throws
// `Untranslatable`, and the backend runs that (op, domain) on the CPU instead — never wrongly.

export class Untranslatable extends Error {}

type Node =
  | { k: 'num'; v: number; text: string }
  | { k: 'id'; name: string }
  | { k: 'un'; op: string; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'tern'; c: Node; a: Node; b: Node }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'member'; name: string };

const TOKEN = /\s*(\d+\.?\d*(?:e[+-]?\d+)?n?|\.\d+|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?|===|!==|\*\*|&&|\|\||<=|>=|[-+*/%<>!~&|^?:(),])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (m === null) throw new Untranslatable(`cannot tokenize ${JSON.stringify(src.slice(pos))}`);
    out.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  return out;
}

// Binding powers follow JS precedence for the operators the table uses.
const BIN: Record<string, [number, boolean]> = {
  '||': [1, false], '&&': [2, false], '|': [3, false], '^': [4, false], '&': [5, false],
  '===': [6, false], '!==': [6, false], '<': [7, false], '<=': [7, false], '>': [7, false], '>=': [7, false],
  '+': [9, false], '-': [9, false], '*': [10, false], '/': [10, false], '%': [10, false], '**': [12, true],
};

export function parseExpr(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const eat = (t?: string): string => {
    const x = toks[i++];
    if (x === undefined || (t !== undefined && x !== t)) throw new Untranslatable(`expected ${t ?? 'token'} in ${src}`);
    return x;
  };
  const primary = (): Node => {
    const t = eat();
    if (t === '(') {
      const e = expr(0);
      eat(')');
      return e;
    }
    if (t === '-' || t === '!' || t === '~' || t === '+') return { k: 'un', op: t, x: unaryOperand() };
    if (/^[\d.]/.test(t)) {
      if (t.endsWith('n')) throw new Untranslatable('bigint literal');
      return { k: 'num', v: Number(t), text: t };
    }
    if (peek() === '(') {
      eat('(');
      const args: Node[] = [];
      while (peek() !== ')') {
        args.push(expr(0));
        if (peek() === ',') eat(',');
      }
      eat(')');
      return { k: 'call', fn: t, args };
    }
    if (t.includes('.')) return { k: 'member', name: t };
    return { k: 'id', name: t };
  };
  // unary binds tighter than every binary operator except `**` (JS forbids -a ** b anyway)
  const unaryOperand = (): Node => primary();
  const expr = (minBp: number): Node => {
    let lhs = primary();
    for (;;) {
      const op = peek();
      if (op === undefined || op === ')' || op === ',' || op === ':') break;
      if (op === '?') {
        if (minBp > 0) break;
        eat('?');
        const a = expr(0);
        eat(':');
        const b = expr(0);
        lhs = { k: 'tern', c: lhs, a, b };
        continue;
      }
      const info = BIN[op];
      if (info === undefined) throw new Untranslatable(`operator ${op}`);
      const [bp, right] = info;
      if (bp < minBp) break;
      eat();
      const rhs = expr(right ? bp : bp + 1);
      lhs = { k: 'bin', op, a: lhs, b: rhs };
    }
    return lhs;
  };
  const e = expr(0);
  if (i !== toks.length) throw new Untranslatable(`trailing tokens in ${src}`);
  return e;
}

/** The WGSL scalar type of the compute domain: f32 floats, i32 integers, u32 bools (0/1). */
export type WType = 'f32' | 'i32' | 'u32';
interface Emitted {
  code: string;
  /** 'num' = a value of the domain type; 'bool' = a WGSL bool. */
  t: 'num' | 'bool';
}

/** Operand references the emitter uses for a, b, c, p0..p3 (already loaded in the domain type,
 * or as WGSL bools when `boolOperands` says so). */
export interface ExprEnv {
  type: WType;
  operands: Record<string, Emitted>;
}

const sameNode = (a: Node, b: Node): boolean => JSON.stringify(a) === JSON.stringify(b);

function lit(v: number, type: WType): string {
  if (Number.isNaN(v)) return type === 'f32' ? 'h_nan()' : untrans('NaN in an integer kernel');
  if (!Number.isFinite(v)) return type === 'f32' ? (v > 0 ? 'h_inf()' : '(-h_inf())') : untrans('Infinity in an integer kernel');
  if (type === 'f32') {
    const s = String(v);
    return /[.e]/.test(s) ? `f32(${s})` : `${s}.0`;
  }
  if (!Number.isInteger(v)) return untrans('fractional literal in an integer kernel');
  return type === 'i32' ? `i32(${v})` : `${v}u`;
}

function untrans(why: string): never {
  throw new Untranslatable(why);
}

// truthiness of a float looks at the bits: NaN is truthy, ±0 falsy, whatever the driver's `!=`
const asBool = (e: Emitted, type: WType): string =>
  e.t === 'bool' ? e.code : type === 'f32' ? `((bitcast<u32>(${e.code}) & 0x7fffffffu) != 0u)` : `(${e.code} != ${lit(0, type)})`;
const asNum = (e: Emitted, type: WType): string => (e.t === 'num' ? e.code : `select(${lit(0, type)}, ${lit(1, type)}, ${e.code})`);

// WGSL builtins leave out-of-domain inputs (NaN, log of a negative, exp overflow) to the
// implementation, and SwiftShader's sin/cos are only ~1e-4 accurate: every Math.* goes through a
// guarded helper in helpers.ts.
const MATH_F: Record<string, string> = {
  'Math.exp': 'h_exp', 'Math.log': 'h_log', 'Math.log2': 'h_log2', 'Math.sqrt': 'h_sqrt', 'Math.sin': 'h_sin',
  'Math.cos': 'h_cos', 'Math.tan': 'h_tan', 'Math.asin': 'h_asin', 'Math.acos': 'h_acos', 'Math.atan': 'h_atan',
  'Math.sinh': 'h_sinh', 'Math.cosh': 'h_cosh', 'Math.tanh': 'h_tanh', 'Math.abs': 'abs', 'Math.floor': 'h_floor',
  'Math.ceil': 'h_ceil', 'Math.trunc': 'h_trunc', 'Math.expm1': 'h_expm1', 'Math.log1p': 'h_log1p',
  'Math.log10': 'h_log10', 'Math.atan2': 'h_atan2', 'Number.isFinite': 'h_isfinite',
};

/** H.* helpers available per domain (helpers.ts defines `h_<name>_<suffix>`). */
export const H_HELPERS: Record<string, readonly WType[]> = {
  sigmoid: ['f32'], erf: ['f32'], rint: ['f32'], roundDecimals: ['f32'], floorDivF: ['f32'], remF: ['f32'],
  clamp: ['f32'], sign: ['f32', 'i32'], logSigmoid: ['f32'], nanToNum: ['f32'], maximum: ['f32'], minimum: ['f32'],
  powF: ['f32'],
};
const SUFFIX: Record<WType, string> = { f32: 'f', i32: 'i', u32: 'u' };

export function emit(n: Node, env: ExprEnv): Emitted {
  const T = env.type;
  switch (n.k) {
    case 'num':
      return { code: lit(n.v, T), t: 'num' };
    case 'id': {
      if (n.name === 'NaN') return { code: lit(NaN, T), t: 'num' };
      if (n.name === 'Infinity') return { code: lit(Infinity, T), t: 'num' };
      if (n.name === 'true' || n.name === 'false') return { code: n.name, t: 'bool' };
      const o = env.operands[n.name];
      if (o === undefined) untrans(`unknown name ${n.name}`);
      return o;
    }
    case 'member':
      if (n.name === 'Math.SQRT1_2' && T === 'f32') return { code: 'f32(0.7071067811865476)', t: 'num' };
      if (n.name === 'Math.PI' && T === 'f32') return { code: 'f32(3.141592653589793)', t: 'num' };
      return untrans(`member ${n.name}`);
    case 'un': {
      const x = emit(n.x, env);
      if (n.op === '!') return { code: `!(${asBool(x, T)})`, t: 'bool' };
      if (n.op === '+') return { code: asNum(x, T), t: 'num' };
      if (n.op === '~') {
        if (T === 'f32') untrans('~ on floats');
        return { code: `(~${asNum(x, T)})`, t: 'num' };
      }
      if (T === 'u32') untrans('negation of a bool');
      // -0 literal (Object.is(a, -0)) keeps its sign through the f32() constructor
      return { code: `(-${asNum(x, T)})`, t: 'num' };
    }
    case 'tern': {
      const c = emit(n.c, env);
      const a = emit(n.a, env);
      const b = emit(n.b, env);
      if (a.t === 'bool' && b.t === 'bool') return { code: `select(${b.code}, ${a.code}, ${asBool(c, T)})`, t: 'bool' };
      return { code: `select(${asNum(b, T)}, ${asNum(a, T)}, ${asBool(c, T)})`, t: 'num' };
    }
    case 'call':
      return emitCall(n, env);
    case 'bin':
      return emitBin(n, env);
  }
}

function emitBin(n: Extract<Node, { k: 'bin' }>, env: ExprEnv): Emitted {
  const T = env.type;
  // `x !== x` is JS's NaN test; WGSL compilers may fold `x != x`, so test the bits instead
  if ((n.op === '!==' || n.op === '===') && sameNode(n.a, n.b)) {
    const x = emit(n.a, env);
    if (T !== 'f32' || x.t === 'bool') return { code: n.op === '!==' ? 'false' : 'true', t: 'bool' };
    return { code: n.op === '!==' ? `h_isnan(${x.code})` : `!h_isnan(${x.code})`, t: 'bool' };
  }
  // `2 ** a` is exp2; any other power goes through the C-semantics helper
  if (n.op === '**') {
    if (T !== 'f32') untrans('** in an integer kernel');
    const b = emit(n.b, env);
    if (n.a.k === 'num' && n.a.v === 2) return { code: `h_exp2(${asNum(b, T)})`, t: 'num' };
    return { code: `h_powF_f(${asNum(emit(n.a, env), T)}, ${asNum(b, T)})`, t: 'num' };
  }
  const a = emit(n.a, env);
  const b = emit(n.b, env);
  switch (n.op) {
    case '&&':
    case '||':
      return { code: `(${asBool(a, T)} ${n.op} ${asBool(b, T)})`, t: 'bool' };
    case '===':
    case '!==': {
      const op = n.op === '===' ? '==' : '!=';
      if (a.t === 'bool' && b.t === 'bool') return { code: `(${a.code} ${op} ${b.code})`, t: 'bool' };
      // IEEE `!=` is true for NaN operands; SwiftShader compiles it as an ordered compare
      if (T === 'f32' && op === '!=') return { code: `h_ne(${asNum(a, T)}, ${asNum(b, T)})`, t: 'bool' };
      return { code: `(${asNum(a, T)} ${op} ${asNum(b, T)})`, t: 'bool' };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { code: `(${asNum(a, T)} ${n.op} ${asNum(b, T)})`, t: 'bool' };
    case '&':
    case '|':
    case '^':
      if (T === 'f32') untrans('bitwise op on floats');
      return { code: `(${asNum(a, T)} ${n.op} ${asNum(b, T)})`, t: 'num' };
    case '%':
      if (T !== 'f32') untrans('integer % (raises on zero on the CPU)');
      return { code: `h_fmod_f(${asNum(a, T)}, ${asNum(b, T)})`, t: 'num' };
    case '/':
      if (T !== 'f32') untrans('integer division');
      return { code: `(${asNum(a, T)} / ${asNum(b, T)})`, t: 'num' };
    case '+':
    case '-':
    case '*':
      if (T === 'u32' && n.op !== '*') untrans(`${n.op} on bools`);
      return { code: `(${asNum(a, T)} ${n.op} ${asNum(b, T)})`, t: 'num' };
  }
  return untrans(`operator ${n.op}`);
}

function emitCall(n: Extract<Node, { k: 'call' }>, env: ExprEnv): Emitted {
  const T = env.type;
  const args = n.args.map((x) => emit(x, env));
  const nums = args.map((x) => asNum(x, T));
  if (n.fn === 'Object.is') {
    // only Object.is(a, -0) appears: the sign bit of a zero
    const z = n.args[1];
    if (T !== 'f32' || !(z.k === 'un' && z.op === '-' && z.x.k === 'num' && z.x.v === 0)) untrans('Object.is form');
    return { code: `(bitcast<u32>(${nums[0]}) == 0x80000000u)`, t: 'bool' };
  }
  if (n.fn === 'Math.imul') {
    if (T !== 'i32') untrans('imul outside int32');
    return { code: `(${nums[0]} * ${nums[1]})`, t: 'num' };
  }
  if (n.fn === 'Number.isFinite') {
    if (T !== 'f32') return { code: 'true', t: 'bool' };
    return { code: `h_isfinite(${nums[0]})`, t: 'bool' };
  }
  if (n.fn === 'Math.abs' && T === 'i32') return { code: `abs(${nums[0]})`, t: 'num' };
  if (n.fn.startsWith('Math.')) {
    const f = MATH_F[n.fn];
    if (f === undefined || T !== 'f32') untrans(`${n.fn} in ${T}`);
    return { code: `${f}(${nums.join(', ')})`, t: 'num' };
  }
  if (n.fn === 'H.rnd') {
    // rounding an intermediate to the compute dtype: f32 arithmetic already is
    if (T !== 'f32') untrans('H.rnd outside f32');
    return { code: nums[0], t: 'num' };
  }
  if (n.fn === 'H.fma') {
    if (T !== 'f32') untrans('H.fma outside f32');
    return { code: fmaOnce(nums[0], nums[1], nums[2]), t: 'num' };
  }
  if (n.fn.startsWith('H.')) {
    const name = n.fn.slice(2);
    const types = H_HELPERS[name];
    if (types === undefined || !types.includes(T)) untrans(`H.${name} in ${T}`);
    return { code: `h_${name}_${SUFFIX[T]}(${nums.join(', ')})`, t: 'num' };
  }
  return untrans(`call ${n.fn}`);
}

/**
 * x·y + z rounded once, as one WGSL expression (the table's H.fma; the CPU's fmaF32). WGSL's fma()
 * may round twice (SwiftShader does), so — as webgpu/kernels/norm.ts does for batch_norm — the
 * product is made exact by Dekker's split (f32 + and · are correctly rounded) and added by TwoSum;
 * huge or non-finite operands, where the split would overflow, take the plain x·y + z. Written
 * inline because the translator emits expressions only (the operands are short: p0, a, b, c, or
 * one product of them), so it leans on the shader compiler to share the repeated subexpressions.
 */
function fmaOnce(x: string, y: string, z: string): string {
  const p = `(${x} * ${y})`;
  const hi = (v: string): string => `((4097.0 * ${v}) - ((4097.0 * ${v}) - ${v}))`;
  const lo = (v: string): string => `(${v} - ${hi(v)})`;
  const err = `((((${hi(x)} * ${hi(y)} - ${p}) + ${hi(x)} * ${lo(y)}) + ${lo(x)} * ${hi(y)}) + ${lo(x)} * ${lo(y)})`;
  const s = `(${p} + ${z})`;
  const v = `(${s} - ${p})`;
  const t = `((${p} - (${s} - ${v})) + (${z} - ${v}))`;
  const small = `(abs(${x}) < 1e30 && abs(${y}) < 1e30 && abs(${p}) < 1e30 && abs(${z}) < 1e30)`;
  return `select(${p} + ${z}, ${s} + (${t} + ${err}), ${small})`;
}

/** Translate one table expression; operands map a/b/c/p0.. to loaded WGSL values. */
export function translate(src: string, env: ExprEnv): Emitted {
  return emit(parseExpr(src), env);
}
export type { Emitted };
