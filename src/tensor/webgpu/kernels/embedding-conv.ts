// Embedding lookup and 2-D convolution on the GPU. Embedding gathers rows of a float32 weight by
// indices that are on the host (int64 always is — see storage.ts), so they are range-checked there
// with PyTorch's error and uploaded as i32. conv2d is im2col (one kernel writing the unfolded
// input, transposed so each output position is a row) followed by the tiled matmul with the
// bias fused into its epilogue; the [N, HW, O] result is permuted to NCHW with one GPU copy.

import { PyError } from '../../../errors';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { gpuMatmul } from './matmul';
import { contiguousGpu } from './rows';

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage;

const EMBED = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> Wt: array<f32>;
@group(0) @binding(3) var<storage, read> I: array<i32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = gid.x + gid.y * nwg.x * 64u;
  let n = mt.w[0].x; let D = mt.w[0].y;
  if (o >= n * D) { return; }
  let row = u32(I[o / D]);
  O[o] = Wt[mt.w[0].z + row * mt.w[0].w + (o % D) * mt.w[1].x];
}`;

/** weight [V, D] float32 on webgpu, indices (host-readable integers) → [...indices.shape, D]. */
export function gpuEmbedding(ctx: GpuContext, weight: Tensor, indices: Tensor): Tensor | null {
  if (!isGpuF32(weight) || weight.ndim !== 2 || !indices.storage.hostCurrent) return null;
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') return null;
  const V = weight.shape[0];
  const D = weight.shape[1];
  const idx = indices.dataSync();
  const words = new Int32Array(Math.max(1, idx.length));
  for (let i = 0; i < idx.length; i++) {
    const v = Number(idx[i]);
    if (v < 0 || v >= V) throw new PyError('IndexError', 'index out of range in self');
    words[i] = v;
  }
  const out = Tensor.empty([...indices.shape, D], 'float32', 'webgpu');
  const total = idx.length * D;
  if (total === 0) return out;
  const meta = new Uint32Array(64);
  meta.set([idx.length, D, weight.offset, weight.strides[0], weight.strides[1]]);
  const groups = Math.ceil(total / 64);
  const gx = Math.min(groups, 65535);
  const wb = (weight.storage as WebGPUStorage).bufferForRead();
  const ib = ctx.scratchUpload(words);
  ctx.dispatch('embedding', ctx.pipeline('embedding', EMBED), [(out.storage as WebGPUStorage).bufferForWrite(true), wb, ib], meta, gx, Math.ceil(groups / gx));
  return out;
}

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
  padding: [number, number];
  dilation: [number, number];
}

/** conv2d (groups = 1) of float32 x [N, C, H, W] with w [O, C, KH, KW] and optional bias [O]. */
export function gpuConv2d(ctx: GpuContext, input: Tensor, weight: Tensor, bias: Tensor | null, p: Conv2dParams): Tensor | null {
  if (!isGpuF32(input) || !isGpuF32(weight) || (bias !== null && !isGpuF32(bias))) return null;
  if (input.ndim !== 4 || weight.ndim !== 4 || weight.shape[1] !== input.shape[1]) return null;
  const x = contiguousGpu(input);
  const [N, C, H, W] = x.shape;
  const [O, , KH, KW] = weight.shape;
  const [sh, sw] = p.stride;
  const [ph, pw] = p.padding;
  const [dh, dw] = p.dilation;
  const OH = Math.floor((H + 2 * ph - dh * (KH - 1) - 1) / sh) + 1;
  const OW = Math.floor((W + 2 * pw - dw * (KW - 1) - 1) / sw) + 1;
  if (OH <= 0 || OW <= 0) return null;
  const CKK = C * KH * KW;
  const cols = Tensor.empty([N, OH * OW, CKK], 'float32', 'webgpu');
  const total = N * OH * OW * CKK;
  const meta = new Uint32Array(64);
  meta.set([C, H, W, KH, KW, OH, OW, N, sh, sw, ph, pw, dh, dw, x.offset]);
  const groups = Math.ceil(total / 64);
  const gx = Math.min(groups, 65535);
  ctx.dispatch('conv2d:im2col', ctx.pipeline('im2col', IM2COL), [(cols.storage as WebGPUStorage).bufferForWrite(true), (x.storage as WebGPUStorage).bufferForRead()], meta, gx, Math.ceil(groups / gx));
  // w as [CKK, O] (a transposed view: no copy)
  const wc = contiguousGpu(weight);
  const wt = new Tensor(wc.storage, [CKK, O], [1, CKK], wc.offset);
  const y = gpuMatmul(ctx, cols, wt, { bias })!; // [N, OH*OW, O]
  const nchw = new Tensor(y.storage, [N, O, OH, OW], [OH * OW * O, 1, OW * O, O], 0);
  return contiguousGpu(nchw);
}
