// One tensor from the report: its identity (object id and version, storage for aliasing), shape,
// dtype, device, grad flags, stats, a heatmap of the preview and torch's own repr. `compact` is
// the one-line form used in tables and the effects list.

import type { RunReport, TensorRef, TensorSnapshot } from '../../run/report';
import { Heatmap, fmtValue } from './Heatmap';
import { heatLayout, truncationText } from '../model/heatLayout';

/** A tensor by ref; a ref whose exact version was not captured falls back to the nearest one. */
export function lookupTensor(report: RunReport, ref: TensorRef | null | undefined): TensorSnapshot | undefined {
  if (!ref) return undefined;
  const hit = report.tensors[ref];
  if (hit) return hit;
  const [id, v] = ref.split('@').map(Number);
  let best: TensorSnapshot | undefined;
  for (const t of Object.values(report.tensors)) {
    if (t.id !== id) continue;
    if (!best || Math.abs(t.version - v) < Math.abs(best.version - v)) best = t;
  }
  return best;
}

export function shapeText(t: TensorSnapshot): string {
  return t.shape.length ? `[${t.shape.join(', ')}]` : 'scalar';
}

export function TensorMeta({ t, short }: { t: TensorSnapshot; short?: boolean }) {
  if (short) {
    return (
      <span className="tensor-meta short" title={`${t.dtype}, object #${t.id}, version ${t.version}, storage #${t.storage}`}>
        {shapeText(t)} · #{t.id} v{t.version}
      </span>
    );
  }
  return (
    <span className="tensor-meta">
      {shapeText(t)} · {t.dtype}
      {t.device !== 'cpu' ? ` · ${t.device}` : ''}
      {t.isParameter ? ' · Parameter' : ''}
      {t.requiresGrad ? ' · requires_grad' : ''}
      {t.gradFn ? ` · ${t.gradFn}` : ''}
      <span title={`object #${t.id}, version ${t.version}, storage #${t.storage}`}> · #{t.id} v{t.version}</span>
    </span>
  );
}

interface Props {
  t: TensorSnapshot;
  compact?: boolean;
  domain?: number;
  label?: string;
}

/** The heatmap grid of the compact form (tables, effects): a before, its after and their
 * difference use it, so the three line up cell for cell. */
export function compactGrid(t: TensorSnapshot): { cell: number; maxCols: number; maxRows: number; showValues: boolean } {
  const small = t.shape.reduce((a, b) => a * b, 1) <= 24;
  return small ? { cell: 30, maxCols: 6, maxRows: 4, showValues: true } : { cell: 12, maxCols: 12, maxRows: 6, showValues: false };
}

export function TensorView({ t, compact, domain, label }: Props) {
  const n = t.shape.reduce((a, b) => a * b, 1);
  const small = n <= 24;
  if (compact) {
    const grid = compactGrid(t);
    const cut = truncationText(heatLayout(t.shape, t.preview.length, grid.maxCols, grid.maxRows));
    return (
      <span className="tensor" data-testid="tensor">
        <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Heatmap tensor={t} {...grid} domain={domain} label={label} />
        </span>
        <TensorMeta t={t} short />
        {cut && <span className="tensor-meta trunc">{cut}</span>}
      </span>
    );
  }
  const cut = truncationText(heatLayout(t.shape, t.preview.length, small ? 8 : 16, 16));
  return (
    <div className="tensor" data-testid="tensor">
      <TensorMeta t={t} />
      {t.stats && (
        <span className="tensor-meta">
          min {fmtValue(t.stats.min)} · max {fmtValue(t.stats.max)} · mean {fmtValue(t.stats.mean)}
          {cut ? ` · ${cut}` : ''}
        </span>
      )}
      <Heatmap tensor={t} cell={small ? 34 : 14} maxCols={small ? 8 : 16} showValues={small} domain={domain} label={label} />
      {/* focusable: a long repr scrolls (max-height), and the keyboard must reach it */}
      <pre className="tensor-text" tabIndex={0} aria-label={`torch repr of ${label ?? 'the tensor'}`}>{t.text}</pre>
    </div>
  );
}
