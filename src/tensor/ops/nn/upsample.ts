// Resampling kernels behind F.interpolate / nn.Upsample: nearest and nearest-exact (1-, 2-, 3-d),
// linear, bilinear, trilinear and bicubic over the trailing spatial dims of (N, C, ...) inputs.
// ATen's CPU kernel is separable: per spatial dim, each output index gets a few source taps with
// weights (UpSampleKernel.cpp's HelperInterp{Nearest,NearestExact,Linear,Cubic}), and an output
// value is the nested weighted sum, outermost dim first, in the input's float type. The tap rules
// follow UpSample.h in float arithmetic (area_pixel_compute_scale / _source_index, floorf, the
// cubic convolution with A = -0.75), so picks and weights match PyTorch's. Each result records
// PyTorch's node (UpsampleBicubic2DBackward0, ...); one formula scatters the gradient back through
// the same taps. F.interpolate's argument rules live in interpolate.ts.

import { PyError } from '../../../errors';
import { registerFormula } from '../../autograd/registry';
import { ctxField, savedTensor } from '../../autograd/meta';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { checkDispatch, poolOutput, poolValues } from './pool_checks';

export { interpolate, type InterpolateOptions } from './interpolate';

const f32 = Math.fround;

export type UpsampleMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'trilinear' | 'bicubic';

/** Per output index along one dim: `k` source indices and weights each (k = 1, 2 or 4). */
interface Taps {
  k: number;
  idx: Int32Array;
  w: Float64Array;
}

/** compute_scales_value / area_pixel_compute_scale, in float. */
function areaScale(inSize: number, outSize: number, alignCorners: boolean, scale: number | null): number {
  if (alignCorners) return outSize > 1 ? f32(f32(inSize - 1) / (outSize - 1)) : 0;
  return scale !== null && scale > 0 ? f32(1 / scale) : f32(inSize / outSize);
}

/** area_pixel_compute_source_index (float). */
function sourceIndex(scale: number, dst: number, alignCorners: boolean, cubic: boolean): number {
  if (alignCorners) return f32(scale * dst);
  const src = f32(f32(scale * f32(dst + 0.5)) - 0.5);
  return !cubic && src < 0 ? 0 : src;
}

/** guard_index_and_lambda: the floor index (at most size-1) and the clamped fraction. */
function guard(real: number, size: number): [number, number] {
  const i = Math.min(Math.floor(real), size - 1);
  return [i, Math.min(Math.max(f32(real - i), 0), 1)];
}

const cc1 = (x: number, A: number): number => f32(f32(f32(f32(f32((A + 2) * x) - (A + 3)) * x) * x) + 1);
const cc2 = (x: number, A: number): number => f32(f32(f32(f32(f32(f32(A * x) - 5 * A) * x) + 8 * A) * x) - 4 * A);

/** get_cubic_upsample_coefficients (A = -0.75). */
function cubicCoefficients(t: number): number[] {
  const A = -0.75;
  const x2 = f32(1 - t);
  return [cc2(f32(t + 1), A), cc1(t, A), cc1(x2, A), cc2(f32(x2 + 1), A)];
}

function taps(mode: UpsampleMode, inSize: number, outSize: number, alignCorners: boolean, scale: number | null): Taps {
  const k = mode === 'bicubic' ? 4 : mode === 'nearest' || mode === 'nearest-exact' ? 1 : 2;
  const t: Taps = { k, idx: new Int32Array(outSize * k), w: new Float64Array(outSize * k) };
  const s = areaScale(inSize, outSize, mode === 'nearest' || mode === 'nearest-exact' ? false : alignCorners, scale);
  for (let o = 0; o < outSize; o++) {
    if (mode === 'nearest') {
      t.idx[o] = Math.min(Math.floor(f32(s * o)), inSize - 1);
      t.w[o] = 1;
    } else if (mode === 'nearest-exact') {
      t.idx[o] = Math.min(Math.floor(f32(sourceIndex(s, o, false, false) + 0.5)), inSize - 1);
      t.w[o] = 1;
    } else if (mode === 'bicubic') {
      const [i, lambda] = guard(sourceIndex(s, o, alignCorners, true), inSize);
      const c = cubicCoefficients(lambda);
      for (let j = 0; j < 4; j++) {
        t.idx[o * 4 + j] = Math.max(Math.min(i - 1 + j, inSize - 1), 0);
        t.w[o * 4 + j] = c[j];
      }
    } else {
      const [i, lambda] = guard(sourceIndex(s, o, alignCorners, false), inSize);
      t.idx[o * 2] = i;
      t.idx[o * 2 + 1] = i + (i < inSize - 1 ? 1 : 0);
      t.w[o * 2] = f32(1 - lambda);
      t.w[o * 2 + 1] = lambda;
    }
  }
  return t;
}

interface Plan {
  planes: number;
  inSizes: number[];
  outSizes: number[];
  taps: Taps[];
}

function plan(x: Tensor, mode: UpsampleMode, size: readonly number[], scales: readonly (number | null)[], alignCorners: boolean): Plan {
  const inSizes = x.shape.slice(2);
  return {
    planes: x.shape[0] * x.shape[1],
    inSizes,
    outSizes: size.slice(),
    taps: inSizes.map((n, d) => taps(mode, n, size[d], alignCorners, scales[d] ?? null)),
  };
}

const strides = (sizes: readonly number[]): number[] => sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));

