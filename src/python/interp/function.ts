// Python functions at run time: the Frame a call executes in (fast locals, cells, globals), the
// compiled Code of a def/lambda, PyFunction (a PyCallable: binds arguments with CPython's error
// texts, enforces the recursion limit, records traceback entries as exceptions leave the frame),
// and generators (the body runs as a coroutine that hands each yielded value to the consumer).

import { type NameScope, PyError } from '../../errors';
import {
  type KwArgs, type MaybeP, type Missing, type PyValue, MISSING, PyCallable, PyDict, PyTuple, makeType, syncCalls,
} from '../object';
import { PyIterBase, iteratorType } from '../builtins/iter';
import { asThrowable, excTypes, exceptionType, newException, toPyException } from '../builtins/exceptions';
import { suggestName } from '../builtins/suggest';
import { BUILTINS } from './builtinsTable';
import { CPYTHON_BUILTIN_NAMES } from './cpythonNames';
import { rt } from './runtime';

export class Cell {
  constructor(public v: PyValue | undefined = undefined) {}
}

/** Completion codes of compiled statements. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Completion = number;

export type StmtFn = (f: Frame) => MaybeP<Completion>;

/** A compiled function body with its parameter layout. */
export interface Code {
  name: string;
  qualname: string;
  filename: string;
  firstLine: number;
  posonly: string[];
  args: string[];
  vararg: string | null;
  kwonly: string[];
  kwarg: string | null;
  nfast: number;
  /** Names of the fast slots and of the cells (own, then free), for vars()/dir(). */
  varnames: string[];
  cellnames: string[];
  /** For each parameter (in the order above, vararg and kwarg included): its fast slot index, or
   * -(cell index + 1) when it is captured by an inner function. */
  paramSlots: number[];
  ncells: number;
  /** Number of leading cells that are this code's own (cellvars); the rest come from the closure. */
  ncellvars: number;
  body: StmtFn;
  isGenerator: boolean;
  /** The docstring (a str literal as the body's first statement), for __doc__. */
  doc?: string | null;
}

export class Frame {
  fast: (PyValue | undefined)[];
  cells: Cell[];
  line: number;
  retval: PyValue = null;
  /** The innermost expression that failed in this frame (for traceback carets). */
  constructor(
    readonly code: Code | null,
    readonly globals: Map<string, PyValue>,
    /** Class body / module namespace for 'name' slots (null in functions). */
    readonly ns: Map<string, PyValue> | null,
    readonly filename: string,
    readonly name: string,
    nfast: number,
    cells: Cell[],
  ) {
    this.fast = new Array(nfast);
    this.cells = cells;
    this.line = code ? code.firstLine : 1;
  }
  /** The generator this frame belongs to, when running a generator body. */
  gen: PyGenerator | null = null;
}

export const FunctionType = makeType('function');

export class PyFunction extends PyCallable {
  module: string;
  /** __doc__ (assignable, as in CPython). */
  doc: PyValue;
  /** __annotations__, evaluated when the def ran (null: none written; reads as a fresh {}). */
  annotations: PyDict | null = null;
  constructor(
    readonly code: Code,
    readonly globals: Map<string, PyValue>,
    public defaults: PyValue[],
    public kwdefaults: Map<string, PyValue> | null,
    readonly closure: Cell[],
    public name: string,
    public qualname: string,
  ) {
    super(FunctionType, new Map());
    const m = globals.get('__name__');
    this.module = typeof m === 'string' ? m : '__main__';
    this.doc = code.doc ?? null;
  }

  async call(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    return this.callMaybe(args, kwargs);
  }

  /** Run the body; its value directly when it never waited (see maybe.ts). */
  override callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    const code = this.code;
    const run = rt();
    const f = new Frame(code, this.globals, null, code.filename, code.name, code.nfast, this.closure.length || code.ncellvars ? newCells(code, this.closure) : NO_CELLS);
    bindArgs(this, f, args, kwargs);
    if (code.isGenerator) return new PyGenerator(f, code.body, code.name, code.qualname);
    if (run.depth >= run.limits.maxDepth) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
    run.depth++;
    run.frames.push(f);
    run.tick();
    // Every STACK_BREAK levels of Python calls, continue from the microtask queue so that deep
    // recursion cannot overflow the JS stack (the synchronous chain above unwinds into promises).
    if ((run.depth & STACK_BREAK_MASK) === 0 && syncCalls.depth === 0) return resumeLater(run, f, code);
    let r: MaybeP<Completion>;
    try {
      r = code.body(f);
    } catch (e) {
      run.frames.pop();
      run.depth--;
      throw noteFrame(e, f);
    }
    if (r instanceof Promise) return settleCall(run, f, r);
    run.frames.pop();
    run.depth--;
    return f.retval;
  }
}

/** Python call levels between forced trips through the microtask queue (a power of two). */
const STACK_BREAK_MASK = 15;

async function settleCall(run: ReturnType<typeof rt>, f: Frame, r: Promise<Completion>): Promise<PyValue> {
  try {
    await r;
    return f.retval;
  } catch (e) {
    throw noteFrame(e, f);
  } finally {
    run.frames.pop();
    run.depth--;
  }
}

