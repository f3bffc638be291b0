// The eval-free twin of elementwise.ts's kernel compiler, for pages whose Content-Security-Policy
// forbids 'unsafe-eval' (then `new Function` throws). The op table's expressions are a tiny subset
// of JavaScript — literals (numbers, bigints like 1n, true/false/NaN/Infinity), the names a b c
// p0..p3 v, members of Math / Number / Object / BigInt / H (math.ts), calls, unary - + ! ~, the
// binary operators, && || and ?: — so they are parsed once into closures with the same JS
// semantics (same operators, same helpers, same typed-array stores) and looped over per element.
// Slower than a compiled loop (a closure call per node), but bit-identical; elementwise.ts picks it
// only when compiling is refused.

import type { StorageArray } from '../dtype';
import * as H from './math';

/** The values an expression reads: operands a b c, op parameters p0..p3, and v (a raw load). */
export interface Env {
  a: unknown;
  b: unknown;
  c: unknown;
  v: unknown;
  p0: unknown;
  p1: unknown;
  p2: unknown;
  p3: unknown;
}
export type Expr = (e: Env) => unknown;

const VARS = new Set(['a', 'b', 'c', 'v', 'p0', 'p1', 'p2', 'p3']);
const NAMESPACES: Record<string, Record<string, unknown>> = {
  Math: Math as unknown as Record<string, unknown>,
  Number: Number as unknown as Record<string, unknown>,
  Object: Object as unknown as Record<string, unknown>,
  BigInt: BigInt as unknown as Record<string, unknown>,
  H: H as unknown as Record<string, unknown>,
};
const CALLABLE_GLOBALS: Record<string, (...x: never[]) => unknown> = { BigInt: BigInt as never, Number: Number as never };
const CONSTANTS: Record<string, unknown> = { true: true, false: false, NaN: NaN, Infinity: Infinity };

type Tok = { t: 'num'; v: number | bigint } | { t: 'id'; v: string } | { t: 'op'; v: string };

