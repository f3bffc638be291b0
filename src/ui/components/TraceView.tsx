// Stepping through one functional_call as PyTorch performs it: read the dict, expand ties, check
// strict, swap each tensor in, run forward (with its in-place writes), restore each slot, write
// back into the caller's dict. The current step lights up its keys in the tree and the table;
// ← / → (or the buttons) move between steps.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import type { CallRecord } from '../../run/report';
import { traceSteps } from '../model/traceSteps';

const PHASE_LABEL: Record<string, string> = {
  keys: 'input', tie: 'tie_weights', strict: 'strict', swap: 'swap in', forward: 'forward', restore: 'restore', 'write-back': 'write-back',
};

export function TraceView({ call }: { call: CallRecord }) {
  const api = useLabApi();
  const step = useLab((s) => s.traceStep);
  const steps = traceSteps(call.trace);
  const cur = Math.min(step, steps.length - 1);
  const list = useRef<HTMLOListElement>(null);
  const go = (i: number) => {
    const n = Math.max(0, Math.min(steps.length - 1, i));
    api.getState().setTraceStep(n);
    // Swaps and forward happen on the module as it was at entry; restore/write-back after.
    const phase = steps[n].phase;
    api.getState().setSnapshotWhen(phase === 'restore' || phase === 'write-back' ? 'exit' : 'entry');
  };
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
  }, [cur]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') go(cur + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') go(cur - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(steps.length - 1);
    else return;
    e.preventDefault();
  };
  return (
    <div onKeyDown={onKey} data-testid="trace">
      <div className="trace-nav">
        <button className="btn btn-small" onClick={() => go(cur - 1)} disabled={cur === 0} data-testid="trace-prev" aria-label="Previous step">← Prev</button>
        <button className="btn btn-small" onClick={() => go(cur + 1)} disabled={cur === steps.length - 1} data-testid="trace-next" aria-label="Next step">Next →</button>
        <span className="note" data-testid="trace-pos">Step {cur + 1} of {steps.length}</span>
        <span className="spacer" style={{ flex: 1 }} />
        <span className="note">←/→ to step</span>
      </div>
      <ol className="trace-steps" ref={list} tabIndex={0} aria-label="Steps of functional_call">
        {steps.map((s, i) => (
          <li key={i} className={`trace-step ${s.status}`} aria-current={i === cur ? 'step' : undefined} onClick={() => go(i)} data-testid={`trace-step-${i}`}>
            <span className="n">{s.status === 'failed' ? '!' : s.status === 'done' ? i + 1 : '–'}</span>
            <span>
              <span className="t">{s.title}</span>
              <span className="phase">{PHASE_LABEL[s.phase]}{s.status === 'skipped' ? ' · skipped' : s.status === 'not-reached' ? ' · not reached' : ''}</span>
              {i === cur && <div className="d" data-testid="trace-detail">{s.detail}</div>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