/** Visit every (output cell, input cell, weight) triple, the weight being the product over dims. */
function eachTap(p: Plan, f: (oi: number, ii: number, w: number) => void): void {
  const nd = p.inSizes.length;
  const inSt = strides(p.inSizes), outSt = strides(p.outSizes);
  const inPlane = inSt[0] * p.inSizes[0], outPlane = outSt[0] * p.outSizes[0];
  const pos = new Array<number>(nd).fill(0);
  const walk = (d: number, oi: number, ii: number, w: number): void => {
    if (d === nd) return f(oi, ii, w);
    const t = p.taps[d];
    for (let o = 0; o < p.outSizes[d]; o++) {
      pos[d] = o;
      for (let j = 0; j < t.k; j++) walk(d + 1, oi + o * outSt[d], ii + t.idx[o * t.k + j] * inSt[d], w * t.w[o * t.k + j]);
    }
  };
  for (let c = 0; c < p.planes; c++) walk(0, c * outPlane, c * inPlane, 1);
}

/** The forward's nested sum: Interpolate<n> of UpSampleKernel.cpp, rounding as the float type. */
function forward(p: Plan, x: ArrayLike<number>, r: (v: number) => number): Float64Array {
  const nd = p.inSizes.length;
  const inSt = strides(p.inSizes), outSt = strides(p.outSizes);
  const inPlane = inSt[0] * p.inSizes[0], outPlane = outSt[0] * p.outSizes[0];
  const out = new Float64Array(p.planes * outPlane);
  const o = new Array<number>(nd).fill(0);
  const evalAt = (d: number, base: number): number => {
    if (d === nd) return x[base];
    const t = p.taps[d];
    const at = o[d] * t.k;
    let acc = r(evalAt(d + 1, base + t.idx[at] * inSt[d]) * t.w[at]);
    for (let j = 1; j < t.k; j++) acc = r(acc + r(evalAt(d + 1, base + t.idx[at + j] * inSt[d]) * t.w[at + j]));
    return acc;
  };
  for (let c = 0; c < p.planes; c++) {
    for (let flat = 0; flat < outPlane; flat++) {
      let rem = flat;
      for (let d = 0; d < nd; d++) {
        o[d] = Math.floor(rem / outSt[d]);
        rem -= o[d] * outSt[d];
      }
      out[c * outPlane + flat] = evalAt(0, c * inPlane);
    }
  }
  return out;
}

const NODE: Record<string, string> = {
  'nearest1': 'UpsampleNearest1DBackward0', 'nearest2': 'UpsampleNearest2DBackward0', 'nearest3': 'UpsampleNearest3DBackward0',
  'nearest-exact1': 'UpsampleNearestExact1DBackward0', 'nearest-exact2': 'UpsampleNearestExact2DBackward0', 'nearest-exact3': 'UpsampleNearestExact3DBackward0',
  'linear1': 'UpsampleLinear1DBackward0', 'bilinear2': 'UpsampleBilinear2DBackward0', 'trilinear3': 'UpsampleTrilinear3DBackward0',
  'bicubic2': 'UpsampleBicubic2DBackward0',
};

/** upsample_*d_common_check's size check. */
function checkSizes(x: Tensor, size: readonly number[]): void {
  const ins = x.shape.slice(2);
  if (ins.every((n) => n > 0) && size.every((n) => n > 0)) return;
  const names = ['D', 'H', 'W'].slice(3 - ins.length);
  const fmt = (v: readonly number[]) => v.map((n, i) => `${names[i]}: ${n}`).join(', ');
  const join = ins.length === 1 ? ') and output (' : ') output (';
  throw new PyError('RuntimeError', `Input and output sizes should be greater than 0, but got input (${fmt(ins)}${join}${fmt(size)})`);
}

const DISPATCH: Record<UpsampleMode, string> = {
  'nearest': 'compute_indices_weights_nearest', 'nearest-exact': 'compute_indices_weights_nearest', 'linear': 'compute_indices_weights_linear',
  'bilinear': 'compute_indices_weights_linear', 'trilinear': 'compute_indices_weights_linear', 'bicubic': 'compute_indices_weights_cubic',
};

/** torch._C._nn.upsample_<mode><n>d(x, size, scales): `size` are the output spatial sizes; `scales`
 * the scale factors the index rule uses when given (not recomputed). */
export function upsample(x: Tensor, mode: UpsampleMode, size: readonly number[], scales: readonly (number | null)[], alignCorners: boolean): Tensor {
  checkSizes(x, size);
  if (x.dtype !== 'uint8' || !mode.startsWith('nearest')) checkDispatch(x, DISPATCH[mode], 'none');
  const p = plan(x, mode, size, scales, alignCorners);
  const r = x.dtype === 'float64' ? (v: number) => v : f32;
  const out = poolOutput(x, [x.shape[0], x.shape[1], ...size], forward(p, poolValues(x), r));
  const node = recordOp(NODE[`${mode}${x.ndim - 2}`], [x], [out]);
  if (node) {
    node.save(x);
    node.ctx = { mode, size: size.slice(), scales: scales.slice(), alignCorners };
  }
  return out;
}

registerFormula(Object.values(NODE), (node, grads) => {
  const x = savedTensor(node, 0);
  const p = plan(x, ctxField<UpsampleMode>(node, 'mode'), ctxField<number[]>(node, 'size'), ctxField<(number | null)[]>(node, 'scales'), ctxField<boolean>(node, 'alignCorners'));
  const g = grads[0]!.dataSync();
  const gx = new Float64Array(x.numel());
  eachTap(p, (oi, ii, w) => (gx[ii] += Number(g[oi]) * w));
  return [poolOutput(x, x.shape, gx)];
});
