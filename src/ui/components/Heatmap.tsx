// A tensor's values as colored cells (SVG, d3 scales): blue below zero, orange above, a neutral
// tone at zero, symmetric around zero so signs read at a glance. Shows only the report's capped
// preview, laid out by model/heatLayout.ts (a matrix's top-left block; tensors of one shape line
// up cell for cell); every cell has its index and value on hover. Used small in the tree and large
// in the inspector; a shared `domain` lets "before" and "after" be compared cell by cell.

import { useId } from 'react';
import { scaleDiverging } from 'd3-scale';
import { interpolateRgbBasis } from 'd3-interpolate';
import type { TensorSnapshot } from '../../run/report';
import { useLab } from '../../store/hooks';
import { heatLayout, multiIndex } from '../model/heatLayout';

const NEG = '#3b82f6';
const POS = '#f08a24';
const ZERO = { dark: '#2c333f', light: '#edf0f4' } as const;

export function numeric(v: number | string | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  const n = Number(v);
  return Number.isNaN(n) ? NaN : n;
}

export function absMax(ts: (TensorSnapshot | undefined)[]): number {
  let m = 0;
  for (const t of ts) {
    if (!t?.stats) continue;
    m = Math.max(m, Math.abs(t.stats.min), Math.abs(t.stats.max));
  }
  return Number.isFinite(m) && m > 0 ? m : 1;
}

/** At most ~5 characters, to fit inside a heatmap cell. */
export function cellText(v: number | string | boolean): string {
  if (typeof v !== 'number') return typeof v === 'boolean' ? (v ? 'T' : 'F') : v;
  if (Number.isInteger(v) && Math.abs(v) < 1e4) return String(v);
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-2) return v.toExponential(0);
  const t = a < 1 ? v.toFixed(2) : v.toPrecision(3);
  return t.length > 5 ? t.replace(/^(-?)0\./, '$1.') : t;
}

export function fmtValue(v: number | string | boolean): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(1) : v.toFixed(a < 1 ? 3 : 2).replace(/0+$/, '').replace(/\.$/, '.0');
}

interface Props {
  tensor: TensorSnapshot;
  /** Values to draw instead of the tensor's preview (a diff). */
  values?: (number | string | boolean)[];
  cell?: number;
  maxCols?: number;
  maxRows?: number;
  domain?: number;
  showValues?: boolean;
  label?: string;
}

export function Heatmap({ tensor, values, cell = 16, maxCols = 16, maxRows = 16, domain, showValues, label }: Props) {
  const theme = useLab((s) => s.theme);
  const vals = values ?? tensor.preview;
  const layout = heatLayout(tensor.shape, vals.length, maxCols, maxRows);
  const { rows, cols } = layout;
  const m = domain ?? absMax([tensor]);
  const color = scaleDiverging<string>(interpolateRgbBasis([NEG, ZERO[theme], POS])).domain([-m, 0, m]).clamp(true);
  const gap = cell >= 10 ? 1 : 0.5;
  const w = cols * cell;
  const h = Math.max(rows, 1) * cell;
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = layout.index(r, c);
      if (i < 0 || i >= vals.length) continue;
      const x = c * cell;
      const y = r * cell;
      const v = numeric(vals[i]);
      const fill = Number.isNaN(v) ? '#888' : color(v);
      cells.push(
        <g key={i}>
          <rect className="cell" x={x + gap / 2} y={y + gap / 2} width={cell - gap} height={cell - gap} rx={cell >= 10 ? 2 : 1} fill={fill}>
            <title>{`[${multiIndex(tensor.shape, i).join(', ')}] ${fmtValue(vals[i])}`}</title>
          </rect>
          {showValues && cell >= 26 && (
            <text x={x + cell / 2} y={y + cell / 2 + 3} textAnchor="middle" fill={Math.abs(v) > m * 0.55 ? '#fff' : 'var(--text)'}>
              {cellText(vals[i])}
            </text>
          )}
        </g>,
      );
    }
  }
  return (
    <svg className="heat" width={w} height={h} role="img" aria-label={label ?? `heatmap of ${tensor.shape.join('×') || 'scalar'} tensor`}>
      {cells}
    </svg>
  );
}

/** The color scale as a small bar, −m … 0 … +m, so a heatmap's colors read as numbers. */
export function ScaleBar({ max, width = 64 }: { max: number; width?: number }) {
  const theme = useLab((s) => s.theme);
  // useId's characters (colons, guillemets) are not valid in url(#…): keep the safe ones.
  const id = `scale${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <span className="scale-bar">
      <span className="mono">{fmtValue(-max)}</span>
      <svg width={width} height={8} aria-hidden>
        <defs>
          <linearGradient id={id}>
            <stop offset="0" stopColor={NEG} />
            <stop offset="0.5" stopColor={ZERO[theme]} />
            <stop offset="1" stopColor={POS} />
          </linearGradient>
        </defs>
        <rect width={width} height={8} rx={2} fill={`url(#${id})`} />
      </svg>
      <span className="mono">{fmtValue(max)}</span>
    </span>
  );
}
