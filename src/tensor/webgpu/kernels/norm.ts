// batch_norm on the GPU, called by ops/nn/normalization.ts batchNorm for float32 tensors on the
// webgpu device (layer norm, a row kernel, lives in rows.ts). Two dispatches:
//   bn:stats — one 64-thread workgroup per channel. Training: the batch mean and the sum of
//              squared deviations over the N·spatial elements of the channel (two passes, f32
//              pairwise tree sums), invstd = 1/sqrt(var + eps), and — when given — the running
//              statistics moved in place: momentum·mean + (1 - momentum)·running, with the
//              *unbiased* variance. Eval: mean = running_mean, invstd = 1/sqrt(running_var + eps).
//              Either way it writes the per-channel mean and invstd that autograd saves.
//   bn:apply — one thread per element: y = x·alpha + beta, alpha = invstd·weight,
//              beta = bias - mean·alpha, both rounded once like the fused multiply-adds of
//              PyTorch's CPU kernel (batchnorm_cpu.ts). The f32 statistics differ from the CPU's
//              double sums in the last bits at most, so results agree within tolerance (and often
//              bit for bit).
// The running statistics are written through their buffers, which — like the CPU kernel writing
// the arrays directly — leaves their version counters alone. Null means "run the CPU path".

import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { contiguousGpu } from './rows';

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage;
const f32bits = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];

// meta: 0 N, 1 C, 2 spatial, 3 offX, 4 training, 5 hasRM, 6 hasRV, 7 offRM, 8 sRM, 9 offRV,
//       10 sRV, 11 eps bits, 12 momentum bits, 13 nan bits (WGSL has no nan literal)
const STATS = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read> X: array<f32>;
@group(0) @binding(2) var<storage, read_write> RM: array<f32>;
@group(0) @binding(3) var<storage, read_write> RV: array<f32>;
@group(0) @binding(4) var<storage, read_write> SM: array<f32>;
@group(0) @binding(5) var<storage, read_write> SI: array<f32>;
var<workgroup> red: array<f32, 64>;
fn total(v: f32, lid: u32) -> f32 {
  red[lid] = v;
  workgroupBarrier();
  for (var w = 32u; w > 0u; w = w / 2u) {
    if (lid < w) { red[lid] = red[lid] + red[lid + w]; }
    workgroupBarrier();
  }
  let t = red[0];
  workgroupBarrier();
  return t;
}
@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let ch = wid.x + wid.y * nwg.x;
  let N = mt.w[0].x; let C = mt.w[0].y; let S = mt.w[0].z; let offX = mt.w[0].w;
  if (ch >= C) { return; }
  let eps = bitcast<f32>(mt.w[2].w);
  let rm = mt.w[1].w + ch * mt.w[2].x;
  let rv = mt.w[2].y + ch * mt.w[2].z;
  if (mt.w[1].x == 0u) {
    if (lid.x == 0u) { SM[ch] = RM[rm]; SI[ch] = 1.0 / sqrt(RV[rv] + eps); }
    return;
  }
  let count = N * S;
  var s = 0.0;
  for (var k = lid.x; k < count; k = k + 64u) { s = s + X[offX + ((k / S) * C + ch) * S + k % S]; }
  let mean = total(s, lid.x) / f32(count);
  var q = 0.0;
  for (var k = lid.x; k < count; k = k + 64u) { let d = X[offX + ((k / S) * C + ch) * S + k % S] - mean; q = q + d * d; }
  let vs = total(q, lid.x);
  if (lid.x == 0u) {
    SM[ch] = mean;
    SI[ch] = select(0.0, 1.0 / sqrt(vs / f32(count) + eps), vs != 0.0 || eps != 0.0);
    let mom = bitcast<f32>(mt.w[3].x);
    if (mt.w[1].y != 0u) { RM[rm] = mom * mean + (1.0 - mom) * RM[rm]; }
    if (mt.w[1].z != 0u) {
      let unbiased = select(bitcast<f32>(mt.w[3].y), vs / f32(count - 1u), count > 1u);
      RV[rv] = mom * unbiased + (1.0 - mom) * RV[rv];
    }
  }
}`;

// meta: 0 total, 1 C, 2 spatial, 3 offX, 4 hasW, 5 hasB, 6 offW, 7 sW, 8 offB, 9 sB
const APPLY = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@group(0) @binding(3) var<storage, read> W: array<f32>;
@group(0) @binding(4) var<storage, read> Bv: array<f32>;
@group(0) @binding(5) var<storage, read> SM: array<f32>;
@group(0) @binding(6) var<storage, read> SI: array<f32>;
// a·b + c rounded once, as the CPU kernel's fused multiply-add (WGSL's fma() may round twice, and
// does on SwiftShader): the exact product by Dekker's split (f32 + and · are correctly rounded),
// added by TwoSum. Huge or non-finite operands take the plain expression (the split would overflow).
fn split(a: f32) -> vec2<f32> { let t = 4097.0 * a; let hi = t - (t - a); return vec2<f32>(hi, a - hi); }
fn fma1(a: f32, b: f32, c: f32) -> f32 {
  let p = a * b;
  if (!(abs(a) < 1e30 && abs(b) < 1e30 && abs(p) < 1e30 && abs(c) < 1e30)) { return p + c; }
  let x = split(a); let y = split(b);
  let e = ((x.x * y.x - p) + x.x * y.y + x.y * y.x) + x.y * y.y;
  let s = p + c; let v = s - p;
  let t = (p - (s - v)) + (c - v);
  return s + (t + e);
}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = gid.x + gid.y * nwg.x * 64u;
  if (o >= mt.w[0].x) { return; }
  let ch = (o / mt.w[0].z) % mt.w[0].y;
  var w = 1.0;
  if (mt.w[1].x != 0u) { w = W[mt.w[1].z + ch * mt.w[1].w]; }
  var b = 0.0;
  if (mt.w[1].y != 0u) { b = Bv[mt.w[2].x + ch * mt.w[2].y]; }
  let alpha = SI[ch] * w;
  let beta = fma1(-SM[ch], alpha, b);
  O[o] = fma1(X[mt.w[0].w + o], alpha, beta);
}`;

