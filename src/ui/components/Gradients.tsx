// The call's gradients (CallRecord.grads): for each override key that has one, the tensor this call
// received under that key and ∂/∂key side by side — same shape, same cell layout (heatLayout), each
// on its own diverging scale centered on 0 — with what part of a large tensor is drawn. When the
// same line made several calls (vmap(grad(...)) runs one per sample; a loop runs one per turn),
// a strip of every such call's gradient follows, on one shared scale, so per-sample gradients can be
// compared at a glance and any one selected.

import type { CallRecord, RunReport, TensorSnapshot } from '../../run/report';
import { useLabApi } from '../../store/hooks';
import { heatLayout, truncationText } from '../model/heatLayout';
import { Heatmap, ScaleBar, absMax } from './Heatmap';
import { lookupTensor, shapeText } from './TensorView';

/** The grid a value/gradient pair gets: a 12-column matrix at 14 px fits beside its twin in the
 * inspector's column at 1280 px (each panel ~210 px wide); a tiny tensor (≤ 16 elements, ≤ 6
 * across) gets cells big enough to print its values and still fits. */
const PAIR = { maxCols: 12, maxRows: 10, cell: 14, smallCell: 30, small: 16, smallCols: 6 };
/** The per-call strip: thumbnails small enough for a dozen calls on one line. */
const STRIP = { maxCols: 8, maxRows: 8, cell: 5 };

/** The keys with a gradient, in the call's key order. */
export function gradKeys(call: CallRecord): string[] {
  const g = call.grads ?? {};
  return [...call.keys.filter((k) => k in g), ...Object.keys(g).filter((k) => !call.keys.includes(k))];
}

/** What the call received under `key`: the tensor swapped in (else nothing to show). */
function received(call: CallRecord, report: RunReport, key: string): TensorSnapshot | undefined {
  const sw = call.trace.swaps.find((s) => s.phase === 'swap' && s.key === key && s.after.kind === 'tensor');
  return sw && sw.after.kind === 'tensor' ? lookupTensor(report, `${sw.after.id}@${sw.after.version}`) : undefined;
}

/** Calls made by the same expression as `call` (same source span), in run order. */
export function sameSiteCalls(report: RunReport, call: CallRecord): CallRecord[] {
  if (!call.span) return [call];
  return report.calls.filter((c) => c.span !== null && c.span.from === call.span!.from && c.span.to === call.span!.to);
}

function Panel({ t, title, caption, testid }: { t: TensorSnapshot; title: string; caption: string; testid: string }) {
  const layout = heatLayout(t.shape, t.preview.length, PAIR.maxCols, PAIR.maxRows);
  const small = layout.total <= PAIR.small && layout.cols <= PAIR.smallCols;
  const cut = truncationText(layout);
  const m = absMax([t]);
  return (
    <figure className="grad-panel" data-testid={testid}>
      <figcaption className="grad-title">{title}</figcaption>
      <Heatmap tensor={t} cell={small ? PAIR.smallCell : PAIR.cell} maxCols={PAIR.maxCols} maxRows={PAIR.maxRows} showValues={small} domain={m} label={`${title} heatmap`} />
      <ScaleBar max={m} />
      <span className="tensor-meta">{caption}</span>
      {cut && <span className="tensor-meta trunc" data-testid={`${testid}-truncated`}>{cut}</span>}
    </figure>
  );
}

function SiteStrip({ calls, current, report, k }: { calls: CallRecord[]; current: CallRecord; report: RunReport; k: string }) {
  const api = useLabApi();
  const items = calls.map((c) => [c, lookupTensor(report, c.grads?.[k])] as const).filter(([, g]) => g !== undefined);
  if (items.length < 2) return null;
  const m = absMax(items.map(([, g]) => g));
  return (
    <div className="grad-strip" data-testid={`grad-strip-${k}`}>
      <span className="note">
        ∂/∂{k} of every call this line made{items.length < calls.length ? ` that has one (${items.length} of ${calls.length})` : ` (${items.length})`}, on one scale:
      </span>
      <div className="strip-items">
        {items.map(([c, g], i) => (
          <button key={c.index} className="strip-item" aria-pressed={c.index === current.index}
            title={`call ${c.index + 1}: ${shapeText(g!)}, |∂| ≤ ${absMax([g]).toPrecision(3)}`}
            aria-label={`select call ${c.index + 1} (${i + 1} of ${items.length} on this line)`}
            onClick={() => api.getState().selectCall(c.index)}>
            <Heatmap tensor={g!} cell={STRIP.cell} maxCols={STRIP.maxCols} maxRows={STRIP.maxRows} domain={m} label={`gradient of call ${c.index + 1}`} />
            <span className="strip-n">{i + 1}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

export function Gradients({ call, report }: { call: CallRecord; report: RunReport }) {
  const keys = gradKeys(call);
  if (keys.length === 0) return null;
  const site = sameSiteCalls(report, call);
  return (
    <div className="section" data-testid="gradients">
      <h3>Gradients</h3>
      <p className="note">
        Beside each override, <b>∂/∂key</b>: the gradient a torch.func transform (<code>grad</code>, <code>vjp</code>, …) computed for
        the tensor this call received, or that tensor's <code>.grad</code> when the script ended. Each map has its own scale, centered on 0.
      </p>
      {keys.map((k) => {
        const g = lookupTensor(report, call.grads![k]);
        if (!g) return null;
        const v = received(call, report, k);
        return (
          <div className="grad-row" key={k} data-testid={`grad-${k}`}>
            <div className="effect-head"><code>'{k}'</code> <span className="tensor-meta">{shapeText(g)} · {g.dtype}</span></div>
            <div className="grad-pair">
              {v ? <Panel t={v} title="value" caption={`#${v.id} v${v.version}`} testid={`grad-value-${k}`} /> : <span className="note">value not captured</span>}
              <Panel t={g} title={`∂/∂${k}`} caption={g.stats ? `mean ${g.stats.mean.toPrecision(3)}` : ''} testid={`grad-map-${k}`} />
            </div>
            <SiteStrip calls={site} current={call} report={report} k={k} />
          </div>
        );
      })}
    </div>
  );
}
