// The layout arithmetic (split.ts): boundaries move only their two neighbours, never past a
// pane's minimum width, garbage is normalized, keys map to steps along the splitter's axis.

import { describe, expect, it } from 'vitest';
import {
  COL_STEP, COL_STEP_BIG, CONSOLE_STEP, CONSOLE_STEP_BIG, DEFAULT_LAYOUT, MIN_COL_PX, MIN_CONSOLE_PX, MIN_PANES_PX,
  boundaries, boundaryRange, clampCols, clampConsole, consoleRange, keyMove, minFracs, moveBoundaryBy, moveBoundaryTo, type Cols,
} from './split';

const W = 1278; // a 1280 px window less the two 1 px bars
const sum = (c: Cols) => c[0] + c[1] + c[2];
const px = (c: Cols, w = W) => c.map((f) => f * w);

describe('clampCols', () => {
  it('leaves a layout that fits alone', () => {
    expect(clampCols(DEFAULT_LAYOUT.cols, W)).toEqual(DEFAULT_LAYOUT.cols);
  });

  it('raises a column below its minimum and takes the room from the others, in proportion to their spare room', () => {
    const c = clampCols([0.05, 0.45, 0.5], W);
    expect(sum(c)).toBeCloseTo(1, 12);
    expect(c[0] * W).toBeCloseTo(MIN_COL_PX[0], 9);
    const spare1 = 0.45 * W - MIN_COL_PX[1];
    const spare2 = 0.5 * W - MIN_COL_PX[2];
    const taken = MIN_COL_PX[0] - 0.05 * W;
    expect(c[1] * W).toBeCloseTo(0.45 * W - (taken * spare1) / (spare1 + spare2), 9);
    expect(c[2] * W).toBeCloseTo(0.5 * W - (taken * spare2) / (spare1 + spare2), 9);
  });

  it('normalizes garbage: NaN, negatives, a sum other than 1, all zero', () => {
    expect(sum(clampCols([NaN, 1, 1], W))).toBeCloseTo(1, 12);
    expect(clampCols([0, 0, 0], W)).toEqual(DEFAULT_LAYOUT.cols);
    const c = clampCols([2, 2, 4], W);
    expect(c).toEqual([0.25, 0.25, 0.5]);
  });

  it('when the row cannot hold every minimum, shrinks the minimums in proportion and still sums to 1', () => {
    const tiny = 360;
    const m = minFracs(tiny);
    expect(sum(m)).toBeCloseTo(1, 12);
    expect(m[0] / m[2]).toBeCloseTo(MIN_COL_PX[0] / MIN_COL_PX[2], 12);
    const c = clampCols([0.9, 0.05, 0.05], tiny);
    expect(sum(c)).toBeCloseTo(1, 12);
    px(c, tiny).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(m[i] * tiny - 1e-9));
    expect(minFracs(0)).toEqual([0, 0, 0]);
  });

  it('a wider window keeps the fractions (each pane gets its share)', () => {
    expect(clampCols(DEFAULT_LAYOUT.cols, 2558)).toEqual(DEFAULT_LAYOUT.cols);
  });
});