export interface BatchNormGpuOptions {
  training: boolean;
  momentum: number;
  eps: number;
}

export interface BatchNormResult {
  out: Tensor;
  /** Per-channel [C] mean and invstd (batch statistics in training, running ones in eval). */
  mean: Tensor;
  invstd: Tensor;
}

const buf = (t: Tensor): GPUBuffer => (t.storage as WebGPUStorage).bufferForRead();
const stride0 = (t: Tensor): number => (t.ndim === 0 ? 0 : t.strides[0]);

/**
 * batch_norm of float32 `input` (N, C, *) on the GPU, with the arguments already checked by the
 * caller (per-channel tensors hold C elements; eval mode has running statistics). Null when some
 * operand is not a float32 GPU tensor, the input is empty, or a running statistic shares storage
 * with another operand (its in-place update must not alias what the kernel reads).
 */
export function gpuBatchNorm(
  ctx: GpuContext,
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  opts: BatchNormGpuOptions,
): BatchNormResult | null {
  const operands = [input, runningMean, runningVar, weight, bias].filter((t): t is Tensor => t !== null);
  if (!operands.every(isGpuF32) || input.ndim < 2 || input.numel() === 0) return null;
  const stats = [runningMean, runningVar].filter((t): t is Tensor => t !== null);
  if (stats.some((s) => operands.some((t) => t !== s && t.storage === s.storage))) return null;
  if (!opts.training && stats.length < 2) return null;
  const x = contiguousGpu(input);
  const [N, C] = x.shape;
  const S = x.numel() / (N * C);
  const mean = Tensor.empty([C], 'float32', 'webgpu');
  const invstd = Tensor.empty([C], 'float32', 'webgpu');
  const out = Tensor.empty(x.shape, 'float32', 'webgpu');

  const sm = new Uint32Array(64);
  sm.set([N, C, S, x.offset, opts.training ? 1 : 0, runningMean ? 1 : 0, runningVar ? 1 : 0]);
  sm.set([runningMean?.offset ?? 0, runningMean ? stride0(runningMean) : 0, runningVar?.offset ?? 0, runningVar ? stride0(runningVar) : 0, f32bits(opts.eps), f32bits(opts.momentum), 0x7fc00000], 7);
  const xb = buf(x);
  // a missing running statistic still needs a writable binding of its own (never written)
  const rmb = runningMean ? (runningMean.storage as WebGPUStorage).bufferForWrite(false) : ctx.scratchBuffer(4);
  const rvb = runningVar ? (runningVar.storage as WebGPUStorage).bufferForWrite(false) : ctx.scratchBuffer(4);
  const smb = (mean.storage as WebGPUStorage).bufferForWrite(true);
  const sib = (invstd.storage as WebGPUStorage).bufferForWrite(true);
  const gx = Math.min(C, 65535);
  ctx.dispatch('batch_norm:stats', ctx.pipeline('bn|stats', STATS), [xb, rmb, rvb, smb, sib], sm, gx, Math.ceil(C / gx));

  const am = new Uint32Array(64);
  am.set([x.numel(), C, S, x.offset, weight ? 1 : 0, bias ? 1 : 0, weight?.offset ?? 0, weight ? stride0(weight) : 0, bias?.offset ?? 0, bias ? stride0(bias) : 0]);
  const groups = Math.ceil(x.numel() / 64);
  const ax = Math.min(groups, 65535);
  const ob = (out.storage as WebGPUStorage).bufferForWrite(true);
  const args = [ob, xb, weight ? buf(weight) : xb, bias ? buf(bias) : xb, buf(mean), buf(invstd)];
  ctx.dispatch('batch_norm:apply', ctx.pipeline('bn|apply', APPLY), args, am, ax, Math.ceil(groups / ax));
  return { out, mean, invstd };
}
