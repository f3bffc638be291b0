// torch.nn.init as pure functions over a shape and a destination array (RNG.md §6): the fan and
// gain arithmetic, done in double exactly as torch's Python does it, and the initialisers that
// then call uniform_/normal_/randperm. nn/ binds these to Parameters; layers.ts composes them
// into each layer's default initialisation.

import type { DType } from '../dtype';
import { PyError } from '../../errors';
import type { Generator } from './generator';
import { erf, erfinvF32 } from './erfinv';
import { randperm } from './integers';
import { normal_ } from './normal';
import { uniform_, type FloatArray } from './uniform';
import { emitRngWarning } from './warnings';

/** nn.init._calculate_fan_in_and_fan_out for a weight of shape (d0, d1, *k). */
export function calculateFanInAndFanOut(shape: readonly number[]): [fanIn: number, fanOut: number] {
  if (shape.length < 2) {
    throw new PyError('ValueError', 'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i];
  return [shape[1] * receptive, shape[0] * receptive];
}

export type FanMode = 'fan_in' | 'fan_out';

/** nn.init._calculate_correct_fan (mode is matched case-insensitively, like torch's .lower()). */
export function calculateCorrectFan(shape: readonly number[], mode: string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') {
    throw new PyError('ValueError', `Mode ${m} not supported, please use one of ['fan_in', 'fan_out']`);
  }
  const [fi, fo] = calculateFanInAndFanOut(shape);
  return m === 'fan_in' ? fi : fo;
}

const LINEAR_FNS = new Set([
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
]);

/** nn.init.calculate_gain. `param` is the leaky_relu negative slope (default 0.01); a string
 * or boolean param is rejected like torch (pass what Python passed). Python returns int 1 for the
 * linear family — callers that print it should keep that in mind. */
export function calculateGain(nonlinearity: string, param?: number | string | boolean | null): number {
  if (LINEAR_FNS.has(nonlinearity)) return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope: number;
    if (param === undefined || param === null) slope = 0.01;
    else if (typeof param === 'number') slope = param;
    else throw new PyError('ValueError', `negative_slope ${typeof param === 'boolean' ? (param ? 'True' : 'False') : param} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope * slope)); // Python's slope ** 2 is the rounded square too
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new PyError('ValueError', `Unsupported nonlinearity ${nonlinearity}`);
}

export interface KaimingOptions {
  a?: number;
  mode?: string;
  nonlinearity?: string;
}

const numel = (shape: readonly number[]) => shape.reduce((p, s) => p * s, 1);

function zeroElementNoop(shape: readonly number[]): boolean {
  if (shape.includes(0)) {
    emitRngWarning('UserWarning', 'Initializing zero-element tensors is a no-op');
    return true;
  }
  return false;
}

/** Bound of kaiming_uniform_: sqrt(3) * (gain / sqrt(fan)). */
export function kaimingUniformBound(shape: readonly number[], opts: KaimingOptions = {}): number {
  const fan = calculateCorrectFan(shape, opts.mode ?? 'fan_in');
  const gain = calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  const std = gain / Math.sqrt(fan);
  return Math.sqrt(3.0) * std;
}

/** Std of kaiming_normal_: gain / sqrt(fan). */
export function kaimingNormalStd(shape: readonly number[], opts: KaimingOptions = {}): number {
  const fan = calculateCorrectFan(shape, opts.mode ?? 'fan_in');
  const gain = calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** Std of xavier_*: gain * sqrt(2 / (fan_in + fan_out)). */
export function xavierStd(shape: readonly number[], gain = 1.0): number {
  const [fi, fo] = calculateFanInAndFanOut(shape);
  if (fi + fo === 0) throw new PyError('ZeroDivisionError', 'float division by zero');
  return gain * Math.sqrt(2.0 / (fi + fo));
}

/** Bound of xavier_uniform_: sqrt(3) * std. */
export const xavierUniformBound = (shape: readonly number[], gain = 1.0): number =>
  Math.sqrt(3.0) * xavierStd(shape, gain);

/** nn.init.uniform_(t, a, b). */
export function initUniform_(gen: Generator, dtype: DType, out: FloatArray, a = 0, b = 1): void {
  uniform_(gen, dtype, out, a, b);
}

/** nn.init.normal_(t, mean, std): path chosen by the tensor's size (contiguous). */
export function initNormal_(gen: Generator, dtype: DType, out: FloatArray, mean = 0, std = 1): void {
  normal_(gen, dtype, out, mean, std);
}

/** nn.init.kaiming_uniform_ on a contiguous tensor of `shape`. */
export function kaimingUniform_(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  shape: readonly number[],
  opts: KaimingOptions = {},
): void {
  if (zeroElementNoop(shape)) return;
  const bound = kaimingUniformBound(shape, opts);
  uniform_(gen, dtype, out, -bound, bound);
}

/** nn.init.kaiming_normal_. */
export function kaimingNormal_(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  shape: readonly number[],
  opts: KaimingOptions = {},
): void {
  if (zeroElementNoop(shape)) return;
  normal_(gen, dtype, out, 0, kaimingNormalStd(shape, opts));
}

/** nn.init.xavier_uniform_. */
export function xavierUniform_(gen: Generator, dtype: DType, out: FloatArray, shape: readonly number[], gain = 1.0): void {
  const a = xavierUniformBound(shape, gain);
  uniform_(gen, dtype, out, -a, a);
}

/** nn.init.xavier_normal_. */
export function xavierNormal_(gen: Generator, dtype: DType, out: FloatArray, shape: readonly number[], gain = 1.0): void {
  normal_(gen, dtype, out, 0, xavierStd(shape, gain));
}

/** nn.init.sparse_ on a (rows, cols) tensor: normal_(0, std) from `gen`, then per column a
 * randperm(rows) whose first ceil(sparsity * rows) entries are zeroed. torch draws those
 * randperms from the DEFAULT generator even when sparse_ gets generator=: pass it as permGen. */
export function sparse_(
  gen: Generator,
  dtype: DType,
  out: FloatArray,
  shape: readonly number[],
  sparsity: number,
  std = 0.01,
  permGen: Generator = gen,
): void {
  if (shape.length !== 2) throw new PyError('ValueError', 'Only tensors with 2 dimensions are supported');
  const [rows, cols] = shape;
  const nz = Math.ceil(sparsity * rows);
  normal_(gen, dtype, out, 0, std);
  for (let c = 0; c < cols; c++) {
    const perm = randperm(permGen, rows);
    for (let i = 0; i < nz; i++) out[perm[i] * cols + c] = 0;
  }
}

/**
 * nn.init.trunc_normal_(t, mean, std, a, b) on a float32 tensor: uniform_ between the CDF images
 * of a and b (mapped to [-1, 1]), float32 erfinv, then *= f32(std·√2), += f32(mean), clamp to
 * [f32(a), f32(b)] — each a separate float32 rounding.
 */
export function truncNormal_(gen: Generator, dtype: DType, out: FloatArray, mean = 0, std = 1, a = -2, b = 2): void {
  if (dtype !== 'float32') throw new PyError('NotImplementedError', `trunc_normal_ on ${dtype} tensors is not supported by this engine's RNG`);
  if (mean < a - 2 * std || mean > b + 2 * std) {
    emitRngWarning(
      'UserWarning',
      'mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.',
    );
  }
  const cdf = (x: number) => (1 + erf(x / Math.sqrt(2))) / 2;
  const l = cdf((a - mean) / std);
  const u = cdf((b - mean) / std);
  uniform_(gen, dtype, out, 2 * l - 1, 2 * u - 1);
  const mul = Math.fround(std * Math.sqrt(2));
  const m = Math.fround(mean);
  const lo = Math.fround(a);
  const hi = Math.fround(b);
  for (let k = 0; k < out.length; k++) {
    let x = Math.fround(erfinvF32(out[k]) * mul);
    x = Math.fround(x + m);
    out[k] = x < lo ? lo : x > hi ? hi : x;
  }
}

export { numel as shapeNumel };
