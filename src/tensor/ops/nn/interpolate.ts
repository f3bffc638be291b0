// F.interpolate's argument rules (torch/nn/functional.py, 2.6) in front of the resampling kernels
// (upsample.ts) and, for mode='area', adaptive average pooling (pool_adaptive.ts): align_corners
// only with the interpolating modes, exactly one of size / scale_factor (a scalar repeated per
// spatial dim, a sequence checked against them), recompute_scale_factor (always on for 'area' with a
// scale factor) turning scale factors into a size, antialias's restriction, then the op for the
// input's rank and mode — or PyTorch's error for a pair that has none.

import { PyError } from '../../../errors';
import type { Tensor } from '../../tensor';
import { adaptiveAvgPool1dOp, adaptiveAvgPool2d, adaptiveAvgPool3d } from './pool_adaptive';
import { type UpsampleMode, upsample } from './upsample';

export interface InterpolateOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  mode?: string;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
  antialias?: boolean;
  /** Python's repr of a sequence size / scale_factor, for the messages (default: a list). */
  sizeRepr?: string;
  scaleRepr?: string;
  /** `type(x)` reprs of a sequence size's items when one is not an int (the TypeError's list). */
  sizeTypes?: string[] | null;
}

const valueError = (m: string): PyError => new PyError('ValueError', m);
const list = (xs: readonly number[]): string => `[${xs.join(', ')}]`;

export function interpolate(x: Tensor, o: InterpolateOptions): Tensor {
  const mode = o.mode ?? 'nearest';
  let alignCorners = o.alignCorners ?? null;
  if (mode === 'nearest' || mode === 'area' || mode === 'nearest-exact') {
    if (alignCorners !== null) throw valueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  } else if (alignCorners === null) alignCorners = false;
  const dim = x.ndim - 2;
  const spatial = list(x.shape.slice(2));
  const size = o.size ?? null;
  const sf = o.scaleFactor ?? null;
  let outSize: number[] | null = null;
  let scales: number[] | null = null;
  if (size !== null && sf !== null) throw valueError('only one of size or scale_factor should be defined');
  if (size !== null) {
    if (typeof size !== 'number') {
      if (size.length !== dim)
        throw valueError(
          `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and output size of ${o.sizeRepr ?? list(size)}. ` +
            'Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.',
        );
      if (o.sizeTypes)
        throw new PyError('TypeError', `expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, int], but got size with types [${o.sizeTypes.join(', ')}]`);
      outSize = size.slice();
    } else outSize = new Array<number>(Math.max(dim, 0)).fill(size);
  } else if (sf !== null) {
    if (typeof sf !== 'number') {
      if (sf.length !== dim)
        throw valueError(
          `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and scale_factor of shape ${o.scaleRepr ?? list(sf)}. ` +
            'Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.',
        );
      scales = sf.slice();
    } else scales = new Array<number>(Math.max(dim, 0)).fill(sf);
  } else throw valueError('either size or scale_factor should be defined');

  let recompute = o.recomputeScaleFactor ?? null;
  if (recompute && size !== null) throw valueError('recompute_scale_factor is not meaningful with an explicit size.');
  if (mode === 'area' && outSize === null) recompute = true;
  if (recompute && scales !== null) {
    outSize = scales.map((s, i) => Math.trunc(x.shape[i + 2] * s));
    scales = null;
  }
  if (o.antialias && !((mode === 'bilinear' || mode === 'bicubic') && x.ndim === 4))
    throw valueError('Anti-alias option is restricted to bilinear and bicubic modes and requires a 4-D tensor as input');
  if (o.antialias) throw new PyError('NotImplementedError', `F.interpolate(antialias=True) (_upsample_${mode}2d_aa) is not supported by this engine yet`);

  // C++'s compute_output_size: a scale factor gives trunc(in · scale), and the kernel uses it
  const sizes = outSize ?? scales!.map((s, i) => Math.trunc(x.shape[i + 2] * s));
  const sc = scales ?? sizes.map(() => null);
  const ok: Record<string, number> = { nearest: 0, 'nearest-exact': 0, area: 0, linear: 1, bilinear: 2, trilinear: 3, bicubic: 2 };
  if (mode === 'area' && dim >= 1 && dim <= 3)
    return dim === 1 ? adaptiveAvgPool1dOp(x, sizes) : dim === 2 ? adaptiveAvgPool2d(x, sizes) : adaptiveAvgPool3d(x, sizes);
  if ((ok[mode] === 0 && dim >= 1 && dim <= 3) || (ok[mode] !== undefined && ok[mode] > 0 && ok[mode] === dim))
    return upsample(x, mode as UpsampleMode, sizes, sc, alignCorners === true);
  const need: Record<string, number> = { linear: 3, bilinear: 4, trilinear: 5 };
  if (need[mode] !== undefined && x.ndim >= 3 && x.ndim <= 5)
    throw new PyError('NotImplementedError', `Got ${x.ndim}D input, but ${mode} mode needs ${need[mode]}D input`);
  throw new PyError(
    'NotImplementedError',
    `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${x.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
  );
}
