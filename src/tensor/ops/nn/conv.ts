// conv1d / conv2d (stride, padding incl. 'same'/'valid', dilation, groups) as im2col + the GEMM
// kernels: per (batch, group), the receptive fields are unrolled into a (C/g·kH·kW) × (oH·oW)
// matrix and multiplied by the group's (O/g) × (C/g·kH·kW) weight rows. conv1d is conv2d with a
// height of 1. Checks and error texts follow ATen's ConvUtils (asked of the oracle), unbatched
// inputs go through unsqueeze/squeeze as in ATen (so they show SqueezeBackward1), and results
// record ConvolutionBackward0. PyTorch runs oneDNN here, whose summation order is its own:
// results agree within tolerance, not bit for bit. On the webgpu device float32 convolutions run
// on the GPU (webgpu/kernels/conv.ts: im2col + the matmul kernels), the same checks and record.

import { gpuForWork } from '../../webgpu/active';
import { gpuConv2d, type Conv2dParams } from '../../webgpu/kernels/conv';
import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { contiguous, squeeze, unsqueeze } from '../views';
import { gemmAny } from '../linalg/kernels/gemm';
import { roundHalf } from '../linalg/layout';
import { floatValues, type FloatArr } from './rows';
import { emitNnWarning } from './warnings';

/** Numbers, or 'same' / 'valid'; any other string is PyTorch's "Invalid padding string" error. */
export type ConvPadding = number | readonly number[] | string;

export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
}

const expandArg = (v: number | readonly number[], n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.length === 1 ? new Array<number>(n).fill(v[0]) : v.slice());

/** F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1). */
export function conv1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvOptions = {}): Tensor {
  return convNd(input, weight, bias, opts, 1);
}

/** F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1). */
export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvOptions = {}): Tensor {
  return convNd(input, weight, bias, opts, 2);
}

function convNd(input: Tensor, weight: Tensor, bias: Tensor | null, opts: ConvOptions, s: 1 | 2): Tensor {
  const name = `conv${s}d`;
  if (input.ndim !== s + 1 && input.ndim !== s + 2)
    throw new PyError('RuntimeError', `Expected ${s + 1}D (unbatched) or ${s + 2}D (batched) input to ${name}, but got input of size: ${shapeList(input.shape)}`);
  if (input.ndim === s + 1) return squeeze(convBatched(unsqueeze(input, 0), weight, bias, opts, s), 0);
  return convBatched(input, weight, bias, opts, s);
}

