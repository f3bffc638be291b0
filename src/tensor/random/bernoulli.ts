// Bernoulli sampling and the dropout family built on it (RNG.md §5). bernoulli_(p) with a Python
// float p draws a 53-bit uniform per element; torch.bernoulli(probs) draws a 24-bit uniform per
// element for float32 (and narrower) probabilities and a 53-bit one for float64. Dropout is
// `bernoulli_(1 - p)` on a noise tensor shaped like the input (or one value per (N, C) plane for
// dropout2d/3d), then float arithmetic exactly as torch's _dropout_impl does it.

import type { DType, StorageArray } from '../dtype';
import { PyError } from '../../errors';
import { cppDouble } from './cpp_format';
import type { Generator } from './generator';
import { numberWriter, offsetList, type Offsets } from './offsets';
import type { FloatArray } from './uniform';

/** Tensor.bernoulli_(p) for a Python float p: out[k] = u53 < p ? 1 : 0, any dtype. */
export function bernoulliScalar_(gen: Generator, out: StorageArray, p: number, offsets?: Offsets): void {
  if (!(p >= 0 && p <= 1)) {
    throw new PyError('RuntimeError', `bernoulli_ expects p to be in [0, 1], but got p=${cppDouble(p)}`);
  }
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  const put = numberWriter(out);
  for (let k = 0; k < n; k++) put(idx ? idx[k] : k, gen.uniform53() < p ? 1 : 0);
}

/**
 * torch.bernoulli(probs) / Tensor.bernoulli_(probs_tensor): probs already broadcast to the
 * output's element order. float64 probs compare a 53-bit uniform in double; any other float
 * dtype compares a 24-bit float uniform. A p outside [0, 1] fails when its element is reached
 * (earlier elements have drawn), as torch checks inside the loop.
 */
export function bernoulliTensor_(
  gen: Generator,
  out: StorageArray,
  probs: ArrayLike<number>,
  probsDtype: DType,
  offsets?: Offsets,
): void {
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  const put = numberWriter(out);
  const wide = probsDtype === 'float64';
  for (let k = 0; k < n; k++) {
    const p = probs[k];
    if (!(p >= 0 && p <= 1)) {
      throw new PyError(
        'RuntimeError',
        'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)',
      );
    }
    const u = wide ? gen.uniform53() : (gen.random() & 0xffffff) * 2 ** -24;
    put(idx ? idx[k] : k, u < p ? 1 : 0);
  }
}

type FloatDType = 'float32' | 'float64';
const alloc = (d: FloatDType, n: number): FloatArray => (d === 'float32' ? new Float32Array(n) : new Float64Array(n));
const rounder = (d: FloatDType) => (d === 'float32' ? Math.fround : (x: number) => x);

/** F.dropout's Python-level argument check. The message shows p as Python printed it: pass
 * `pRepr` (e.g. "2" for an int argument); by default p is shown as a Python float. */
export function checkDropoutP(p: number, pRepr?: string): void {
  if (p < 0 || p > 1) {
    throw new PyError('ValueError', `dropout probability has to be between 0 and 1, but got ${pRepr ?? pyFloatRepr(p)}`);
  }
}

/** repr of a Python float as used in that message (1.5, 2.0, -0.5). */
function pyFloatRepr(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** The dropout noise for 0 < p < 1: bernoulli_(1 - p) on n values, divided by (1 - p) in the
 * tensor's dtype. out = x * noise (one rounding) gives F.dropout's result. */
export function dropoutNoise(gen: Generator, dtype: FloatDType, n: number, p: number): FloatArray {
  const noise = alloc(dtype, n);
  bernoulliScalar_(gen, noise, 1 - p);
  const scale = rounder(dtype)(1 - p);
  for (let k = 0; k < n; k++) noise[k] = noise[k] / scale; // store rounds to dtype
  return noise;
}

/**
 * F.dropout(x, p, training) on a contiguous float tensor. p == 0 (or not training, or empty)
 * returns `x` itself; p == 1 returns x * 0 without drawing. Otherwise x * noise.
 */
export function dropout(gen: Generator, dtype: FloatDType, x: FloatArray, p: number, training = true): FloatArray {
  checkDropoutP(p);
  if (p === 0 || !training || x.length === 0) return x;
  const out = alloc(dtype, x.length);
  if (p === 1) {
    for (let k = 0; k < x.length; k++) out[k] = x[k] * 0;
    return out;
  }
  const noise = dropoutNoise(gen, dtype, x.length, p);
  for (let k = 0; k < x.length; k++) out[k] = x[k] * noise[k];
  return out;
}

/** Per-plane noise of dropout2d/3d (feature dropout): one value per (N, C) plane, row-major. */
export function featureDropoutNoise(gen: Generator, dtype: FloatDType, planes: number, p: number): FloatArray {
  return dropoutNoise(gen, dtype, planes, p);
}

/** F.dropout2d/3d (training) on x of shape [N, C, ...] (contiguous). */
export function featureDropout(
  gen: Generator,
  dtype: FloatDType,
  x: FloatArray,
  shape: readonly number[],
  p: number,
  training = true,
): FloatArray {
  checkDropoutP(p);
  if (p === 0 || !training || x.length === 0) return x;
  const out = alloc(dtype, x.length);
  if (p === 1) {
    for (let k = 0; k < x.length; k++) out[k] = x[k] * 0;
    return out;
  }
  const planes = shape[0] * shape[1];
  const per = x.length / planes;
  const noise = featureDropoutNoise(gen, dtype, planes, p);
  for (let k = 0; k < x.length; k++) out[k] = x[k] * noise[Math.floor(k / per)];
  return out;
}

/** alpha_dropout's noise and offset: out = x * noise + b, each op rounded to the dtype.
 * `n` is the element count (alpha_dropout) or plane count (feature_alpha_dropout). */
export function alphaDropoutNoise(
  gen: Generator,
  dtype: FloatDType,
  n: number,
  p: number,
): { noise: FloatArray; b: FloatArray } {
  const alpha = 1.7580993408473766;
  const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
  const r = rounder(dtype);
  const noise = alloc(dtype, n);
  bernoulliScalar_(gen, noise, 1 - p);
  // b = noise.add(-1).mul_(alpha * a).add_(alpha * a * p); noise.mul_(a): scalars cast to dtype.
  const c1 = r(alpha * a);
  const c2 = r(alpha * a * p);
  const fa = r(a);
  const b = alloc(dtype, n);
  for (let k = 0; k < n; k++) {
    b[k] = r(r(noise[k] - 1) * c1) + c2;
    noise[k] = noise[k] * fa;
  }
  return { noise, b };
}

/** F.alpha_dropout (training) on a contiguous float tensor. */
export function alphaDropout(gen: Generator, dtype: FloatDType, x: FloatArray, p: number, training = true): FloatArray {
  checkDropoutP(p);
  if (p === 0 || !training || x.length === 0) return x;
  const out = alloc(dtype, x.length);
  if (p === 1) {
    // torch: input * zeros; the alpha offset is not applied when p == 1.
    for (let k = 0; k < x.length; k++) out[k] = x[k] * 0;
    return out;
  }
  const r = rounder(dtype);
  const { noise, b } = alphaDropoutNoise(gen, dtype, x.length, p);
  for (let k = 0; k < x.length; k++) out[k] = r(x[k] * noise[k]) + b[k];
  return out;
}
