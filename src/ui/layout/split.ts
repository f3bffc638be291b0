// The arithmetic of the page's resizable layout (ui/layout): three columns — editor, module tree,
// call inspector — whose widths are fractions of the row they share, and the console's height in
// pixels below them. Pure functions of numbers, so the splitters (Splitter.tsx), the grid
// (Workspace.tsx) and the tests all agree on one model:
//
//   - a column splitter is a *boundary*: its position is the fraction of the row left of it
//     (editor | tree at 0.35, tree | inspector at 0.64 by default). Moving one boundary changes
//     only the two panes beside it; no pane ever goes below its minimum width.
//   - the console splitter's value is the console's height; the panes above keep a minimum too.
//
// Fractions, not pixels, for the columns: a wider window gives every pane its share. Pixels for the
// console: it is a log, and a taller window should give the room to the panes, not to it.

/** The three columns, left to right. */
export const COLUMNS = ['editor', 'tree', 'inspector'] as const;

/** Column widths as fractions of the row (they sum to 1). */
export type Cols = readonly [number, number, number];

export interface Layout {
  cols: Cols;
  /** The console's height in CSS pixels. */
  consolePx: number;
}

/** The page as designed for 1280×800: the inspector gets the most room (tables, heatmaps), the
 * editor next (code lines of ~55 characters), the tree the least (rows are short). */
export const DEFAULT_LAYOUT: Layout = { cols: [0.38, 0.27, 0.35], consolePx: 190 };

/** Narrowest each column may get, in CSS pixels: the editor still shows ~28 characters of code;
 * the tree its header (binding and the at call / after call / at end switch) and a leaf's name
 * with its shape; the inspector the override table with key, value and status (styles.css drops
 * the shape column below 440 px). Together 800 px: a 900 px window still fits all three. */
export const MIN_COL_PX: Cols = [240, 240, 320];
/** The console keeps its header and two lines; the panes keep their headers and a few rows. */
export const MIN_CONSOLE_PX = 80;
export const MIN_PANES_PX = 200;

/** Keyboard steps: a column splitter moves by a share of the row, the console by pixels. */
export const COL_STEP = 0.02;
export const COL_STEP_BIG = 0.1;
export const CONSOLE_STEP = 16;
export const CONSOLE_STEP_BIG = 80;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Minimum widths as fractions of a row `totalPx` wide. When the row cannot hold every minimum,
 * the minimums shrink in proportion (so they still sum to at most 1 and nothing divides by zero). */
export function minFracs(totalPx: number, minPx: Cols = MIN_COL_PX): Cols {
  if (!(totalPx > 0)) return [0, 0, 0];
  const need = sum(minPx);
  const scale = need > totalPx ? totalPx / need : 1;
  return minPx.map((m) => (m * scale) / totalPx) as unknown as Cols;
}

/** Boundary positions of a column layout: [editor | tree, tree | inspector]. */
export function boundaries(cols: Cols): [number, number] {
  return [cols[0], cols[0] + cols[1]];
}

/** Where boundary `i` may go in a row `totalPx` wide, the other boundary staying put. */
export function boundaryRange(cols: Cols, i: 0 | 1, totalPx: number, minPx: Cols = MIN_COL_PX): { min: number; max: number } {
  const m = minFracs(totalPx, minPx);
  const [b0, b1] = boundaries(cols);
  return i === 0 ? { min: m[0], max: Math.max(m[0], b1 - m[1]) } : { min: Math.min(b0 + m[1], 1 - m[2]), max: 1 - m[2] };
}

/**
 * Every column at least its minimum, in a row `totalPx` wide: a column below its minimum is raised
 * to it, and the room comes from the others in proportion to what they have above their own
 * minimums. Garbage (NaN, negative, not summing to 1) is normalized first; a layout that already
 * fits comes back unchanged.
 */
export function clampCols(cols: Cols, totalPx: number, minPx: Cols = MIN_COL_PX): Cols {
  let c = cols.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const s = sum(c);
  c = s > 0 ? c.map((x) => x / s) : [...DEFAULT_LAYOUT.cols];
  const m = minFracs(totalPx, minPx);
  const short = c.map((x, i) => Math.max(0, m[i] - x));
  const deficit = sum(short);
  if (deficit <= 1e-12) return c as unknown as Cols;
  const spare = c.map((x, i) => Math.max(0, x - m[i]));
  const spareSum = sum(spare);
  return c.map((x, i) => (short[i] > 0 ? m[i] : x - (spareSum > 0 ? (deficit * spare[i]) / spareSum : 0))) as unknown as Cols;
}

/** Boundary `i` moved to `pos` (a fraction of the row), clamped to its range; only the two
 * columns beside it change. */
export function moveBoundaryTo(cols: Cols, i: 0 | 1, pos: number, totalPx: number, minPx: Cols = MIN_COL_PX): Cols {
  const c = clampCols(cols, totalPx, minPx);
  const { min, max } = boundaryRange(c, i, totalPx, minPx);
  const p = Math.min(max, Math.max(min, Number.isFinite(pos) ? pos : boundaries(c)[i]));
  const [b0, b1] = boundaries(c);
  return i === 0 ? [p, b1 - p, c[2]] : [c[0], p - b0, 1 - p];
}

/** Boundary `i` moved by `deltaPx` pixels (a drag), in a row `totalPx` wide. */
export function moveBoundaryBy(cols: Cols, i: 0 | 1, deltaPx: number, totalPx: number, minPx: Cols = MIN_COL_PX): Cols {
  const start = boundaries(clampCols(cols, totalPx, minPx))[i];
  return moveBoundaryTo(cols, i, start + (totalPx > 0 ? deltaPx / totalPx : 0), totalPx, minPx);
}

/** The console's height range when the workspace (panes + console) is `heightPx` tall. */
export function consoleRange(heightPx: number): { min: number; max: number } {
  return { min: MIN_CONSOLE_PX, max: Math.max(MIN_CONSOLE_PX, heightPx - MIN_PANES_PX) };
}

/** A console height within its range (whole pixels). */
export function clampConsole(px: number, heightPx: number): number {
  const { min, max } = consoleRange(heightPx);
  const v = Number.isFinite(px) ? px : DEFAULT_LAYOUT.consolePx;
  return Math.round(Math.min(max, Math.max(min, v)));
}

/** What a key does to a splitter's value: a step (signed, in the splitter's unit), a jump to one
 * end, or nothing. Arrows move along the splitter's axis only: Left/Right for a column splitter
 * (a vertical bar), Up/Down for the console's (Up grows the console — the bar moves up). */
export type KeyMove = { step: number } | { to: 'min' | 'max' } | null;

export function keyMove(key: string, shift: boolean, orientation: 'vertical' | 'horizontal'): KeyMove {
  if (key === 'Home') return { to: 'min' };
  if (key === 'End') return { to: 'max' };
  const [small, big] = orientation === 'vertical' ? [COL_STEP, COL_STEP_BIG] : [CONSOLE_STEP, CONSOLE_STEP_BIG];
  const step = shift ? big : small;
  if (orientation === 'vertical') {
    if (key === 'ArrowLeft') return { step: -step };
    if (key === 'ArrowRight') return { step };
  } else {
    if (key === 'ArrowUp') return { step };
    if (key === 'ArrowDown') return { step: -step };
  }
  return null;
}