const OPS = ['>>>', '===', '!==', '<=', '>=', '==', '!=', '&&', '||', '<<', '>>', '**', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '!', '~', '?', ':', '(', ')', ',', '.'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+n|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(src.slice(i));
    if (num && /[\d.]/.test(ch)) {
      const s = num[0];
      out.push({ t: 'num', v: s.endsWith('n') ? BigInt(s.slice(0, -1)) : Number(s) });
      i += s.length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxError(`kernel expression: unexpected '${ch}' in ${src}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

// Binary operators by precedence (low → high), as in JavaScript.
const LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!=', '===', '!=='], ['<', '>', '<=', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*', '/', '%']];

/* eslint-disable @typescript-eslint/no-explicit-any -- JS operators on number | bigint | boolean */
const BIN: Record<string, (x: any, y: any) => unknown> = {
  '+': (x, y) => x + y, '-': (x, y) => x - y, '*': (x, y) => x * y, '/': (x, y) => x / y, '%': (x, y) => x % y, '**': (x, y) => x ** y,
  '<': (x, y) => x < y, '>': (x, y) => x > y, '<=': (x, y) => x <= y, '>=': (x, y) => x >= y,
  // eslint-disable-next-line eqeqeq
  '==': (x, y) => x == y, '!=': (x, y) => x != y, '===': (x, y) => x === y, '!==': (x, y) => x !== y,
  '&': (x, y) => x & y, '|': (x, y) => x | y, '^': (x, y) => x ^ y, '<<': (x, y) => x << y, '>>': (x, y) => x >> y, '>>>': (x, y) => x >>> y,
};
const UN: Record<string, (x: any) => unknown> = { '-': (x) => -x, '+': (x) => +x, '!': (x) => !x, '~': (x) => ~x };
/* eslint-enable @typescript-eslint/no-explicit-any */

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly src: string) {}

  parse(): Expr {
    const e = this.ternary();
    if (this.i < this.toks.length) this.fail('trailing input');
    return e;
  }

  private fail(why: string): never {
    throw new SyntaxError(`kernel expression: ${why} in ${this.src}`);
  }
  private peekOp(...ops: string[]): string | null {
    const t = this.toks[this.i];
    return t?.t === 'op' && ops.includes(t.v) ? t.v : null;
  }
  private expect(op: string): void {
    if (!this.peekOp(op)) this.fail(`expected '${op}'`);
    this.i++;
  }

  private ternary(): Expr {
    const cond = this.binary(0);
    if (!this.peekOp('?')) return cond;
    this.i++;
    const yes = this.ternary();
    this.expect(':');
    const no = this.ternary();
    return (e) => (cond(e) ? yes(e) : no(e));
  }

  private binary(level: number): Expr {
    if (level === LEVELS.length) return this.exponent();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(...LEVELS[level]); op; op = this.peekOp(...LEVELS[level])) {
      this.i++;
      const right = this.binary(level + 1);
      const l = left;
      if (op === '&&') left = (e) => l(e) && right(e);
      else if (op === '||') left = (e) => l(e) || right(e);
      else {
        const f = BIN[op];
        left = (e) => f(l(e), right(e));
      }
    }
    return left;
  }

  private exponent(): Expr {
    const base = this.unary();
    if (!this.peekOp('**')) return base;
    this.i++;
    const exp = this.exponent(); // right-associative
    return (e) => BIN['**'](base(e), exp(e));
  }

  private unary(): Expr {
    const op = this.peekOp('-', '+', '!', '~');
    if (!op) return this.postfix();
    this.i++;
    const x = this.unary();
    const f = UN[op];
    return (e) => f(x(e));
  }

  private postfix(): Expr {
    const t = this.toks[this.i++];
    if (!t) this.fail('unexpected end');
    if (t.t === 'num') {
      const v = t.v;
      return () => v;
    }
    if (t.t === 'op') {
      if (t.v !== '(') this.fail(`unexpected '${t.v}'`);
      const inner = this.ternary();
      this.expect(')');
      return inner;
    }
    const name = t.v;
    if (VARS.has(name)) return (e) => e[name as keyof Env];
    if (name in CONSTANTS) {
      const v = CONSTANTS[name];
      return () => v;
    }
    // Namespace.member, possibly called: resolved once, here.
    if (this.peekOp('.')) {
      this.i++;
      const m = this.toks[this.i++];
      const ns = NAMESPACES[name];
      if (!ns || m?.t !== 'id' || !Object.hasOwn(ns, m.v)) this.fail(`unknown name ${name}.${m?.t === 'id' ? m.v : '?'}`);
      const member = ns[m.v];
      if (this.peekOp('(')) return this.call(member as (...x: unknown[]) => unknown);
      return () => member;
    }
    if (name in CALLABLE_GLOBALS && this.peekOp('(')) return this.call(CALLABLE_GLOBALS[name] as (...x: unknown[]) => unknown);
    return this.fail(`unknown name ${name}`);
  }

  private call(fn: (...x: unknown[]) => unknown): Expr {
    this.expect('(');
    const args: Expr[] = [];
    while (!this.peekOp(')')) {
      args.push(this.ternary());
      if (!this.peekOp(')')) this.expect(',');
    }
    this.i++;
    if (typeof fn !== 'function') this.fail('call of a non-function');
    if (args.length === 1) {
      const [x] = args;
      return (e) => fn(x(e));
    }
    if (args.length === 2) {
      const [x, y] = args;
      return (e) => fn(x(e), y(e));
    }
    return (e) => fn(...args.map((a) => a(e)));
  }
}

const parsed = new Map<string, Expr>();

/** The closure computing `src` (one of the op table's expressions), parsed once per text. */
export function parseExpr(src: string): Expr {
  let f = parsed.get(src);
  if (!f) {
    f = new Parser(tokenize(src), src).parse();
    parsed.set(src, f);
  }
  return f;
}

export type RowKernel = (H: unknown, out: StorageArray, o: number, os: number, n: number, p: readonly (number | bigint)[], ...operands: (StorageArray | number)[]) => void;

const NAMES = ['a', 'b', 'c'] as const;

/**
 * The same kernel elementwise.ts would compile, as closures: `loads[k]` turns operand k's raw
 * element (bound to v) into its domain value, `store` computes the value written to `out`.
 */
export function interpretedKernel(loads: readonly string[], store: string, nParams: number): RowKernel {
  const loadFns = loads.map(parseExpr);
  const storeFn = parseExpr(store);
  const m = loads.length;
  return (_H, out, o, os, n, p, ...operands) => {
    const env: Env = { a: 0, b: 0, c: 0, v: 0, p0: undefined, p1: undefined, p2: undefined, p3: undefined };
    for (let k = 0; k < nParams; k++) (env as unknown as Record<string, unknown>)[`p${k}`] = p[k];
    const arrs: StorageArray[] = [];
    const offs: number[] = [];
    const steps: number[] = [];
    for (let k = 0; k < m; k++) {
      arrs.push(operands[3 * k] as StorageArray);
      offs.push(operands[3 * k + 1] as number);
      steps.push(operands[3 * k + 2] as number);
    }
    const rec = env as unknown as Record<string, unknown>;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) {
        env.v = arrs[k][offs[k]];
        rec[NAMES[k]] = loadFns[k](env);
        offs[k] += steps[k];
      }
      (out as unknown as unknown[])[o] = storeFn(env);
      o += os;
    }
  };
}

/**
 * elementwise.ts's 2-D kernel shape (per operand: array, offset, inner stride, outer stride) from
 * a 1-D kernel: one call per row.
 */
export function rowsOf(k1: RowKernel, m: number) {
  return (h: unknown, out: StorageArray, o: number, os0: number, os1: number, n0: number, n1: number, p: readonly (number | bigint)[], ...ops: (StorageArray | number)[]): void => {
    const a1: (StorageArray | number)[] = new Array(3 * m);
    for (let j = 0; j < n1; j++) {
      for (let k = 0; k < m; k++) {
        a1[3 * k] = ops[4 * k];
        a1[3 * k + 1] = (ops[4 * k + 1] as number) + j * (ops[4 * k + 3] as number);
        a1[3 * k + 2] = ops[4 * k + 2];
      }
      k1(h, out, o + j * os1, os0, n0, p, ...a1);
    }
  };
}

/** Whether this realm may compile code (a CSP without 'unsafe-eval' says no). Asked once. */
let compileAllowed: boolean | undefined;
let forced: boolean | null = null;
export function canCompileKernels(): boolean {
  if (forced !== null) return !forced;
  if (compileAllowed === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      compileAllowed = new Function('return 1')() === 1;
    } catch {
      compileAllowed = false;
    }
  }
  return compileAllowed;
}

/** Tests (and a page that wants it) can force the interpreted kernels on or off; null = detect. */
export function forceInterpretedKernels(on: boolean | null): void {
  forced = on;
}