function convBatched(input: Tensor, weight: Tensor, bias: Tensor | null, opts: ConvOptions, s: 1 | 2): Tensor {
  const stride = expandArg(opts.stride ?? 1, s);
  const dilation = expandArg(opts.dilation ?? 1, s);
  const groups = opts.groups ?? 1;
  const kernel = weight.shape.slice(2);
  // Padding per side: [before, after] for each spatial dim.
  let padBefore: number[];
  let padAfter: number[];
  const padding = opts.padding ?? 0;
  if (padding === 'valid') {
    padBefore = new Array<number>(s).fill(0);
    padAfter = padBefore.slice();
  } else if (padding === 'same') {
    if (stride.some((v) => v !== 1)) throw new PyError('RuntimeError', "padding='same' is not supported for strided convolutions");
    const total = kernel.map((k, i) => dilation[i] * (k - 1));
    padBefore = total.map((t) => Math.floor(t / 2));
    padAfter = total.map((t, i) => t - padBefore[i]);
    if (total.some((t) => t % 2 !== 0))
      emitNnWarning(
        'UserWarning',
        "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created (Triggered internally at ./aten/src/ATen/native/Convolution.cpp:1036.)",
      );
  } else if (typeof padding === 'string') {
    throw new PyError('RuntimeError', `Invalid padding string: '${padding}'`);
  } else {
    padBefore = expandArg(padding, s);
    padAfter = padBefore.slice();
  }
  const [n, cIn] = input.shape;
  const spatialIn = input.shape.slice(2);
  if (weight.ndim !== s + 2)
    throw new PyError('RuntimeError', `weight should have at least three dimensions`);
  const [cOut, cPerGroup] = weight.shape;
  if (cOut % groups !== 0)
    throw new PyError('RuntimeError', `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${shapeList(weight.shape)}] instead`);
  if (cIn !== cPerGroup * groups)
    throw new PyError(
      'RuntimeError',
      `Given groups=${groups}, weight of size ${shapeList(weight.shape)}, expected input${shapeList(input.shape)} to have ${cPerGroup * groups} channels, but got ${cIn} channels instead`,
    );
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== cOut))
    throw new PyError('RuntimeError', `Given weight of size ${shapeList(weight.shape)}, expected bias to be 1-dimensional with ${cOut} elements, but got bias of size ${shapeList(bias.shape)} instead`);
  const padded = spatialIn.map((v, i) => v + padBefore[i] + padAfter[i]);
  const dilatedK = kernel.map((k, i) => dilation[i] * (k - 1) + 1);
  if (padded.some((v, i) => v < dilatedK[i]))
    throw new PyError(
      'RuntimeError',
      `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${dilatedK.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  if (input.dtype !== weight.dtype)
    throw new PyError('RuntimeError', `expected scalar type ${scalarTypeName(input.dtype)} but found ${scalarTypeName(weight.dtype)}`);
  const outSpatial = padded.map((v, i) => Math.floor((v - dilatedK[i]) / stride[i]) + 1);

  // Work in 2-d: a 1-d conv is a 2-d one with height 1.
  const [H, W] = s === 2 ? spatialIn : [1, spatialIn[0]];
  const [kh, kw] = s === 2 ? kernel : [1, kernel[0]];
  const [sh, sw] = s === 2 ? stride : [1, stride[0]];
  const [dh, dw] = s === 2 ? dilation : [1, dilation[0]];
  const [ph, pw] = s === 2 ? padBefore : [0, padBefore[0]];
  const [oh, ow] = s === 2 ? outSpatial : [1, outSpatial[0]];
  const geo: Geometry = { n, cIn, cOut, cPerGroup, groups, H, W, kh, kw, sh, sw, dh, dw, ph, pw, oh, ow };
  const out = gpuConv(input, weight, bias, geo, s) ?? cpuConv(input, weight, bias, geo, outSpatial);
  const node = recordOp('ConvolutionBackward0', [input, weight, bias], [out]);
  if (node) {
    node.save(input, weight);
    // opts: the backward's double-backward re-runs this convolution (autograd/formulas/conv.ts)
    node.ctx = { stride, padding: padBefore, paddingAfter: padAfter, dilation, groups, opts };
  }
  return out;
}

/** A checked convolution in 2-d terms (a 1-d one has height 1, kh = sh = dh = 1, ph = 0). */
interface Geometry {
  n: number;
  cIn: number;
  cOut: number;
  cPerGroup: number;
  groups: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  ph: number;
  pw: number;
  oh: number;
  ow: number;
}

/** The CPU kernel: im2col per (batch, group) and the GEMM kernels. */
function cpuConv(input: Tensor, weight: Tensor, bias: Tensor | null, geo: Geometry, outSpatial: readonly number[]): Tensor {
  const { n, cIn, cOut, cPerGroup, groups, H, W, kh, kw, sh, sw, dh, dw, ph, pw, oh, ow } = geo;
  const x = floatValues(contiguous(input));
  const wc = contiguous(weight);
  const out = Tensor.empty([n, cOut, ...outSpatial], input.dtype, input.device);
  const od = out.storage.data as FloatArr;
  const kk = cPerGroup * kh * kw;
  const cols = oh * ow;
  const oPerGroup = cOut / groups;
  const col = input.dtype === 'float64' ? new Float64Array(kk * cols) : new Float32Array(kk * cols);
  for (let b = 0; b < n; b++)
    for (let g = 0; g < groups; g++) {
      // im2col for this (batch, group).
      for (let c = 0; c < cPerGroup; c++) {
        const plane = (b * cIn + g * cPerGroup + c) * H * W;
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const row = ((c * kh + i) * kw + j) * cols;
            for (let y = 0; y < oh; y++) {
              const iy = y * sh - ph + i * dh;
              const inside = iy >= 0 && iy < H;
              for (let z = 0; z < ow; z++) {
                const ix = z * sw - pw + j * dw;
                col[row + y * ow + z] = inside && ix >= 0 && ix < W ? x[plane + iy * W + ix] : 0;
              }
            }
          }
      }
      gemmAny(
        input.dtype,
        oPerGroup,
        cols,
        kk,
        { data: wc.storage.data, off: wc.offset + g * oPerGroup * kk, rs: kk, cs: 1 },
        { data: col, off: 0, rs: cols, cs: 1 },
        { data: od, off: (b * cOut + g * oPerGroup) * cols, rs: cols, cs: 1 },
      );
    }
  if (bias !== null) {
    const bv = floatValues(bias);
    const f = input.dtype === 'float64' ? (v: number) => v : Math.fround;
    for (let b = 0; b < n; b++)
      for (let o = 0; o < cOut; o++) {
        const base = (b * cOut + o) * cols;
        for (let p = 0; p < cols; p++) od[base + p] = f(od[base + p] + bv[o]);
      }
  }
  roundHalf(out);
  return out;
}

/**
 * The convolution on the webgpu device's GPU (float32; webgpu/kernels/conv.ts), or null for the
 * CPU path. The arguments are checked; a 1-d conv runs as a 2-d one of height 1 (views, no copies).
 */
function gpuConv(input: Tensor, weight: Tensor, bias: Tensor | null, g: Geometry, s: 1 | 2): Tensor | null {
  if (input.dtype !== 'float32') return null;
  const ctx = gpuForWork(g.n * g.cOut * g.oh * g.ow, input, weight, bias);
  if (ctx === null) return null;
  const p: Conv2dParams = { stride: [g.sh, g.sw], padding: [g.ph, g.pw], dilation: [g.dh, g.dw], groups: g.groups, outSize: [g.oh, g.ow] };
  if (s === 2) return gpuConv2d(ctx, input, weight, bias, p);
  const as2d = (t: Tensor): Tensor => new Tensor(t.storage, [t.shape[0], t.shape[1], 1, t.shape[2]], [t.strides[0], t.strides[1], t.strides[2] * t.shape[2], t.strides[2]], t.offset);
  const y = gpuConv2d(ctx, as2d(input), as2d(weight), bias, p);
  return y === null ? null : new Tensor(y.storage, [y.shape[0], y.shape[1], y.shape[3]]);
}
