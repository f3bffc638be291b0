// The console: what the script printed, its warnings and the traceback, in order, as CPython
// would show them. `File "main.py", line N` becomes a link that selects that line in the editor.
// A run stopped by the user or by the wall-clock guard is said plainly at the end.

import { useEffect, useRef, type ReactNode } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import type { RunReport } from '../../run/report';

const FILE_LINE = /File "([^"]+)", line (\d+)/g;

function linkify(text: string, filename: string, onLine: (n: number) => void): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(FILE_LINE)) {
    if (m[1] !== filename) continue;
    out.push(text.slice(last, m.index));
    const n = Number(m[2]);
    out.push(
      <span key={m.index}>
        File "{m[1]}",{' '}
        <button className="linklike" onClick={() => onLine(n)} data-testid={`tb-line-${n}`}>line {n}</button>
      </span>,
    );
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

export function Console() {
  const api = useLabApi();
  const report = useLab((s) => s.report);
  const run = useLab((s) => s.run);
  const origin = useLab((s) => s.reportOrigin);
  const body = useRef<HTMLDivElement>(null);
  const goLine = (n: number) => {
    const script = api.getState().script;
    const lines = script.split('\n');
    if (n < 1 || n > lines.length) return;
    const from = lines.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
    api.getState().focusEditor(from, from + lines[n - 1].length);
  };
  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [report, run]);
  return (
    <>
      <div className="pane-head">
        <h2>Console</h2>
        {origin === 'fixture' && <span className="fixture-banner">showing a saved example report (not a live run)</span>}
        <span className="spacer" />
        <span style={{ textTransform: 'none', letterSpacing: 0 }}>
          {report ? `${deviceLine(report.device)} · torch.manual_seed(0) · ${Math.round(report.durationMs)} ms` : ''}
        </span>
      </div>
      {/* focusable: a long output scrolls, and the keyboard must reach it (axe scrollable-region-focusable) */}
      <div className="console-body" ref={body} data-testid="console" aria-live="polite" tabIndex={0} role="log" aria-label="Console output">
        {!report && run.status !== 'stopped' && !run.message && <span className="sys">Output appears here when the script runs.</span>}
        {report?.console.map((c, i) => (
          <span key={i} className={c.stream === 'stderr' ? (/Warning:/.test(c.text) && !/^Traceback/.test(c.text) ? 'warn' : 'stderr') : undefined}>
            {c.stream === 'stderr' ? linkify(c.text, report.filename, goLine) : c.text}
          </span>
        ))}
        {report && report.console.length === 0 && <span className="sys">(no output)</span>}
        {run.status === 'stopped' && run.message && <div className="stopped" data-testid="run-stopped">■ {run.message}</div>}
        {run.status === 'idle' && run.message && <div className="stopped">{run.message}</div>}
        {run.status === 'running' && <div className="sys">running…</div>}
      </div>
    </>
  );
}

/** Where the run ran: "CPU", or "WebGPU · <adapter>". */
function deviceLine(d: RunReport['device']): string {
  if (d.requested !== 'webgpu') return 'CPU';
  return d.adapter ? `WebGPU · ${d.adapter}` : 'CPU (no WebGPU adapter)';
}
