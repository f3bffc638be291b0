// The state of the run in progress: where print() writes, the Python call stack (for tracebacks,
// warnings' stacklevel and the recursion limit), the exception being handled (bare `raise`,
// __context__), imported modules, and the step/time budget. One run at a time per JS realm (a
// Web Worker or the CLI process); run/ creates a fresh Runtime for every script.

import { PyError } from '../../errors';
import type { PyValue } from '../object';
import { FATAL, type PyBaseException, PyException, exceptionType, newException } from '../builtins/exceptions';

export interface Limits {
  /** Maximum evaluation steps (statements + loop iterations + calls); Infinity for none. */
  maxSteps: number;
  /** Wall-clock limit in milliseconds; Infinity for none. */
  maxMillis: number;
  /** Maximum Python call depth (CPython's default recursion limit is 1000). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 50_000_000, maxMillis: 30_000, maxDepth: 1000 };

/** A Python frame as tracebacks and warnings see it. */
export interface FrameInfo {
  filename: string;
  name: string;
  line: number;
  /** Span of the expression being evaluated (for carets); set lazily on errors. */
}

export interface WarningRecord {
  category: string;
  message: string;
  filename: string;
  lineno: number;
}

/** How often (in steps) the clock is read: cheap enough to be invisible, fine enough to stop a
 * runaway loop within a few milliseconds of the limit. */
const CLOCK_EVERY = 4096;

export class Runtime {
  steps = 0;
  private nextClock = CLOCK_EVERY;
  readonly startedAt = Date.now();
  /** Python call depth; the module frame counts as one, as in `python3 main.py`. */
  depth = 1;
  readonly frames: FrameInfo[] = [];
  /** Exceptions currently being handled (innermost last): `raise` with no argument re-raises the
   * last, and a new exception raised meanwhile gets it as __context__. */
  readonly handling: PyBaseException[] = [];
  readonly modules = new Map<string, PyValue>();
  readonly warnings: WarningRecord[] = [];
  /** The warnings module's per-run state (filters, once-registry); owned by builtins/warnings. */
  warningsState: unknown = null;
  /** Sources by filename, for traceback lines. */
  readonly sources = new Map<string, string[]>();
  constructor(
    readonly write: (text: string) => void,
    readonly writeErr: (text: string) => void,
    readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  /** Check the wall-clock limit now (long native loops call it between steps). */
  poll(): void {
    const ms = Date.now() - this.startedAt;
    if (ms > this.limits.maxMillis) throw fatal(`time limit of ${fmtSeconds(this.limits.maxMillis)} exceeded`);
  }

  /** Count one step; every CLOCK_EVERY steps check the budgets. Fatal errors end the run. */
  tick(): void {
    if (++this.steps < this.nextClock) return;
    this.nextClock = this.steps + CLOCK_EVERY;
    if (this.steps > this.limits.maxSteps) throw fatal(`step limit of ${this.limits.maxSteps} steps exceeded`);
    const ms = Date.now() - this.startedAt;
    if (ms > this.limits.maxMillis) throw fatal(`time limit of ${fmtSeconds(this.limits.maxMillis)} exceeded`);
  }
}

function fmtSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** A TimeoutError that `except` clauses cannot swallow. */
function fatal(msg: string): PyError {
  const e = new PyException(newException(exceptionType('TimeoutError'), [msg]));
  (e as unknown as Record<symbol, boolean>)[FATAL] = true;
  return e;
}

let current: Runtime | null = null;

/** The run in progress (a default one writing to console when used outside run/). */
export function rt(): Runtime {
  if (current === null) current = new Runtime((t) => console.log(t.replace(/\n$/, '')), (t) => console.error(t.replace(/\n$/, '')));
  return current;
}

export function setRuntime(r: Runtime | null): void {
  current = r;
}
