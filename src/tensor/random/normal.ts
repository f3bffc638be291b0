// torch.randn / randn_like / Tensor.normal_(mean, std) / torch.normal on the CPU (RNG.md §3).
// Three paths, chosen only by dtype, element count and contiguity: the float32 vector fill
// (contiguous, n >= 16) with torch's Cephes float32 log/sincos, the float64 fill (same block
// structure in double), and the scalar Box–Muller path with the generator's one-value cache
// (n < 16 or non-contiguous). log_normal_ reuses the scalar path.

import type { DType } from '../dtype';
import { PyError } from '../../errors';
import { logF32 as logF32Imported, sincosF32 as sincosF32Imported, sincosOut } from './cephes_f32';
import { cppDouble } from './cpp_format';
import { fmaF32 as fmaF32Imported, fmaF64 as fmaF64Imported } from './fma';
import type { Generator } from './generator';
import * as libm from './libm';
import { offsetList, type Offsets } from './offsets';
import { requireF32orF64, type FloatArray } from './uniform';

// Module-local bindings: some loaders (tsx, vite-node) turn imported names into getter calls,
// which dominated the hot loops; a const read once at load avoids that.
const fmaF32 = fmaF32Imported;
const logF32 = logF32Imported;
const sincosF32 = sincosF32Imported;
const fmaF64 = fmaF64Imported;

const fr = Math.fround;
const TWO_PI_F32 = fr(2 * Math.PI);
const TWO_PI = 2 * Math.PI;
const TWO_M24 = 2 ** -24;

/** Transform the 16 float32 uniforms at d[off..off+16) in place (RNG.md §3.2–3.3). */
function block16F32(d: Float32Array, off: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - d[off + j]);
    const u2 = d[off + j + 8];
    const radius = fr(Math.sqrt(fr(-2 * logF32(u1))));
    const theta = fr(TWO_PI_F32 * u2);
    sincosF32(theta);
    d[off + j] = fmaF32(fr(radius * sincosOut.cos), std, mean);
    d[off + j + 8] = fmaF32(fr(radius * sincosOut.sin), std, mean);
  }
}

/** float64 block: same structure, double libm; the product r*cos is rounded before the fma. */
function block16F64(d: Float64Array, off: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[off + j];
    const u2 = d[off + j + 8];
    const radius = Math.sqrt(-2 * libm.log(u1));
    const theta = TWO_PI * u2;
    d[off + j] = fmaF64(radius * libm.cos(theta), std, mean);
    d[off + j + 8] = fmaF64(radius * libm.sin(theta), std, mean);
  }
}

/** The contiguous n >= 16 fill: uniforms, full blocks, then a tail window of 16 fresh draws. */
function fillF32(gen: Generator, d: Float32Array, mean: number, std: number): void {
  const n = d.length;
  const m = fr(mean);
  const s = fr(std);
  for (let k = 0; k < n; k++) d[k] = (gen.random() & 0xffffff) * TWO_M24;
  for (let i = 0; i + 16 <= n; i += 16) block16F32(d, i, m, s);
  if (n % 16 !== 0) {
    // The last 16 slots are redrawn and transformed again, overwriting finished normals.
    for (let k = n - 16; k < n; k++) d[k] = (gen.random() & 0xffffff) * TWO_M24;
    block16F32(d, n - 16, m, s);
  }
}

function fillF64(gen: Generator, d: Float64Array, mean: number, std: number): void {
  const n = d.length;
  for (let k = 0; k < n; k++) d[k] = gen.uniform53();
  for (let i = 0; i + 16 <= n; i += 16) block16F64(d, i, mean, std);
  if (n % 16 !== 0) {
    for (let k = n - 16; k < n; k++) d[k] = gen.uniform53();
    block16F64(d, n - 16, mean, std);
  }
}

/** One standard-normal double from the scalar Box–Muller path, using and refilling the
 * generator's cache: the FIRST uniform is the angle, the second the radius (RNG.md §3.4). */
export function standardNormalScalar(gen: Generator): number {
  const cached = gen.normalCache;
  if (cached !== null) {
    gen.normalCache = null;
    return cached;
  }
  const u1 = gen.uniform53();
  const u2 = gen.uniform53();
  const r = Math.sqrt(-2 * libm.log1p(-u2));
  const theta = TWO_PI * u1;
  gen.normalCache = r * libm.sin(theta);
  return r * libm.cos(theta);
}

/** normal_'s argument check, with torch's message. */
export function checkNormalStd(std: number): void {
  if (!(std >= 0)) throw new PyError('RuntimeError', `normal expects std >= 0.0, but found std ${cppDouble(std)}`);
}

/**
 * Tensor.normal_(mean, std) / randn: fills `out` (float32 or float64 per `dtype`). Without
 * `offsets` the destination is contiguous and n >= 16 takes the vector fill; with offsets
 * (a non-contiguous view, memory order) every element takes the scalar cached path.
 */
export function normal_(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  mean = 0,
  std = 1,
  offsets?: Offsets,
): void {
  requireF32orF64(dtype, 'normal_');
  checkNormalStd(std);
  const idx = offsets === undefined ? undefined : offsetList(offsets);
  const n = idx ? idx.length : out.length;
  if (!idx && n >= 16) {
    if (dtype === 'float32') fillF32(gen, out as Float32Array, mean, std);
    else fillF64(gen, out as Float64Array, mean, std);
    return;
  }
  // Scalar path: double arithmetic, one fma, then the store casts (Float32Array rounds once).
  for (let k = 0; k < n; k++) out[idx ? idx[k] : k] = fmaF64(standardNormalScalar(gen), std, mean);
}

/** torch.randn(n) as a fresh array. */
export function randn(gen: Generator, n: number, dtype: 'float32' | 'float64' = 'float32'): FloatArray {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  normal_(gen, dtype, out);
  return out;
}

/**
 * torch.normal(mean, std) where mean and/or std is a tensor (already broadcast to out's length;
 * a plain number stands for a scalar). Draws a standard normal of out's size by normal_'s rules
 * (contiguous output), then out = z*std + mean as two separately rounded operations in dtype.
 */
export function normalWithTensors(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  mean: ArrayLike<number> | number,
  std: ArrayLike<number> | number,
): void {
  if (typeof std !== 'number') {
    for (let k = 0; k < std.length; k++) {
      if (!(std[k] >= 0)) throw new PyError('RuntimeError', 'normal expects all elements of std >= 0.0');
    }
  } else {
    checkNormalStd(std);
  }
  normal_(gen, dtype, out, 0, 1);
  const round = dtype === 'float32' ? fr : (x: number) => x;
  for (let k = 0; k < out.length; k++) {
    // A Python-float mean/std is cast to the tensor's dtype first, like any scalar operand.
    const s = round(typeof std === 'number' ? std : std[k]);
    const m = round(typeof mean === 'number' ? mean : mean[k]);
    out[k] = round(round(out[k] * s) + m);
  }
}
