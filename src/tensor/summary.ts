// A capped preview of a tensor's values for the RunReport / UI: the first `cap` elements in
// row-major order plus min / max / mean over that same sample (so a huge tensor costs O(cap)).
// NaNs are skipped in the statistics and counted; bool reads as 0/1; int64 as nearest doubles.

import { Tensor } from './tensor';
import { gatherStrided } from './cpu/strided';
import { allocStorageArray } from './dtype';

export interface PreviewStats {
  /** First values (row-major), at most `cap`. */
  values: number[];
  /** True when the tensor has more elements than were sampled. */
  truncated: boolean;
  numel: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
}

export function previewStats(t: Tensor, cap = 64): PreviewStats {
  const n = t.numel();
  const take = Math.min(n, cap);
  let sample: ArrayLike<number | bigint>;
  if (take === n) sample = t.dataSync();
  else {
    // gather only the first `take` elements: walk the leading rows that cover them
    const flat = allocStorageArray(t.dtype, n <= 4 * cap ? n : 0);
    if (flat.length === n) {
      gatherStrided(t.storage.data, t.offset, t.shape, t.strides, flat);
      sample = flat;
    } else sample = firstElements(t, take);
  }
  const values: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let nanCount = 0;
  for (let i = 0; i < take; i++) {
    const v = Number(sample[i]);
    values.push(v);
    if (Number.isNaN(v)) {
      nanCount++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return {
    values,
    truncated: take < n,
    numel: n,
    min: count ? min : null,
    max: count ? max : null,
    mean: count ? sum / count : null,
    nanCount,
  };
}

/** The first k elements in row-major order without materialising the whole tensor. */
function firstElements(t: Tensor, k: number): number[] {
  const out: number[] = [];
  const nd = t.ndim;
  const pos = new Array<number>(nd).fill(0);
  const data = t.storage.data;
  for (let i = 0; i < k; i++) {
    let off = t.offset;
    for (let ax = 0; ax < nd; ax++) off += pos[ax] * t.strides[ax];
    out.push(Number(data[off]));
    for (let ax = nd - 1; ax >= 0; ax--) {
      if (++pos[ax] < t.shape[ax]) break;
      pos[ax] = 0;
    }
  }
  return out;
}

/** Alias used by the RunReport. */
export const summary = previewStats;
