// torch.nn.functional.interpolate and its deprecated aliases (upsample, upsample_nearest,
// upsample_bilinear) at the Python level: the call's values are read as PyTorch's Python code sees
// them (a sequence size keeps its repr for the messages; non-int items give its TypeError) and
// handed to the engine's interpolate (tensor/ops/nn/interpolate.ts). nn.Upsample's forward calls
// fInterpolate too, so a layer fails exactly as F.interpolate does.

import { typeError } from '../errors';
import { PyFloat, PyList, PyTuple, type PyValue, typeOf } from '../python/object';
import { interpolate } from '../tensor/ops/nn/interpolate';
import { inputArg } from './functional_pool';
import { protocols, pyRepr } from './pyproto';

const truthy = (v: PyValue): boolean => !(v === null || v === false || v === 0 || v === '');
const isInt = (v: PyValue): boolean => typeof v === 'number' || typeof v === 'boolean';
const num = (v: PyValue): number => {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`must be real number, not ${typeOf(v).name}`);
};

/** F.interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor, antialias). */
export async function fInterpolate(v: PyValue[]): Promise<PyValue> {
  const [x, size, sf, mode, ac, rc, aa] = v;
  const t = inputArg(x, 'interpolate');
  const seq = (s: PyValue): s is PyTuple | PyList => s instanceof PyTuple || s instanceof PyList;
  let sizeTypes: string[] | null = null;
  if (seq(size) && !size.items.every(isInt)) sizeTypes = size.items.map((i) => `<class '${typeOf(i).name}'>`);
  // (PyTorch lets a scalar float size reach the C++ parser, whose overload listing we do not copy)
  if (size !== null && !seq(size) && !isInt(size)) throw typeError(`interpolate(): size must be an int or a tuple of ints, not ${typeOf(size).name}`);
  return interpolate(t, {
    size: size === null ? null : seq(size) ? size.items.map((i) => (isInt(i) ? num(i) : NaN)) : num(size),
    scaleFactor: sf === null ? null : seq(sf) ? sf.items.map(num) : num(sf),
    mode: String(mode),
    alignCorners: ac === null ? null : truthy(ac),
    recomputeScaleFactor: rc === null ? null : truthy(rc),
    antialias: truthy(aa),
    sizeRepr: seq(size) ? await pyRepr(size) : undefined,
    scaleRepr: seq(sf) ? await pyRepr(sf) : undefined,
    sizeTypes,
  });
}

const deprecated = (name: string): string => `\`nn.functional.${name}\` is deprecated. Use \`nn.functional.interpolate\` instead.`;

/** Signatures of F.interpolate and the deprecated upsample functions (Python functions). */
export const UPSAMPLE_FUNCTIONALS: readonly [string, (v: PyValue[]) => Promise<PyValue>][] = [
  ["interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None, antialias=False)", fInterpolate],
  ["upsample(input, size=None, scale_factor=None, mode='nearest', align_corners=None)", async (v) => {
    await protocols.warn('UserWarning', deprecated('upsample'));
    return fInterpolate([v[0], v[1], v[2], v[3], v[4], null, false]);
  }],
  ['upsample_nearest(input, size=None, scale_factor=None)', async (v) => {
    await protocols.warn('UserWarning', deprecated('upsample_nearest'));
    return fInterpolate([v[0], v[1], v[2], 'nearest', null, null, false]);
  }],
  ['upsample_bilinear(input, size=None, scale_factor=None)', async (v) => {
    await protocols.warn('UserWarning', deprecated('upsample_bilinear'));
    return fInterpolate([v[0], v[1], v[2], 'bilinear', true, null, false]);
  }],
];
