// The per-element continuous samplers beyond uniform/normal: exponential_, log_normal_, cauchy_
// and geometric_ (RNG.md §5). Each draws one 53-bit uniform per element (log_normal_ goes through
// the scalar Box–Muller path and its cache instead), computes in double, and casts to the
// destination dtype on store.

import type { DType, StorageArray } from '../dtype';
import { PyError } from '../../errors';
import { cppDouble } from './cpp_format';
import { fmaF64 } from './fma';
import type { Generator } from './generator';
import * as libm from './libm';
import { standardNormalScalar } from './normal';
import { numberWriter, offsetList, type Offsets } from './offsets';
import { requireF32orF64, type FloatArray } from './uniform';

function eachElement(
  out: StorageArray,
  offsets: Offsets | undefined,
  draw: () => number,
): void {
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  const put = numberWriter(out);
  for (let k = 0; k < n; k++) put(idx ? idx[k] : k, draw());
}

/** Tensor.exponential_(lambd): (-1/λ)·log1p(-u) in double, then cast. */
export function exponential_(gen: Generator, dtype: DType, out: FloatArray, lambd = 1, offsets?: Offsets): void {
  requireF32orF64(dtype, 'exponential_');
  if (!(lambd > 0)) {
    throw new PyError('RuntimeError', `exponential_ expects lambda > 0.0, but found lambda=${cppDouble(lambd)}`);
  }
  const c = -1 / lambd;
  eachElement(out, offsets, () => c * libm.log1p(-gen.uniform53()));
}

/** Tensor.log_normal_(mean, std): exp of the scalar normal path (shares the normal cache). */
export function logNormal_(gen: Generator, dtype: DType, out: FloatArray, mean = 1, std = 2, offsets?: Offsets): void {
  requireF32orF64(dtype, 'log_normal_');
  if (!(std > 0)) throw new PyError('RuntimeError', `log_normal_ expects std > 0.0, but found std=${cppDouble(std)}`);
  eachElement(out, offsets, () => libm.exp(fmaF64(standardNormalScalar(gen), std, mean)));
}

/** Tensor.cauchy_(median, sigma): median + sigma·tan(π(u − 0.5)), fused. */
export function cauchy_(gen: Generator, dtype: DType, out: FloatArray, median = 0, sigma = 1, offsets?: Offsets): void {
  requireF32orF64(dtype, 'cauchy_');
  if (!(sigma > 0)) throw new PyError('RuntimeError', `cauchy_ expects sigma > 0.0, but found sigma=${cppDouble(sigma)}`);
  eachElement(out, offsets, () => fmaF64(sigma, libm.tan(Math.PI * (gen.uniform53() - 0.5)), median));
}

/** Tensor.geometric_(p): ceil(log(u) / log1p(-p)); works on any dtype (float or integer). */
export function geometric_(gen: Generator, out: StorageArray, p: number, offsets?: Offsets): void {
  if (!(p > 0 && p < 1)) {
    throw new PyError('RuntimeError', `geometric_ expects p to be in (0, 1), but got p=${cppDouble(p)}`);
  }
  const denom = libm.log1p(-p);
  eachElement(out, offsets, () => Math.ceil(libm.log(gen.uniform53()) / denom));
}
