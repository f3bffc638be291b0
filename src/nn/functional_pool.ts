// torch.nn.functional's pooling functions (torch/nn/functional.py) over the engine's ops
// (tensor/ops/nn/pool.ts, pool_adaptive.ts). These are the Python-level rules — stride None means
// [], return_indices picks the `_with_indices` op (boolean_dispatch), a tuple output_size may hold
// None (_list_with_default) — taking the call's Python values. The F.* bindings and the nn pooling
// layers' forwards both call them, so a layer fails exactly as the functional it wraps.

import { typeError } from '../errors';
import { PyFloat, PyList, PyTuple, type PyValue } from '../python/object';
import {
  adaptiveAvgPool1dOp, adaptiveAvgPool2d, adaptiveMaxPool1dWithIndices, adaptiveMaxPool2dWithIndices, avgPool1dOp, avgPool2d,
  listWithDefault, maxPool1d, maxPool1dWithIndicesOp, maxPool2d, maxPool2dWithIndices,
} from '../tensor/ops/nn/pool';
import { Tensor } from '../tensor/tensor';

const truthy = (v: PyValue): boolean => !(v === null || v === false || v === 0 || v === '');

function pyTypeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (v instanceof PyFloat) return 'float';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyList) return 'list';
  if (v instanceof Tensor) return 'Tensor';
  return 'object';
}

/** The Tensor first argument of a torch op (the argument parser's TypeError otherwise). */
export function inputArg(v: PyValue, fn: string): Tensor {
  if (v instanceof Tensor) return v;
  throw typeError(`${fn}(): argument 'input' (position 1) must be Tensor, not ${pyTypeName(v)}`);
}

/** An `int[n]` argument as the parser reads it: an int repeats n times, a tuple/list is as is. */
export function intList(v: PyValue, n: number, fn: string, name: string, pos: number): number[] {
  const one = (x: PyValue, i: number): number => {
    if (typeof x === 'number') return x;
    if (typeof x === 'boolean') return x ? 1 : 0;
    throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be tuple of ints, but found element of type ${pyTypeName(x)} at pos ${i}`);
  };
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map(one);
  if (typeof v === 'number' || typeof v === 'boolean') return new Array<number>(n).fill(one(v, 0));
  throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be tuple of ints, not ${pyTypeName(v)}`);
}

/** An output_size that may hold None entries (adaptive pooling). */
function sizeList(v: PyValue, n: number, fn: string): (number | null)[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => (x === null ? null : intList(x, 1, fn, 'output_size', 2)[0]));
  return intList(v, n, fn, 'output_size', 2);
}

const pair = (r: [Tensor, Tensor]): PyTuple => new PyTuple(r);
const strideOf = (s: PyValue, n: number, fn: string): number[] => (s === null ? [] : intList(s, n, fn, 'stride', 3));

/** F.max_pool1d / F.max_pool1d_with_indices (withIndices forces the tuple). */
export function fMaxPool1d(v: PyValue[], withIndices = false): PyValue {
  const [x, k, s, p, d, cm, ri] = v;
  const fn = truthy(ri) || withIndices ? 'max_pool1d_with_indices' : 'max_pool1d';
  const t = inputArg(x, fn);
  const a = { kernel: intList(k, 1, fn, 'kernel_size', 2), stride: strideOf(s, 1, fn), padding: intList(p, 1, fn, 'padding', 4), dilation: intList(d, 1, fn, 'dilation', 5), ceilMode: truthy(cm) };
  return fn === 'max_pool1d' ? maxPool1d(t, a) : pair(maxPool1dWithIndicesOp(t, a));
}

/** F.max_pool2d / F.max_pool2d_with_indices. */
export function fMaxPool2d(v: PyValue[], withIndices = false): PyValue {
  const [x, k, s, p, d, cm, ri] = v;
  const fn = truthy(ri) || withIndices ? 'max_pool2d_with_indices' : 'max_pool2d';
  const t = inputArg(x, fn);
  const a = { kernel: intList(k, 2, fn, 'kernel_size', 2), stride: strideOf(s, 2, fn), padding: intList(p, 2, fn, 'padding', 4), dilation: intList(d, 2, fn, 'dilation', 5), ceilMode: truthy(cm) };
  return fn === 'max_pool2d' ? maxPool2d(t, a) : pair(maxPool2dWithIndices(t, a));
}