describe('moving a boundary', () => {
  it('changes only the two columns beside it', () => {
    const start = DEFAULT_LAYOUT.cols;
    const a = moveBoundaryBy(start, 0, 100, W);
    expect(a[0] * W).toBeCloseTo(start[0] * W + 100, 9);
    expect(a[1] * W).toBeCloseTo(start[1] * W - 100, 9);
    expect(a[2]).toBe(start[2]);
    const b = moveBoundaryBy(start, 1, -50, W);
    expect(b[0]).toBe(start[0]);
    expect(b[1] * W).toBeCloseTo(start[1] * W - 50, 9);
    expect(b[2] * W).toBeCloseTo(start[2] * W + 50, 9);
  });

  it('stops at each neighbour’s minimum width, whichever way it is dragged', () => {
    const start = DEFAULT_LAYOUT.cols;
    const left = px(moveBoundaryBy(start, 0, -5000, W));
    expect(left[0]).toBeCloseTo(MIN_COL_PX[0], 9);
    const right = px(moveBoundaryBy(start, 0, 5000, W));
    expect(right[1]).toBeCloseTo(MIN_COL_PX[1], 9);
    expect(right[2]).toBeCloseTo(start[2] * W, 9);
    const inspectorMin = px(moveBoundaryBy(start, 1, 5000, W));
    expect(inspectorMin[2]).toBeCloseTo(MIN_COL_PX[2], 9);
    const treeMin = px(moveBoundaryBy(start, 1, -5000, W));
    expect(treeMin[1]).toBeCloseTo(MIN_COL_PX[1], 9);
  });

  it('reports the range each boundary may move in, and moveBoundaryTo clamps to it', () => {
    const c = DEFAULT_LAYOUT.cols;
    const [b0, b1] = boundaries(c);
    const r0 = boundaryRange(c, 0, W);
    expect(r0.min).toBeCloseTo(MIN_COL_PX[0] / W, 12);
    expect(r0.max).toBeCloseTo(b1 - MIN_COL_PX[1] / W, 12);
    const r1 = boundaryRange(c, 1, W);
    expect(r1.min).toBeCloseTo(b0 + MIN_COL_PX[1] / W, 12);
    expect(r1.max).toBeCloseTo(1 - MIN_COL_PX[2] / W, 12);
    expect(boundaries(moveBoundaryTo(c, 0, -1, W))[0]).toBeCloseTo(r0.min, 12);
    expect(boundaries(moveBoundaryTo(c, 1, 2, W))[1]).toBeCloseTo(r1.max, 12);
    // NaN (a bad key computation, say) leaves the boundary where it was.
    expect(moveBoundaryTo(c, 0, NaN, W)).toEqual(c);
  });

  it('always sums to 1 over many random moves, and keeps every minimum', () => {
    let c: Cols = DEFAULT_LAYOUT.cols;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 500; k++) {
      c = moveBoundaryBy(c, rnd() < 0.5 ? 0 : 1, (rnd() - 0.5) * 1200, W);
      expect(sum(c)).toBeCloseTo(1, 9);
      px(c).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(MIN_COL_PX[i] - 1e-6));
    }
  });
});

describe('the console', () => {
  it('keeps its own minimum and leaves the panes theirs', () => {
    const h = 755;
    expect(consoleRange(h)).toEqual({ min: MIN_CONSOLE_PX, max: h - MIN_PANES_PX });
    expect(clampConsole(10, h)).toBe(MIN_CONSOLE_PX);
    expect(clampConsole(5000, h)).toBe(h - MIN_PANES_PX);
    expect(clampConsole(190.6, h)).toBe(191);
    expect(clampConsole(NaN, h)).toBe(DEFAULT_LAYOUT.consolePx);
  });

  it('in a window too short for both, the console keeps its minimum', () => {
    expect(consoleRange(150)).toEqual({ min: MIN_CONSOLE_PX, max: MIN_CONSOLE_PX });
    expect(clampConsole(400, 150)).toBe(MIN_CONSOLE_PX);
  });
});

describe('keys', () => {
  it('column splitters move with Left/Right, Shift for bigger steps; Up/Down do nothing', () => {
    expect(keyMove('ArrowLeft', false, 'vertical')).toEqual({ step: -COL_STEP });
    expect(keyMove('ArrowRight', true, 'vertical')).toEqual({ step: COL_STEP_BIG });
    expect(keyMove('ArrowUp', false, 'vertical')).toBeNull();
  });

  it('the console splitter moves with Up/Down (Up grows the console); Left/Right do nothing', () => {
    expect(keyMove('ArrowUp', false, 'horizontal')).toEqual({ step: CONSOLE_STEP });
    expect(keyMove('ArrowDown', true, 'horizontal')).toEqual({ step: -CONSOLE_STEP_BIG });
    expect(keyMove('ArrowLeft', false, 'horizontal')).toBeNull();
  });

  it('Home and End go to the ends; other keys are not ours', () => {
    expect(keyMove('Home', false, 'vertical')).toEqual({ to: 'min' });
    expect(keyMove('End', true, 'horizontal')).toEqual({ to: 'max' });
    expect(keyMove('a', false, 'vertical')).toBeNull();
    expect(keyMove('Enter', false, 'horizontal')).toBeNull();
  });
});
