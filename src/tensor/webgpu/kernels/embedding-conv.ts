// Embedding lookup on the GPU (called by ops/nn/embedding.ts). It gathers rows of a float32 weight
// by indices that are on the host (int64 always is — see storage.ts), so they are range-checked
// there with PyTorch's error and uploaded as i32. (conv2d, once here, is in conv.ts.)

import { PyError } from '../../../errors';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';

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

// conv2d moved to conv.ts (one idea per file); re-exported here for index.ts
export { gpuConv2d, type Conv2dParams } from './conv';
