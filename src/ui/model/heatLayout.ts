// Where each value of a tensor's preview goes in a heatmap (components/Heatmap.tsx draws it). The
// report keeps only the first values in row-major order (run/snapshot.ts caps them), and a pane
// has room for a limited grid, so this decides the cells: a matrix (or any tensor with ≥ 2 dims,
// leading dims stacked as rows) shows its top-left block — row r of the picture is row r of the
// tensor, never a wrapped piece of a longer row — and a vector wraps across lines. Two tensors of
// one shape always get the same layout, so a value and its gradient (or a before and its after)
// line up cell for cell. Pure: no DOM, no React.

export interface HeatLayout {
  rows: number;
  cols: number;
  /** Index into the preview (row-major) of the cell at (r, c), or -1 when the cell is empty. */
  index(r: number, c: number): number;
  /** Cells drawn with a value. */
  shown: number;
  /** Elements of the tensor. */
  total: number;
  /** For a matrix cut by the pane or the preview: how much of each side is drawn. */
  block: { rows: number; cols: number; ofRows: number; ofCols: number } | null;
}

export const numelOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function heatLayout(shape: readonly number[], previewLen: number, maxCols: number, maxRows: number): HeatLayout {
  const total = numelOf(shape);
  const n = Math.min(previewLen, total);
  if (n === 0) return { rows: 0, cols: 0, index: () => -1, shown: 0, total, block: null };
  if (shape.length >= 2) {
    const C = shape[shape.length - 1];
    const R = total / C;
    // Rows the preview holds completely (all of them when nothing was cut).
    const whole = n >= total ? R : Math.floor(n / C);
    if (whole > 0) {
      const rows = Math.min(whole, maxRows, R);
      const cols = Math.min(C, maxCols);
      return { rows, cols, index: (r, c) => r * C + c, shown: rows * cols, total, block: { rows, cols, ofRows: R, ofCols: C } };
    }
    // A row longer than the preview: its first values on one line.
    const cols = Math.min(n, maxCols);
    return { rows: 1, cols, index: (_r, c) => c, shown: cols, total, block: { rows: 1, cols, ofRows: R, ofCols: C } };
  }
  // A vector (or a scalar) wraps.
  const cols = Math.max(1, Math.min(n, maxCols));
  const rows = Math.min(Math.ceil(n / cols), maxRows);
  const shown = Math.min(n, rows * cols);
  return { rows, cols, index: (r, c) => (r * cols + c < shown ? r * cols + c : -1), shown, total, block: null };
}

/** The element's index in the tensor (`[1, 2]`, `[7]`, `[]` for a scalar), from its flat index. */
export function multiIndex(shape: readonly number[], flat: number): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return out;
}

/** What a caption says when not every element is drawn ('' when all are). */
export function truncationText(l: HeatLayout): string {
  if (l.shown >= l.total) return '';
  if (l.block && (l.block.rows < l.block.ofRows || l.block.cols < l.block.ofCols)) {
    return `top-left ${l.block.rows}×${l.block.cols} of ${l.block.ofRows}×${l.block.ofCols} shown`;
  }
  return `first ${l.shown} of ${l.total} values shown`;
}
