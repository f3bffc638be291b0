// What the call changed: each tensor written in place (the caller's override, or module state that
// was not overridden) and each dict entry replaced by write-back, as before → after heatmaps on
// one color scale, with the difference when the shapes agree.

import type { CallRecord, Effect, RunReport, TensorSnapshot } from '../../run/report';
import { Heatmap, absMax, numeric } from './Heatmap';
import { TensorView, compactGrid, lookupTensor } from './TensorView';

const HOW: Record<Effect['how'], [string, string, string]> = {
  'in-place': ['changed in place', 'tag-inplace', 'forward wrote into the tensor you passed; you see the change afterwards.'],
  'write-back': ['replaced by write-back', 'tag-inplace', 'forward assigned a new tensor to this slot; functional_call wrote it back into your dict.'],
  'not-restored': ['not restored', 'tag-err', 'module state that was not overridden changed in place during the call.'],
};

function diffValues(a: TensorSnapshot, b: TensorSnapshot): number[] | null {
  if (a.shape.join() !== b.shape.join() || a.preview.length !== b.preview.length) return null;
  return b.preview.map((v, i) => numeric(v) - numeric(a.preview[i]));
}

export function Effects({ call, report }: { call: CallRecord; report: RunReport }) {
  return (
    <div className="section" data-testid="effects">
      <h3>Effects</h3>
      {call.effects.length === 0 ? (
        <p className="note">No in-place writes and nothing written back: your tensors are as you passed them.</p>
      ) : (
        call.effects.map((e, i) => {
          const before = lookupTensor(report, e.before);
          const after = lookupTensor(report, e.after);
          const domain = absMax([before, after]);
          const diff = before && after ? diffValues(before, after) : null;
          const [label, cls, baseHelp] = HOW[e.how];
          // PyTorch's batch_norm updates running stats without bumping `_version`: say how it was seen.
          const quiet = call.trace.inPlace.some((w) => (w.key ?? w.name) === e.key && w.detectedBy === 'values');
          const help =
            e.how === 'not-restored' && before && after && before.id !== after.id
              ? 'after the call this slot holds a different tensor than before it (restore did not put the original back).'
              : e.how === 'not-restored' && !after
                ? 'this slot is gone after the call.'
                : baseHelp;
          return (
            <div className="effect" key={i} data-testid={`effect-${e.key}`}>
              <div className="effect-head">
                <code>'{e.key}'</code> <span className={`tag ${cls}`}>{label}</span>
              </div>
              <span className="note">
                {help}
                {quiet && ' Its version counter did not move (PyTorch updates it this way without bumping _version); the values did.'}
              </span>
              <div className="beforeafter">
                {before ? <TensorView t={before} compact domain={domain} label={`${e.key} before`} /> : <span className="note">—</span>}
                <span className="arrow">→</span>
                {after ? <TensorView t={after} compact domain={domain} label={`${e.key} after`} /> : <span className="note">—</span>}
                {diff && after && diff.some((d) => d !== 0) && (
                  <span className="tensor">
                    <Heatmap tensor={after} values={diff} {...compactGrid(after)} label={`${e.key} difference`} />
                    <span className="tensor-meta">difference</span>
                  </span>
                )}
              </div>
            </div>
          );
        })
      )}
    </div>
  );
}