/** F.avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True). */
export function fAvgPool1d(v: PyValue[]): PyValue {
  const [x, k, s, p, cm, cip] = v;
  const t = inputArg(x, 'avg_pool1d');
  return avgPool1dOp(t, {
    kernel: intList(k, 1, 'avg_pool1d', 'kernel_size', 2), stride: strideOf(s, 1, 'avg_pool1d'), padding: intList(p, 1, 'avg_pool1d', 'padding', 4),
    ceilMode: truthy(cm), countIncludePad: truthy(cip),
  });
}

/** F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None). */
export function fAvgPool2d(v: PyValue[]): PyValue {
  const [x, k, s, p, cm, cip, div] = v;
  const t = inputArg(x, 'avg_pool2d');
  let divisor: number | null = null;
  if (div !== null) divisor = intList(div, 1, 'avg_pool2d', 'divisor_override', 7)[0];
  return avgPool2d(t, {
    kernel: intList(k, 2, 'avg_pool2d', 'kernel_size', 2), stride: strideOf(s, 2, 'avg_pool2d'), padding: intList(p, 2, 'avg_pool2d', 'padding', 4),
    ceilMode: truthy(cm), countIncludePad: truthy(cip), divisorOverride: divisor,
  });
}

/** F.adaptive_avg_pool1d(input, output_size). */
export function fAdaptiveAvgPool1d(v: PyValue[]): PyValue {
  const t = inputArg(v[0], 'adaptive_avg_pool1d');
  return adaptiveAvgPool1dOp(t, intList(v[1], 1, 'adaptive_avg_pool1d', 'output_size', 2));
}

/** F.adaptive_avg_pool2d(input, output_size). */
export function fAdaptiveAvgPool2d(v: PyValue[]): PyValue {
  const t = inputArg(v[0], 'adaptive_avg_pool2d');
  const size = listWithDefault(typeof v[1] === 'number' ? v[1] : sizeList(v[1], 2, 'adaptive_avg_pool2d'), t.shape);
  return adaptiveAvgPool2d(t, typeof size === 'number' ? [size, size] : size);
}

/** F.adaptive_max_pool1d(input, output_size, return_indices=False). */
export function fAdaptiveMaxPool1d(v: PyValue[], withIndices = false): PyValue {
  const t = inputArg(v[0], 'adaptive_max_pool1d');
  const r = adaptiveMaxPool1dWithIndices(t, intList(v[1], 1, 'adaptive_max_pool1d', 'output_size', 2));
  return truthy(v[2]) || withIndices ? pair(r) : r[0];
}

/** F.adaptive_max_pool2d(input, output_size, return_indices=False). */
export function fAdaptiveMaxPool2d(v: PyValue[], withIndices = false): PyValue {
  const t = inputArg(v[0], 'adaptive_max_pool2d');
  const size = listWithDefault(typeof v[1] === 'number' ? v[1] : sizeList(v[1], 2, 'adaptive_max_pool2d'), t.shape);
  const r = adaptiveMaxPool2dWithIndices(t, typeof size === 'number' ? [size, size] : size);
  return truthy(v[2]) || withIndices ? pair(r) : r[0];
}

/** Signatures of the F.* pooling functions (Python functions: CPython's binding rules). */
export const POOL_FUNCTIONALS: readonly [string, (v: PyValue[]) => PyValue][] = [
  ['max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)', (v) => fMaxPool1d(v)],
  ['max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)', (v) => fMaxPool1d(v, true)],
  ['max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)', (v) => fMaxPool2d(v)],
  ['max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)', (v) => fMaxPool2d(v, true)],
  ['avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)', fAvgPool1d],
  ['avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)', fAvgPool2d],
  ['adaptive_avg_pool1d(input, output_size)', fAdaptiveAvgPool1d],
  ['adaptive_avg_pool2d(input, output_size)', fAdaptiveAvgPool2d],
  ['adaptive_max_pool1d(input, output_size, return_indices=False)', (v) => fAdaptiveMaxPool1d(v)],
  ['adaptive_max_pool1d_with_indices(input, output_size, return_indices=False)', (v) => fAdaptiveMaxPool1d(v, true)],
  ['adaptive_max_pool2d(input, output_size, return_indices=False)', (v) => fAdaptiveMaxPool2d(v)],
  ['adaptive_max_pool2d_with_indices(input, output_size, return_indices=False)', (v) => fAdaptiveMaxPool2d(v, true)],
];
