// nll_loss's reduction as ATen's CPU kernels compute it (LossNLL.cpp nll_loss_out_frame, and
// LossNLL2d.cpp for inputs of 3 or more dims, which F.nll_loss views as (N, C, 1, -1)): the terms
// -x[target]·w are accumulated in scalar_t through a cascade of 8 partial sums — level 0 takes every
// term, and after term number i (the linear index over batch and positions) each level j whose
// `level_power` bits of i are all zero is added into level j + 1 and cleared — then the partials
// are added from level 0 up, and a mean divides by the summed weights (or the count of kept
// targets). Ignored targets skip the cascade step as well. nll_loss (loss.ts) calls this; cross
// entropy reaches it through log_softmax.

/** One kept term: the input value at the target class and that class's weight (null: none). */
export interface NllTerm {
  /** linear index over (batch, positions) */
  idx: number;
  x: number;
  w: number | null;
}

/** utils::CeilLog2 */
const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

/**
 * The reduced loss and total weight of `numiter` targets, of which `terms` are kept (in index
 * order), in the dtype rounded by `R`. Returns [sum of -x·w, total weight].
 */
export function nllCascade(terms: readonly NllTerm[], numiter: number, weighted: boolean, R: (v: number) => number): [number, number] {
  const LEVELS = 8;
  const power = Math.max(4, Math.floor(ceilLog2(numiter) / LEVELS));
  const mask = (1 << power) - 1;
  const loss = new Array<number>(LEVELS).fill(0);
  const wsum = new Array<number>(LEVELS).fill(0);
  for (const { idx, x, w } of terms) {
    if (weighted) {
      loss[0] = R(loss[0] - R(x * (w as number)));
      wsum[0] = R(wsum[0] + (w as number));
    } else loss[0] = R(loss[0] - x);
    for (let j = 0; j + 1 < LEVELS; j++) {
      // (level_mask << (j * level_power)) & idx, with idx below 2^53
      if (Math.floor(idx / 2 ** (j * power)) % (mask + 1) !== 0) break;
      wsum[j + 1] = R(wsum[j + 1] + wsum[j]);
      loss[j + 1] = R(loss[j + 1] + loss[j]);
      wsum[j] = 0;
      loss[j] = 0;
    }
  }
  let total = weighted ? 0 : R(numiter - (numiter - terms.length));
  let out = 0;
  for (let j = 0; j < LEVELS; j++) {
    out = R(out + loss[j]);
    if (weighted) total = R(total + wsum[j]);
  }
  return [out, total];
}
