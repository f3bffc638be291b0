// The stored layout (persist.ts): what is written reads back the same, and anything else —
// malformed JSON, another version, out-of-range numbers — reads as the default.

import { describe, expect, it } from 'vitest';
import { parseLayout, serializeLayout } from './persist';
import { DEFAULT_LAYOUT, type Layout } from './split';

describe('layout storage', () => {
  it('round-trips (to 4 decimals of a fraction, whole pixels)', () => {
    const l: Layout = { cols: [0.3, 0.25, 0.45], consolePx: 240 };
    expect(parseLayout(serializeLayout(l))).toEqual(l);
    const odd: Layout = { cols: [1 / 3, 1 / 3, 1 / 3], consolePx: 200.4 };
    const back = parseLayout(serializeLayout(odd));
    back.cols.forEach((c) => expect(c).toBeCloseTo(1 / 3, 4));
    expect(back.consolePx).toBe(200);
  });

  it('reads nothing, bad JSON and other shapes as the default', () => {
    for (const text of [null, undefined, '', '{', 'null', '42', '"x"', '[]', '{}']) expect(parseLayout(text)).toEqual(DEFAULT_LAYOUT);
  });

  it('ignores a value written by another version', () => {
    expect(parseLayout(JSON.stringify({ v: 2, cols: [0.3, 0.3, 0.4], consolePx: 200 }))).toEqual(DEFAULT_LAYOUT);
  });

  it('falls back per field: bad columns keep a good console height and the other way round', () => {
    const badCols = parseLayout(JSON.stringify({ v: 1, cols: [0.5, 0.5], consolePx: 300 }));
    expect(badCols).toEqual({ cols: DEFAULT_LAYOUT.cols, consolePx: 300 });
    const badSum = parseLayout(JSON.stringify({ v: 1, cols: [0.5, 0.5, 0.5], consolePx: 300 }));
    expect(badSum.cols).toEqual(DEFAULT_LAYOUT.cols);
    const notNumbers = parseLayout(JSON.stringify({ v: 1, cols: ['0.3', 0.3, 0.4], consolePx: 300 }));
    expect(notNumbers.cols).toEqual(DEFAULT_LAYOUT.cols);
    const badConsole = parseLayout(JSON.stringify({ v: 1, cols: [0.3, 0.3, 0.4], consolePx: -5 }));
    expect(badConsole).toEqual({ cols: [0.3, 0.3, 0.4], consolePx: DEFAULT_LAYOUT.consolePx });
  });
});
