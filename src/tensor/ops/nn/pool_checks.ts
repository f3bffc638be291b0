// Argument and shape checks of the pooling ops, in ATen's order and words (Pool.h's
// pooling_output_shape and pool2d_shape_check, MaxPooling.cpp's check_max_pool1d, the meta
// functions of max_pool2d_with_indices / avg_pool2d, TensorUtils' checkDimRange / check1d). The
// kernels in pool.ts and pool_adaptive.ts call these before touching data, so a wrong call fails
// with PyTorch's RuntimeError text whichever door (F.* or an nn layer) it came through.

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { scalarTypeName } from '../../promotion';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { roundHalf } from '../linalg/layout';

const fail = (msg: string): never => {
  throw new PyError('RuntimeError', msg);
};

/** Python-style floor division (ATen's div_rtn). */
const divRtn = (a: number, b: number): number => Math.floor(a / b);

/** ATen's pooling_output_shape: its own checks, then floor/ceil division, and a ceil-mode window
 * may not start in the right padding. */
export function poolingOutputShape(len: number, k: number, pad: number, stride: number, dil: number, ceil: boolean): number {
  if (stride === 0) fail('stride should not be zero');
  if (pad < 0) fail(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(((k - 1) * dil + 1) / 2))
    fail(`pad should be at most half of effective kernel size, but got pad=${pad}, kernel_size=${k} and dilation=${dil}`);
  let out = divRtn(len + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
  if (ceil && (out - 1) * stride >= len + pad) out--;
  return out;
}

/** The resolved window of a 2-d pool (all pairs). */
export interface Window2d {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

/** pool2d_shape_check (contiguous layout), given the output size already computed. */
export function pool2dShapeCheck(input: Tensor, w: Window2d, oh: number, ow: number): void {
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [ph, pw] = w.padding;
  const [dh, dw] = w.dilation;
  if (!(kw > 0 && kh > 0)) fail(`kernel size should be greater than zero, but got kH: ${kh} kW: ${kw}`);
  if (!(sw > 0 && sh > 0)) fail(`stride should be greater than zero, but got dH: ${sh} dW: ${sw}`);
  if (!(dh > 0 && dw > 0)) fail(`dilation should be greater than zero, but got dilationH: ${dh} dilationW: ${dw}`);
  const s = input.shape;
  const nd = input.ndim;
  const validDims = s[1] !== 0 && s[2] !== 0;
  if (!((nd === 3 && s[0] !== 0 && validDims) || (nd === 4 && validDims && s[3] !== 0)))
    fail(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:${shapeList(s)}`);
  if (!(Math.trunc(kw / 2) >= pw && Math.trunc(kh / 2) >= ph))
    fail(`pad should be smaller than or equal to half of kernel size, but got padW = ${pw}, padH = ${ph}, kW = ${kw}, kH = ${kh}`);
  const c = s[nd - 3];
  const [h, wd] = [s[nd - 2], s[nd - 1]];
  if (!(ow >= 1 && oh >= 1))
    fail(`Given input size: (${c}x${h}x${wd}). Calculated output size: (${c}x${oh}x${ow}). Output size is too small`);
}

/** An IntArrayRef[2] argument of a 2-d pool: one int means both; else exactly two. */
export function pairArg(v: readonly number[], fn: string, what: string, text: string, emptyOk = false): [number, number] | null {
  if (emptyOk && v.length === 0) return null;
  if (v.length !== 1 && v.length !== 2) fail(`${fn}: ${what} ${text}`);
  return [v[0], v.length === 2 ? v[1] : v[0]];
}

/** checkDimRange(fn, TensorArg(self, "self", 1), lo, hi exclusive). */
export function checkDimRange(t: Tensor, fn: string, lo: number, hiExclusive: number): void {
  if (t.ndim < lo || t.ndim >= hiExclusive)
    fail(`Expected ${lo} to ${hiExclusive - 1} dimensions, but got ${t.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for ${fn})`);
}

/** check1d(fn, name, arg). */
export function check1d(v: readonly number[], fn: string, name: string): void {
  if (v.length !== 1) fail(`${fn}() argument '${name}' should contain one int (got ${v.length})`);
}

/** AT_DISPATCH's refusal of a dtype: `"name" not implemented for 'Long'`. `ints`: which integer
 * types the kernel's dispatch macro also takes ('all' = ALL_TYPES, 'long' = FLOATING_AND(Long)). */
export function checkDispatch(t: Tensor, name: string, ints: 'none' | 'long' | 'all'): void {
  if (isFloating(t.dtype)) return;
  if (ints === 'all' && t.dtype !== 'bool') return;
  if (ints === 'long' && t.dtype === 'int64') return;
  fail(`"${name}" not implemented for '${scalarTypeName(t.dtype)}'`);
}

/** Row-major values of a pooled input as doubles-or-floats (integers widened exactly enough:
 * pooling inputs are small). */
export function poolValues(t: Tensor): ArrayLike<number> {
  const d = t.dataSync();
  if (d instanceof BigInt64Array) return Float64Array.from(d, Number);
  return d as ArrayLike<number>;
}

/** A fresh output of `shape` like `like`, filled from doubles (integers truncate toward zero, as
 * ATen's integer division does; floats round once to the dtype). */
export function poolOutput(like: Tensor, shape: readonly number[], data: ArrayLike<number>, dtype = like.dtype): Tensor {
  const out = Tensor.empty(shape, dtype, like.device);
  const o = out.storage.data;
  if (o instanceof BigInt64Array) for (let i = 0; i < data.length; i++) o[i] = BigInt(Math.trunc(data[i]));
  else if (isFloating(dtype)) (o as Float32Array | Float64Array).set(data);
  else for (let i = 0; i < data.length; i++) (o as Int32Array)[i] = Math.trunc(data[i]);
  roundHalf(out);
  return out;
}

/** The (N·C planes, H, W) split of a 3-d or 4-d input. */
export interface Planes {
  planes: number;
  h: number;
  w: number;
  lead: number[];
}

export function planesOf(input: Tensor): Planes {
  const lead = input.shape.slice(0, input.ndim - 2);
  return { planes: lead.reduce((a, b) => a * b, 1), h: input.shape[input.ndim - 2], w: input.shape[input.ndim - 1], lead };
}
