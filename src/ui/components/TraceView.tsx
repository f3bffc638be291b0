// Stepping through one functional_call as PyTorch performs it: read the dict, expand ties, check
// strict, swap each tensor in, run forward (with its in-place writes), restore each slot, write
// back into the caller's dict. The current step lights up its keys in the tree and the table;
// ← / → (or the buttons) move between steps.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import type { CallRecord, RunReport } from '../../run/report';
import type { ValueRef } from '../../nn/trace';
import { TensorView, lookupTensor } from './TensorView';
import { absMax } from './Heatmap';
import type { TraceStep } from '../model/traceSteps';
import { traceSteps } from '../model/traceSteps';

const PHASE_LABEL: Record<string, string> = {
  keys: 'input', tie: 'tie_weights', strict: 'strict', swap: 'swap in', forward: 'forward', restore: 'restore', 'write-back': 'write-back',
};

export function TraceView({ call }: { call: CallRecord }) {
  const api = useLabApi();
  const step = useLab((s) => s.traceStep);
  const report = useLab((s) => s.report);
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
              {i === cur && report && <StepTensors step={s} call={call} report={report} />}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

const refOf = (v: ValueRef): string | null => (v.kind === 'tensor' ? `${v.id}@${v.version}` : null);

/** The tensors a step moves, before → after, on one color scale. */
function StepTensors({ step, call, report }: { step: TraceStep; call: CallRecord; report: RunReport }) {
  let pairs: [string, string | null, string | null][] = [];
  if (step.swap) pairs = [[step.phase === 'swap' ? 'module had → now holds' : 'held → gets back', refOf(step.swap.before), refOf(step.swap.after)]];
  else if (step.phase === 'forward') {
    // The effect's refs, not (id, version): a change the version counter did not record (PyTorch's
    // batch_norm running stats) has one version but two snapshots.
    pairs = call.trace.inPlace.map((w) => {
      const k = w.key ?? w.name ?? '?';
      const e = call.effects.find((x) => x.key === k && x.how !== 'write-back');
      const how = w.detectedBy === 'values' ? ' (values changed, version counter did not)' : '';
      return [`'${k}' written in place${how}`, e?.before ?? `${w.tensorId}@${w.versionBefore}`, e?.after ?? `${w.tensorId}@${w.versionAfter}`];
    });
  }
  else if (step.phase === 'write-back') pairs = call.trace.writeBack.filter((w) => w.changed).map((w) => [`your dict['${w.key}']`, refOf(w.before), refOf(w.after)]);
  if (pairs.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}>
      {pairs.map(([label, b, a], k) => {
        const tb = lookupTensor(report, b);
        const ta = lookupTensor(report, a);
        const domain = absMax([tb, ta]);
        return (
          <div key={k}>
            <div className="note" style={{ marginBottom: 4 }}>{label}</div>
            <div className="beforeafter">
              {tb ? <TensorView t={tb} compact domain={domain} /> : <span className="note">nothing</span>}
              <span className="arrow">→</span>
              {ta ? <TensorView t={ta} compact domain={domain} /> : <span className="note">nothing</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
