// torch.rand / rand_like / Tensor.uniform_(a, b) on the CPU: one draw per element, in order,
// mapped to [a, b) with a single fused multiply-add (RNG.md §2). float32 uses a 24-bit uniform
// from one uint32, float64 a 53-bit one from two. nn.init's uniform-based initialisers all end
// here.

import type { DType } from '../dtype';
import { PyError } from '../../errors';
import { cppDouble } from './cpp_format';
import { fmaF32 as fmaF32Imported, fmaF64 as fmaF64Imported } from './fma';
import type { Generator } from './generator';
import { offsetList, type Offsets } from './offsets';

// Module-local bindings: some loaders (tsx, vite-node) turn imported names into getter calls,
// which dominated the hot loops; a const read once at load avoids that.
const fmaF32 = fmaF32Imported;
const fmaF64 = fmaF64Imported;

export type FloatArray = Float32Array | Float64Array;

const F32_MAX = 3.4028234663852886e38;

/** Name of a dtype as torch's C++ checks print it: the C type, then the ScalarType name. */
const cType = (d: DType): string => (d === 'float64' ? 'double' : 'float');
const scalarTypeName = (d: DType): string => (d === 'float64' ? 'Double' : 'Float');

/** torch's float sampler only covers float32/float64 here (float16/bfloat16 are unverified). */
export function requireF32orF64(dtype: DType, op: string): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new PyError('NotImplementedError', `${op} on ${dtype} tensors is not supported by this engine's RNG`);
  }
}

/** The argument checks of uniform_ (torch's check_uniform_bounds), with its messages. */
export function checkUniformBounds(dtype: DType, from: number, to: number): void {
  const max = dtype === 'float64' ? Number.MAX_VALUE : F32_MAX;
  if (!(from >= -max && from <= max)) throw new PyError('RuntimeError', `from is out of bounds for ${cType(dtype)}`);
  if (!(to >= -max && to <= max)) throw new PyError('RuntimeError', `to is out of bounds for ${cType(dtype)}`);
  if (!(from <= to)) {
    throw new PyError(
      'RuntimeError',
      `uniform_ expects to return a [from, to) range, but found from=${cppDouble(from)} > to=${cppDouble(to)}`,
    );
  }
  if (!(to - from <= max)) {
    throw new PyError(
      'RuntimeError',
      `uniform_ expects to-from <= std::numeric_limits<${scalarTypeName(dtype)}>::max(), but found to=${cppDouble(to)} and from=${cppDouble(from)} which result in to-from to exceed the limit`,
    );
  }
}

/**
 * Tensor.uniform_(from, to): fills `out` (all of it, or the given element offsets in order).
 * `dtype` must be 'float32' (Float32Array) or 'float64' (Float64Array).
 */
export function uniform_(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  from = 0,
  to = 1,
  offsets?: Offsets,
): void {
  requireF32orF64(dtype, 'uniform_');
  checkUniformBounds(dtype, from, to);
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  if (dtype === 'float32') {
    const lo = Math.fround(from);
    const range = Math.fround(Math.fround(to) - lo);
    if (idx) {
      for (let k = 0; k < n; k++) out[idx[k]] = fmaF32((gen.random() & 0xffffff) * 2 ** -24, range, lo);
    } else if (lo === 0 && range === 1) {
      for (let k = 0; k < n; k++) out[k] = (gen.random() & 0xffffff) * 2 ** -24; // FMA exact here
    } else {
      for (let k = 0; k < n; k++) out[k] = fmaF32((gen.random() & 0xffffff) * 2 ** -24, range, lo);
    }
    return;
  }
  const range = to - from;
  for (let k = 0; k < n; k++) {
    const v = fmaF64(gen.uniform53(), range, from);
    out[idx ? idx[k] : k] = v;
  }
}

/** torch.rand(n) as a fresh array (float32 or float64). */
export function rand(gen: Generator, n: number, dtype: 'float32' | 'float64' = 'float32'): FloatArray {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  uniform_(gen, dtype, out);
  return out;
}
