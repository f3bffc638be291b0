// torch.multinomial on the CPU (RNG.md §5). Without replacement, or for one sample, torch uses
// the exponential race: q = probs / Exp(1) over all rows, then the top-k (argmax for k == 1).
// With replacement it binary-searches a float cumulative distribution with one 53-bit uniform
// per sample, row by row. Results are category indices, row-major (rows × numSamples).

import type { DType } from '../dtype';
import { PyError } from '../../errors';
import { exponential_ } from './distributions';
import type { Generator } from './generator';

/**
 * torch.multinomial(probs, numSamples, replacement). `probs` holds `rows` rows of `categories`
 * values (a 1-D input is one row). probsDtype is 'float32' (also used for float16/bfloat16,
 * whose values are exact in float32) or 'float64'.
 */
export function multinomial(
  gen: Generator,
  probs: ArrayLike<number>,
  rows: number,
  categories: number,
  numSamples: number,
  replacement = false,
  probsDtype: DType = 'float32',
): Float64Array {
  if (numSamples <= 0) throw new PyError('RuntimeError', 'cannot sample n_sample <= 0 samples');
  if (!replacement && numSamples > categories) {
    throw new PyError('RuntimeError', 'cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  }
  const wide = probsDtype === 'float64';
  const r = wide ? (x: number) => x : Math.fround;
  const res = new Float64Array(rows * numSamples);
  if (!replacement || numSamples === 1) {
    // torch validates the whole tensor before drawing.
    for (let i = 0; i < probs.length; i++) {
      if (!(probs[i] >= 0 && probs[i] < Infinity)) {
        throw new PyError('RuntimeError', 'probability tensor contains either `inf`, `nan` or element < 0');
      }
    }
    for (let row = 0; row < rows; row++) {
      let s = 0;
      for (let j = 0; j < categories; j++) s += probs[row * categories + j];
      if (s === 0) throw new PyError('RuntimeError', 'invalid multinomial distribution (sum of probabilities <= 0)');
    }
    const q = wide ? new Float64Array(probs.length) : new Float32Array(probs.length);
    exponential_(gen, wide ? 'float64' : 'float32', q, 1);
    for (let i = 0; i < q.length; i++) q[i] = probs[i] / q[i];
    const order = new Array<number>(categories);
    for (let row = 0; row < rows; row++) {
      const base = row * categories;
      for (let j = 0; j < categories; j++) order[j] = j;
      // Largest first, NaN above everything (topk/argmax order), ties to the lower index.
      const key = (j: number) => q[base + j];
      order.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const xn = Number.isNaN(x);
        const yn = Number.isNaN(y);
        if (xn || yn) return xn && yn ? a - b : xn ? -1 : 1;
        return x === y ? a - b : y - x > 0 ? 1 : -1;
      });
      for (let s = 0; s < numSamples; s++) res[row * numSamples + s] = order[s];
    }
    return res;
  }
  const cum = new Float64Array(categories);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const v = probs[row * categories + j];
      if (!(v >= 0)) {
        throw new PyError('RuntimeError', 'invalid multinomial distribution (encountering probability entry < 0)');
      }
      if (!Number.isFinite(v)) {
        throw new PyError(
          'RuntimeError',
          'invalid multinomial distribution (encountering probability entry = infinity or NaN)',
        );
      }
      sum = r(sum + v);
      cum[j] = sum;
    }
    if (!(sum > 0)) throw new PyError('RuntimeError', 'invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < categories; j++) cum[j] = r(cum[j] / sum);
    cum[categories - 1] = 1;
    for (let s = 0; s < numSamples; s++) {
      const u = gen.uniform53();
      let lo = 0;
      let hi = categories;
      while (hi - lo > 0) {
        const mid = lo + ((hi - lo) >> 1);
        if (cum[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      res[row * numSamples + s] = lo;
    }
  }
  return res;
}