async function resumeLater(run: ReturnType<typeof rt>, f: Frame, code: Code): Promise<PyValue> {
  try {
    await null;
    await code.body(f);
    return f.retval;
  } catch (e) {
    throw noteFrame(e, f);
  } finally {
    run.frames.pop();
    run.depth--;
  }
}
const NO_CELLS: Cell[] = [];

function newCells(code: Code, closure: Cell[]): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < code.ncellvars; i++) cells.push(new Cell());
  for (const c of closure) cells.push(c);
  return cells;
}

/** The names bound in frame `f` now (vars()/dir() without arguments): the namespace of a module
 * or class body, else the fast locals and cells that hold a value. */
export function frameLocals(f: Frame): Map<string, PyValue> {
  if (f.ns) return f.ns;
  const m = new Map<string, PyValue>();
  const c = f.code;
  if (!c) return m;
  c.varnames.forEach((n, i) => {
    const v = f.fast[i];
    if (v !== undefined) m.set(n, v);
  });
  c.cellnames.forEach((n, i) => {
    const v = f.cells[i]?.v;
    if (v !== undefined) m.set(n, v);
  });
  return m;
}

/** The names a NameError raised in frame `f` may suggest, read when the traceback is printed (as
 * CPython reads the frame kept alive by the traceback): locals, globals, builtins — in that order,
 * duplicates kept (at module level the locals are the globals), since ties go to the first. The
 * builtins are CPython's, in its order (then any of ours it lacks): the hint names what CPython
 * would name. */
export function frameScope(f: Frame): NameScope {
  return {
    candidates: () => [...frameLocals(f).keys(), ...f.globals.keys(), ...builtinNames()],
    self: () => frameLocals(f).get('self'),
  };
}

function builtinNames(): string[] {
  const known = new Set(CPYTHON_BUILTIN_NAMES);
  return [...CPYTHON_BUILTIN_NAMES, ...[...BUILTINS.keys()].filter((n) => !known.has(n))];
}

/** Hook: traceback entries (set by the traceback module to record carets). */
export const frameHooks: { entry: (e: unknown, f: Frame) => void } = {
  entry: () => {},
};

/** Convert an error leaving frame `f` to its Python form and add f's traceback entry. */
export function noteFrame(e: unknown, f: Frame): unknown {
  const exc = toPyException(e);
  if (!exc) return e;
  frameHooks.entry(exc, f);
  return asThrowable(exc);
}

// ---- argument binding -----------------------------------------------------------------------

function typeErr(msg: string): PyError {
  return new PyError('TypeError', msg);
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
}

function setParam(f: Frame, slot: number, v: PyValue): void {
  if (slot >= 0) f.fast[slot] = v;
  else f.cells[-slot - 1].v = v;
}

export function bindArgs(fn: PyFunction, f: Frame, args: PyValue[], kwargs: KwArgs): void {
  const c = fn.code;
  const npos = c.posonly.length + c.args.length;
  const nparams = npos + c.kwonly.length;
  const vals: (PyValue | undefined)[] = new Array(nparams);
  const n = args.length;
  const m = n < npos ? n : npos;
  for (let i = 0; i < m; i++) vals[i] = args[i];
  if (n > npos && c.vararg === null) {
    throw typeErr(tooMany(fn, n, kwargs));
  }
  let kwdict: PyDict | null = null;
  if (c.kwarg !== null) kwdict = new PyDict();
  if (kwargs !== null) {
    for (const [k, v] of kwargs) {
      let idx = c.args.indexOf(k);
      if (idx >= 0) idx += c.posonly.length;
      else {
        idx = c.kwonly.indexOf(k);
        if (idx >= 0) idx += npos;
      }
      if (idx < 0) {
        if (kwdict !== null) {
          kwdict.set(k, v);
          continue;
        }
        if (c.posonly.includes(k)) {
          throw typeErr(`${fn.qualname}() got some positional-only arguments passed as keyword arguments: '${k}'`);
        }
        // CPython 3.13 names the closest parameter that can be passed by keyword
        const hint = suggestName([...c.args, ...c.kwonly], k);
        throw typeErr(`${fn.qualname}() got an unexpected keyword argument '${k}'${hint === null ? '' : `. Did you mean '${hint}'?`}`);
      }
      if (vals[idx] !== undefined) throw typeErr(`${fn.qualname}() got multiple values for argument '${k}'`);
      vals[idx] = v;
    }
  }
  // defaults for positional parameters
  if (n < npos) {
    const firstDefault = npos - fn.defaults.length;
    let missing: string[] | null = null;
    for (let i = n; i < npos; i++) {
      if (vals[i] !== undefined) continue;
      if (i >= firstDefault) vals[i] = fn.defaults[i - firstDefault];
      else (missing ??= []).push(i < c.posonly.length ? c.posonly[i] : c.args[i - c.posonly.length]);
    }
    if (missing) {
      throw typeErr(`${fn.qualname}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${quoteList(missing)}`);
    }
  }
  if (c.kwonly.length) {
    let missing: string[] | null = null;
    for (let i = 0; i < c.kwonly.length; i++) {
      if (vals[npos + i] !== undefined) continue;
      const d = fn.kwdefaults?.get(c.kwonly[i]);
      if (d !== undefined) vals[npos + i] = d;
      else (missing ??= []).push(c.kwonly[i]);
    }
    if (missing) {
      throw typeErr(`${fn.qualname}() missing ${missing.length} required keyword-only argument${missing.length > 1 ? 's' : ''}: ${quoteList(missing)}`);
    }
  }
  const slots = c.paramSlots;
  for (let i = 0; i < npos; i++) setParam(f, slots[i], vals[i] as PyValue);
  let si = npos;
  if (c.vararg !== null) setParam(f, slots[si++], new PyTuple(n > npos ? args.slice(npos) : []));
  for (let i = 0; i < c.kwonly.length; i++) setParam(f, slots[si++], vals[npos + i] as PyValue);
  if (c.kwarg !== null) setParam(f, slots[si], kwdict);
}

