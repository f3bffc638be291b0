// Where the page's layout (split.ts) is kept between visits: this browser's localStorage, under
// one key. Deliberately not in the store and not in share links — a link carries the script and
// what was selected, and opens in the *viewer's* own layout. Whatever is stored is treated as
// untrusted text: a bad or foreign value falls back to the default rather than breaking the page.

import { DEFAULT_LAYOUT, type Cols, type Layout } from './split';

export const LAYOUT_KEY = 'reparam-lab.layout';
/** Bump when the stored shape changes; an older value is then ignored, not misread. */
const VERSION = 1;

/** The stored text of a layout. */
export function serializeLayout(l: Layout): string {
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return JSON.stringify({ v: VERSION, cols: l.cols.map(r), consolePx: Math.round(l.consolePx) });
}

/** A layout from stored text; the default for anything missing, malformed or out of range.
 * (Widths that merely do not fit the current window are fitted later, by clampCols.) */
export function parseLayout(text: string | null | undefined): Layout {
  if (!text) return DEFAULT_LAYOUT;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (!raw || typeof raw !== 'object') return DEFAULT_LAYOUT;
  const o = raw as { v?: unknown; cols?: unknown; consolePx?: unknown };
  if (o.v !== VERSION) return DEFAULT_LAYOUT;
  const cols = Array.isArray(o.cols) && o.cols.length === 3 && o.cols.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1) ? (o.cols as number[]) : null;
  const total = cols ? cols[0] + cols[1] + cols[2] : 0;
  const okCols = cols && Math.abs(total - 1) < 0.01 ? ([cols[0] / total, cols[1] / total, cols[2] / total] as Cols) : DEFAULT_LAYOUT.cols;
  const c = o.consolePx;
  const consolePx = typeof c === 'number' && Number.isFinite(c) && c > 0 && c < 10_000 ? c : DEFAULT_LAYOUT.consolePx;
  return { cols: okCols, consolePx };
}

/** The saved layout, or the default (also when storage is unavailable, e.g. blocked cookies). */
export function loadLayout(): Layout {
  try {
    return parseLayout(localStorage.getItem(LAYOUT_KEY));
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function saveLayout(l: Layout): void {
  try {
    localStorage.setItem(LAYOUT_KEY, serializeLayout(l));
  } catch {
    // Storage full or blocked: the layout still works for this visit.
  }
}
