// Running one script: parse, then evaluate in a fresh interpreter state (globals, warning filters,
// module cache, step/time budget), capture stdout and warnings, and describe an uncaught exception
// (type, message, traceback frames and CPython's formatted text). Both the CLI and the page's
// worker go through runScript; the conformance dump (dump.ts) adds the vars encoding on top.
// Bindings hook in through `beforeRun` (e.g. torch.manual_seed(0) at the start of every run).

import { PyError } from '../errors';
import type { PyValue } from '../python/object';
import { parse } from '../python/parse';
import {
  DEFAULT_LIMITS, type Limits, Runtime, type WarningRecord, compileModule,
  formatException, setRuntime, uncaught,
} from '../python/interp';
import { resetWarnings } from '../python/builtins/warnings';
import { str } from '../python/builtins/repr';

export interface RunOptions {
  filename?: string;
  /** Called with each chunk the script prints (stdout is also returned whole). */
  onStdout?: (text: string) => void;
  /** Called with warning text and other stderr output (CLI mode only prints warnings here). */
  onStderr?: (text: string) => void;
  limits?: Partial<Limits>;
  /** 'dump': every warning recorded (the harness's "always" filter); 'cli': CPython's default
   * filters, shown warnings also printed to stderr. */
  warnings?: 'dump' | 'cli';
}

export interface TracebackFrame {
  filename: string;
  line: number;
  name: string;
}

export interface RunError {
  type: string;
  message: string;
  traceback: TracebackFrame[];
  /** The whole report as CPython prints it to stderr. */
  formatted: string;
  /** For a SyntaxError: where the parser stopped. */
  syntax?: { line: number; col: number };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  warnings: WarningRecord[];
  error: RunError | null;
  /** The module globals at the end (or where the script stopped). */
  globals: Map<string, PyValue>;
  /** Evaluation steps used (loop iterations + calls). */
  steps: number;
}

/** Hooks run at the start of every run (after the fresh state exists, before the script). */
export const beforeRun: (() => void | Promise<void>)[] = [];

export async function runScript(source: string, opts: RunOptions = {}): Promise<RunResult> {
  const filename = opts.filename ?? 'main.py';
  let stdout = '';
  let stderr = '';
  const run = new Runtime(
    (t) => {
      stdout += t;
      opts.onStdout?.(t);
    },
    (t) => {
      stderr += t;
      opts.onStderr?.(t);
    },
    { ...DEFAULT_LIMITS, ...opts.limits },
  );
  const lines = source.split(/\r?\n/);
  run.sources.set(filename, lines);
  const globals = new Map<string, PyValue>([
    ['__name__', '__main__'],
    ['__file__', filename],
    ['__doc__', null],
  ]);
  setRuntime(run);
  resetWarnings(opts.warnings ?? 'cli');
  let error: RunError | null = null;
  try {
    for (const h of beforeRun) await h();
    let compiled;
    try {
      compiled = compileModule(parse(source, filename));
    } catch (e) {
      error = syntaxError(e, filename, lines);
    }
    if (compiled) await compiled.run(globals);
  } catch (e) {
    error = await describe(e, run);
  } finally {
    setRuntime(null);
  }
  if (error && opts.warnings !== 'dump') {
    stderr += error.formatted;
    opts.onStderr?.(error.formatted);
  }
  return { stdout, stderr, warnings: run.warnings, error, globals, steps: run.steps };
}

async function describe(e: unknown, run: Runtime): Promise<RunError> {
  const exc = uncaught(e);
  if (!exc) {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      type: 'InternalError',
      message: msg,
      traceback: [],
      formatted: `InternalError: ${msg}\n${e instanceof Error && e.stack ? e.stack + '\n' : ''}`,
    };
  }
  setRuntime(run);
  try {
    // the dump's message is str(e), as the oracle records it — not the traceback's last line,
    // which names the class with its module and may add CPython's "Did you mean" hint
    let message: string;
    try {
      message = await str(exc);
    } catch {
      message = '<exception str() failed>';
    }
    return {
      type: exc.cls.name,
      message,
      traceback: [...exc.tb].reverse().map((t) => ({ filename: t.filename, line: t.line, name: t.name })),
      formatted: await formatException(exc, run.sources),
    };
  } finally {
    setRuntime(null);
  }
}

function syntaxError(e: unknown, filename: string, lines: string[]): RunError {
  if (!(e instanceof PyError)) throw e;
  const se = e as PyError & { lineno?: number; offset?: number; endOffset?: number; msg?: string; text?: string | null };
  const line = se.lineno ?? 1;
  const col = se.offset ?? 1;
  const text = lines[line - 1] ?? '';
  let formatted = `  File "${filename}", line ${line}\n`;
  if (text.trim()) {
    const indent = text.length - text.trimStart().length;
    formatted += `    ${text.trim()}\n`;
    const end = se.endOffset && se.endOffset > col ? se.endOffset : col + 1;
    formatted += '    ' + ' '.repeat(Math.max(0, col - 1 - indent)) + '^'.repeat(Math.max(1, end - col)) + '\n';
  }
  formatted += `${e.pyType}: ${se.msg ?? e.message}\n`;
  return { type: e.pyType, message: e.message, traceback: [], formatted, syntax: { line, col } };
}