function tooMany(fn: PyFunction, given: number, kwargs: KwArgs): string {
  const c = fn.code;
  const npos = c.posonly.length + c.args.length;
  const ndef = fn.defaults.length;
  const takes = ndef > 0 ? `from ${npos - ndef} to ${npos}` : String(npos);
  const plural = ndef > 0 || npos !== 1 ? 's' : '';
  let kwonlyGiven = 0;
  if (kwargs) for (const k of kwargs.keys()) if (c.kwonly.includes(k)) kwonlyGiven++;
  if (kwonlyGiven > 0) {
    return `${fn.qualname}() takes ${takes} positional argument${plural} but ${given} positional argument${given === 1 ? '' : 's'} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven === 1 ? '' : 's'}) were given`;
  }
  return `${fn.qualname}() takes ${takes} positional argument${plural} but ${given} ${given === 1 ? 'was' : 'were'} given`;
}

// ---- generators ---------------------------------------------------------------------------

type Waiter = { resolve: (v: PyValue | Missing) => void; reject: (e: unknown) => void };

/** A generator object. Its body runs as a separate async activation; `yield` hands a value to
 * the waiting consumer and suspends until the next `next()`/`send()`. */
export class PyGenerator extends PyIterBase {
  private started = false;
  private finished = false;
  private running = false;
  private consumer: Waiter | null = null;
  private resumeBody: ((sent: { value: PyValue } | { error: unknown }) => void) | null = null;
  constructor(
    readonly frame: Frame,
    private readonly body: StmtFn,
    readonly name: string,
    readonly qualname: string,
  ) {
    super(iteratorType('generator'));
    frame.gen = this;
  }

  next(): Promise<PyValue | Missing> {
    return this.send(null);
  }

  send(value: PyValue): Promise<PyValue | Missing> {
    if (this.finished) return Promise.resolve(MISSING);
    if (this.running) return Promise.reject(new PyError('ValueError', 'generator already executing'));
    return new Promise((resolve, reject) => {
      this.consumer = { resolve, reject };
      this.running = true;
      const run = rt();
      run.frames.push(this.frame);
      run.depth++;
      if (!this.started) {
        this.started = true;
        let r: MaybeP<Completion>;
        try {
          r = this.body(this.frame);
        } catch (e) {
          this.finish(e);
          return;
        }
        if (r instanceof Promise) {
          r.then(
            () => this.finish(null),
            (e) => this.finish(e),
          );
        } else this.finish(null);
      } else {
        const r = this.resumeBody!;
        this.resumeBody = null;
        r({ value });
      }
    });
  }

  /** Throw an exception into the generator at its current yield (used by close()). */
  throwIn(err: unknown): Promise<PyValue | Missing> {
    if (!this.started || this.finished) {
      this.finished = true;
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.consumer = { resolve, reject };
      this.running = true;
      rt().frames.push(this.frame);
      rt().depth++;
      const r = this.resumeBody!;
      this.resumeBody = null;
      r({ error: err });
    });
  }

  private suspend(): Waiter {
    const run = rt();
    run.frames.pop();
    run.depth--;
    this.running = false;
    const c = this.consumer!;
    this.consumer = null;
    return c;
  }

  private finish(e: unknown): void {
    this.finished = true;
    const c = this.suspend();
    if (e === null) {
      c.resolve(MISSING);
      return;
    }
    const exc = toPyException(e);
    if (exc && exc.cls.isSubtypeOf(exceptionType('StopIteration'))) {
      c.reject(new PyError('RuntimeError', 'generator raised StopIteration'));
      return;
    }
    c.reject(noteFrame(e, this.frame));
  }

  /** Called by the compiled `yield` expression inside the body. */
  yieldValue(v: PyValue): Promise<PyValue> {
    return new Promise((resolve, reject) => {
      this.resumeBody = (r) => ('error' in r ? reject(r.error) : resolve(r.value));
      this.suspend().resolve(v);
    });
  }
}

void excTypes;
void newException;
