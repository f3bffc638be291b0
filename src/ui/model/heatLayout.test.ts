// Heatmap layout: a matrix keeps its rows (top-left block), a vector wraps, one shape → one layout.
import { describe, expect, it } from 'vitest';
import { heatLayout, multiIndex, truncationText } from './heatLayout';

const grid = (shape: number[], n: number, maxCols: number, maxRows: number): number[][] => {
  const l = heatLayout(shape, n, maxCols, maxRows);
  return Array.from({ length: l.rows }, (_, r) => Array.from({ length: l.cols }, (_, c) => l.index(r, c)));
};

describe('heatLayout', () => {
  it('draws a small matrix whole, row by row', () => {
    expect(grid([2, 3], 6, 12, 10)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(truncationText(heatLayout([2, 3], 6, 12, 10))).toBe('');
  });

  it('cuts a wide matrix to its top-left block instead of wrapping its rows', () => {
    // 3×20 with room for 8 columns: row 1 of the picture starts at element 20, not 8.
    expect(grid([3, 20], 60, 8, 10)).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [20, 21, 22, 23, 24, 25, 26, 27],
      [40, 41, 42, 43, 44, 45, 46, 47],
    ]);
    expect(truncationText(heatLayout([3, 20], 60, 8, 10))).toBe('top-left 3×8 of 3×20 shown');
  });

  it('uses only the rows a capped preview holds completely', () => {
    // 32×64 with a 256-value preview: 4 whole rows.
    const l = heatLayout([32, 64], 256, 12, 10);
    expect([l.rows, l.cols, l.shown, l.total]).toEqual([4, 12, 48, 2048]);
    expect(l.index(3, 11)).toBe(3 * 64 + 11);
    expect(truncationText(l)).toBe('top-left 4×12 of 32×64 shown');
  });

  it('shows the start of a row longer than the preview on one line', () => {
    const l = heatLayout([2, 1000], 256, 12, 10);
    expect([l.rows, l.cols]).toEqual([1, 12]);
    expect(l.index(0, 5)).toBe(5);
  });

  it('stacks leading dims as rows', () => {
    expect(grid([2, 2, 3], 12, 12, 10)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]);
  });

  it('wraps a vector and leaves the cells past its end empty', () => {
    expect(grid([10], 10, 4, 10)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, -1, -1]]);
    expect(truncationText(heatLayout([100], 100, 4, 10))).toBe('first 40 of 100 values shown');
  });

  it('draws a scalar as one cell and an empty tensor as none', () => {
    expect(grid([], 1, 12, 10)).toEqual([[0]]);
    expect(heatLayout([0, 3], 0, 12, 10).shown).toBe(0);
  });

  it('gives one layout to two tensors of one shape', () => {
    const a = heatLayout([8, 1], 8, 12, 10);
    const b = heatLayout([8, 1], 8, 12, 10);
    expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  });
});

describe('multiIndex', () => {
  it('unravels a flat index by the shape', () => {
    expect(multiIndex([2, 3, 4], 23)).toEqual([1, 2, 3]);
    expect(multiIndex([5], 3)).toEqual([3]);
    expect(multiIndex([], 0)).toEqual([]);
  });
});
