// 2-D convolution on the GPU, called by ops/nn/conv.ts for float32 tensors on the webgpu device
// (conv1d arrives as a conv2d of height 1). im2col — one kernel writing the unfolded input,
// transposed so each output position is a row: cols [N, OH·OW, C·KH·KW] — then, per group, the
// matmul kernels multiply the group's column block by its weight rows (a transposed view, no
// copy) with the bias fused into the epilogue, and one GPU copy moves each [N, OH·OW, O/g] result
// into its channels of the NCHW output. Padding may differ per side (padding='same' with an even
// kernel): the caller passes the top/left padding and the output size. Null means "run the CPU
// path": a non-float32 operand, or an unfolded input larger than one storage binding may be.

import { castInto } from '../../ops/copy';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { gpuMatmul } from './matmul';
import { contiguousGpu } from './rows';

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage;

// im2col, transposed: cols[n, p, c*kh*kw + i*kw + j] = x[n, c, oh*sh - ph + i*dh, ow*sw - pw + j*dw]
const IM2COL = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = gid.x + gid.y * nwg.x * 64u;
  let C = mt.w[0].x; let H = mt.w[0].y; let W = mt.w[0].z; let KH = mt.w[0].w;
  let KW = mt.w[1].x; let OH = mt.w[1].y; let OW = mt.w[1].z; let N = mt.w[1].w;
  let sh = i32(mt.w[2].x); let sw = i32(mt.w[2].y); let ph = i32(mt.w[2].z); let pw = i32(mt.w[2].w);
  let dh = i32(mt.w[3].x); let dw = i32(mt.w[3].y);
  let CKK = C * KH * KW;
  if (o >= N * OH * OW * CKK) { return; }
  let q = o % CKK; let p = (o / CKK) % (OH * OW); let n = o / (CKK * OH * OW);
  let c = q / (KH * KW); let i = i32((q / KW) % KH); let j = i32(q % KW);
  let y = i32(p / OW) * sh - ph + i * dh;
  let x = i32(p % OW) * sw - pw + j * dw;
  var v = 0.0;
  if (y >= 0 && y < i32(H) && x >= 0 && x < i32(W)) { v = X[mt.w[3].z + ((n * C + c) * H + u32(y)) * W + u32(x)]; }
  O[o] = v;
}`;

export interface Conv2dParams {
  stride: [number, number];
  /** Padding before (top, left); the bottom/right padding only shows in `outSize`. */
  padding: [number, number];
  dilation: [number, number];
  groups?: number;
  /** [OH, OW]; default: symmetric padding. */
  outSize?: [number, number];
}

/** conv2d of float32 x [N, C, H, W] with w [O, C/groups, KH, KW] and optional bias [O]; the
 * arguments are checked by the caller. */
export function gpuConv2d(ctx: GpuContext, input: Tensor, weight: Tensor, bias: Tensor | null, p: Conv2dParams): Tensor | null {
  if (!isGpuF32(input) || !isGpuF32(weight) || (bias !== null && !isGpuF32(bias))) return null;
  const groups = p.groups ?? 1;
  if (input.ndim !== 4 || weight.ndim !== 4 || weight.shape[1] * groups !== input.shape[1] || weight.shape[0] % groups !== 0) return null;
  const x = contiguousGpu(input);
  const [N, C, H, W] = x.shape;
  const [O, Cg, KH, KW] = weight.shape;
  const [sh, sw] = p.stride;
  const [ph, pw] = p.padding;
  const [dh, dw] = p.dilation;
  const [OH, OW] = p.outSize ?? [Math.floor((H + 2 * ph - dh * (KH - 1) - 1) / sh) + 1, Math.floor((W + 2 * pw - dw * (KW - 1) - 1) / sw) + 1];
  if (OH <= 0 || OW <= 0) return null;
  const out = Tensor.empty([N, O, OH, OW], 'float32', 'webgpu');
  const P = OH * OW;
  const CKK = C * KH * KW;
  const total = N * P * CKK;
  if (N * O * P === 0) return out;
  if (total === 0 || total * 4 > ctx.device.limits.maxStorageBufferBindingSize) return null;
  const cols = Tensor.empty([N, P, CKK], 'float32', 'webgpu');
  const meta = new Uint32Array(64);
  meta.set([C, H, W, KH, KW, OH, OW, N, sh, sw, ph, pw, dh, dw, x.offset]);
  const wgs = Math.ceil(total / 64);
  const gx = Math.min(wgs, 65535);
  ctx.dispatch('conv2d:im2col', ctx.pipeline('im2col', IM2COL), [(cols.storage as WebGPUStorage).bufferForWrite(true), (x.storage as WebGPUStorage).bufferForRead()], meta, gx, Math.ceil(wgs / gx));
  const wc = contiguousGpu(weight);
  const Og = O / groups;
  const K = Cg * KH * KW;
  for (let g = 0; g < groups; g++) {
    // the group's columns [N, P, K] and weight rows as [K, Og] (transposed views: no copies)
    const a = new Tensor(cols.storage, [N, P, K], [P * CKK, CKK, 1], g * K);
    const wt = new Tensor(wc.storage, [K, Og], [1, K], wc.offset + g * Og * K);
    const b = bias === null ? null : new Tensor(bias.storage, [Og], [bias.strides[0]], bias.offset + g * Og * bias.strides[0]);
    const y = gpuMatmul(ctx, a, wt, { bias: b });
    if (y === null) throw new Error('gpuConv2d: the matmul kernel declined float32 GPU operands');
    // y [N, P, Og] seen as NCHW, copied into channels [g·Og, (g+1)·Og) of the output
    const src = new Tensor(y.storage, [N, Og, OH, OW], [P * Og, 1, OW * Og, Og], 0);
    const dst = new Tensor(out.storage, [N, Og, OH, OW], [O * P, P, OW, 1], g * Og * P);
    castInto(dst, src);
  }
  return out;
}
