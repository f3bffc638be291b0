// One run that ends in a RunReport: the interpreter's runScript (run.ts) with a ReportCollector
// installed as the functional_call observer, its output captured in order (stdout, warnings and
// the traceback interleaved as a console shows them), then the report assembled. The page's worker
// calls this; the CLI's --report does too. The bindings must be installed first (prepare.ts);
// functional_call reports to the collector through the bindings' setFunctionalCallObserver.

import { parse } from '../python/parse';
import { runScript, type RunResult as InterpResult } from './run';
import { ReportCollector, type FunctionalCallObserver } from './buildReport';
import { setFunctionalCallObserver } from '../python/bindings/nn';
import { setTransformGradObserver } from '../tensor/autograd/func';
import type { ConsoleChunk, ErrorRecord, RunReport, Span } from './report';

export interface ReportRunOptions {
  filename?: string;
  device?: 'cpu' | 'webgpu';
  /** The interpreter's wall-clock limit: a runaway script ends with TimeoutError naming it. */
  maxMillis?: number;
  /** Installs (or clears, with null) the observer the functional_call bindings report to.
   * Defaults to the torch.func bindings' setFunctionalCallObserver. */
  setObserver?: (o: FunctionalCallObserver | null) => void;
  /** The WebGPU adapter that ran it, for the device indicator. */
  adapter?: string | null;
  now?: () => number;
}

/** Character offsets of a 1-based line / 0-based column in `source`. */
function offsetOf(source: string, line: number, col: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', off);
    if (nl < 0) return source.length;
    off = nl + 1;
  }
  return Math.min(source.length, off + col);
}

/** The columns CPython's caret line marks under the innermost frame of `filename` (`~~~^^^`),
 * relative to the line's text without its indentation; null when there is no caret line. */
function caretColumns(formatted: string, filename: string, line: number): [number, number] | null {
  const lines = formatted.split('\n');
  let at = -1;
  const head = `File "${filename}", line ${line},`;
  for (let i = 0; i < lines.length; i++) if (lines[i].trimStart().startsWith(head)) at = i;
  if (at < 0 || at + 2 >= lines.length) return null;
  const carets = lines[at + 2];
  if (!/^ {4}\s*[~^]+[~^ ]*$/.test(carets)) return null;
  const body = carets.slice(4);
  const first = body.search(/[~^]/);
  const last = Math.max(body.lastIndexOf('^'), body.lastIndexOf('~'));
  return [first, last + 1];
}

/** Where the editor underlines the error: the syntax error's position, else the innermost line of
 * the script in the traceback — the part CPython's carets mark, or the whole line without its
 * indentation when there are none. */
export function errorSpan(source: string, filename: string, err: NonNullable<InterpResult['error']>): Span | null {
  if (err.syntax) {
    const col = Math.max(0, err.syntax.col - 1);
    const from = offsetOf(source, err.syntax.line, col);
    return { from, to: Math.min(source.length, from + 1), line: err.syntax.line, col, endLine: err.syntax.line, endCol: col + 1 };
  }
  const frame = [...err.traceback].reverse().find((f) => f.filename === filename);
  if (!frame) return null;
  const lines = source.split('\n');
  const text = lines[frame.line - 1];
  if (text === undefined) return null;
  const indent = text.length - text.trimStart().length;
  const end = text.replace(/\s+$/, '').length;
  const carets = caretColumns(err.formatted, filename, frame.line);
  const [c0, c1] = carets && indent + carets[1] <= end ? [indent + carets[0], indent + carets[1]] : [indent, Math.max(indent + 1, end)];
  const from = offsetOf(source, frame.line, c0);
  return { from, to: from + (c1 - c0), line: frame.line, col: c0, endLine: frame.line, endCol: c1 };
}

export async function runForReport(source: string, opts: ReportRunOptions = {}): Promise<RunReport> {
  const filename = opts.filename ?? 'main.py';
  const now = opts.now ?? (() => performance.now());
  let ast = null;
  try {
    ast = parse(source, filename);
  } catch {
    // runScript reports the syntax error itself
  }
  const collector = new ReportCollector({ source, filename, ast });
  const console: ConsoleChunk[] = [];
  const push = (stream: ConsoleChunk['stream'], text: string): void => {
    const last = console[console.length - 1];
    if (last && last.stream === stream) last.text += text;
    else console.push({ stream, text });
  };
  const setObserver = opts.setObserver ?? setFunctionalCallObserver;
  const t0 = now();
  setObserver?.(collector);
  // torch.func transforms tell the collector which gradients they computed (CallRecord.grads)
  const prevGradObserver = setTransformGradObserver((pairs) => collector.onTransformGrads(pairs));
  let result: InterpResult;
  try {
    result = await runScript(source, {
      filename,
      onStdout: (t) => push('stdout', t),
      onStderr: (t) => push('stderr', t),
      limits: opts.maxMillis !== undefined ? { maxMillis: opts.maxMillis } : undefined,
      warnings: 'cli',
    });
  } finally {
    setObserver?.(null);
    setTransformGradObserver(prevGradObserver);
  }
  const durationMs = now() - t0;
  const e = result.error;
  const error: ErrorRecord | null = e
    ? { type: e.type, message: e.message, traceback: e.traceback, text: e.formatted, span: errorSpan(source, filename, e) }
    : null;
  return collector.build({
    stdout: result.stdout,
    console,
    warnings: result.warnings.map((w) => ({ category: w.category, message: w.message, line: w.filename === filename ? w.lineno : null })),
    error,
    globals: result.globals,
    device: { requested: opts.device ?? 'cpu', adapter: opts.adapter ?? null },
    durationMs,
  });
}
