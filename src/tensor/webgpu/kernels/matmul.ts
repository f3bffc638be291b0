// Matrix products on the GPU: C[b] = A[b] @ B[b] (+ bias, then an optional activation — the
// fused epilogue of a Linear layer), float32, any strides (so a transposed weight needs no copy),
// batch broadcast by stride 0. Three kernels, chosen by shape:
//   tiled  — 64×32 output tile per 128-thread workgroup (16×8 threads, each a 4×4 register block
//            held as vec4 rows), K in steps of 16 through workgroup memory; the general case.
//   splitk — one workgroup per output element, 64 threads splitting K and tree-reducing: skinny
//            products with few outputs and a long K (a batch-1 Linear to a few classes, dot).
//   naive  — one thread per output: tiny products, where tile setup costs more than it saves.
// 128 threads and 6 KiB of workgroup memory fit WebGPU's compatibility-mode limits.

import type { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { Tensor as TensorClass } from '../../tensor';

export type Epilogue = 'none' | 'relu' | 'gelu_tanh';
export type MatmulKernel = 'tiled' | 'splitk' | 'naive';

// meta: 0 M, 1 N, 2 K, 3 batch, 4 offA, 5 offB, 6 offC(0), 7 hasBias, 8 sAb, 9 sAm, 10 sAk,
//       11 sBb, 12 sBk, 13 sBn, 14 offBias, 15 sBias
const META_HEAD = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> C: array<f32>;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> BIAS: array<f32>;
fn M() -> u32 { return mt.w[0].x; }
fn N() -> u32 { return mt.w[0].y; }
fn K() -> u32 { return mt.w[0].z; }
fn aAt(b: u32, m: u32, k: u32) -> f32 { return A[mt.w[1].x + b * mt.w[2].x + m * mt.w[2].y + k * mt.w[2].z]; }
fn bAt(b: u32, k: u32, n: u32) -> f32 { return B[mt.w[1].y + b * mt.w[2].w + k * mt.w[3].x + n * mt.w[3].y]; }
`;

function epilogue(e: Epilogue): string {
  const act =
    e === 'relu' ? 'return select(0.0, v, v > 0.0 || (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u);'
    : e === 'gelu_tanh' ? 'return 0.5 * v * (1.0 + tanh(clamp(0.7978845608028654 * (v + 0.044715 * v * v * v), -15.0, 15.0)));'
    : 'return v;';
  return `fn finish(n: u32, acc: f32) -> f32 {
  var v = acc;
  if (mt.w[1].w != 0u) { v = v + BIAS[mt.w[3].z + n * mt.w[3].w]; }
  ${act}
}`;
}

function tiledShader(e: Epilogue): string {
  return `${META_HEAD}
${epilogue(e)}
const BM = 32u; const BN = 64u; const BK = 16u;
var<workgroup> As: array<f32, 512>; // [BK][BM]
var<workgroup> Bs: array<f32, 1024>; // [BK][BN]
@compute @workgroup_size(16, 8)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let b = wid.z;
  let row0 = wid.y * BM;
  let col0 = wid.x * BN;
  let tid = lid.y * 16u + lid.x;
  var acc: array<vec4<f32>, 4>;
  let m = M(); let n = N(); let kk = K();
  for (var k0 = 0u; k0 < kk; k0 = k0 + BK) {
    for (var i = 0u; i < 4u; i++) {
      let e = tid + i * 128u; let r = e / BK; let c = e % BK;
      var v = 0.0;
      if (row0 + r < m && k0 + c < kk) { v = aAt(b, row0 + r, k0 + c); }
      As[c * BM + r] = v;
    }
    for (var i = 0u; i < 8u; i++) {
      let e = tid + i * 128u; let r = e / BN; let c = e % BN;
      var v = 0.0;
      if (k0 + r < kk && col0 + c < n) { v = bAt(b, k0 + r, col0 + c); }
      Bs[r * BN + c] = v;
    }
    workgroupBarrier();
    for (var k = 0u; k < BK; k++) {
      let a = vec4<f32>(As[k * BM + lid.y * 4u], As[k * BM + lid.y * 4u + 1u], As[k * BM + lid.y * 4u + 2u], As[k * BM + lid.y * 4u + 3u]);
      let bb = vec4<f32>(Bs[k * BN + lid.x * 4u], Bs[k * BN + lid.x * 4u + 1u], Bs[k * BN + lid.x * 4u + 2u], Bs[k * BN + lid.x * 4u + 3u]);
      acc[0] = acc[0] + a.x * bb;
      acc[1] = acc[1] + a.y * bb;
      acc[2] = acc[2] + a.z * bb;
      acc[3] = acc[3] + a.w * bb;
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let r = row0 + lid.y * 4u + i;
    if (r >= m) { continue; }
    for (var j = 0u; j < 4u; j++) {
      let c = col0 + lid.x * 4u + j;
      if (c < n) { C[b * m * n + r * n + c] = finish(c, acc[i][j]); }
    }
  }
}`;
}

function splitkShader(e: Epilogue): string {
  return `${META_HEAD}
${epilogue(e)}
var<workgroup> part: array<f32, 64>;
@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = wid.x + wid.y * nwg.x;
  let m = M(); let n = N(); let kk = K();
  if (o >= m * n * mt.w[0].w) { return; }
  let b = o / (m * n); let r = (o / n) % m; let c = o % n;
  var s = 0.0;
  for (var k = lid.x; k < kk; k = k + 64u) { s = s + aAt(b, r, k) * bAt(b, k, c); }
  part[lid.x] = s;
  workgroupBarrier();
  for (var w = 32u; w > 0u; w = w / 2u) {
    if (lid.x < w) { part[lid.x] = part[lid.x] + part[lid.x + w]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { C[o] = finish(c, part[0]); }
}`;
}

function naiveShader(e: Epilogue): string {
  return `${META_HEAD}
${epilogue(e)}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = gid.x + gid.y * nwg.x * 64u;
  let m = M(); let n = N(); let kk = K();
  if (o >= m * n * mt.w[0].w) { return; }
  let b = o / (m * n); let r = (o / n) % m; let c = o % n;
  var s = 0.0;
  for (var k = 0u; k < kk; k++) { s = s + aAt(b, r, k) * bAt(b, k, c); }
  C[o] = finish(c, s);
}`;
}

/** The kernel for a shape (exported for the bench and tests). */
export function chooseMatmulKernel(m: number, n: number, k: number, batch: number): MatmulKernel {
  const outs = m * n * batch;
  if (outs <= 4096 && k >= 256) return 'splitk';
  if (outs * k <= 1 << 15) return 'naive';
  return 'tiled';
}

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage && t.storage.gpuCapable;

export interface MatmulOptions {
  bias?: Tensor | null;
  epilogue?: Epilogue;
  /** Force a kernel (tests and bench). */
  kernel?: MatmulKernel;
}

/**
 * a: [M, K] or [batch, M, K]; b: [K, N] or [batch, N... K, N] (any strides; a 2-D operand is
 * broadcast over the batch); bias: [N]. Returns the contiguous float32 product on 'webgpu', or
 * null when the operands are not float32 webgpu tensors (the caller then runs the CPU kernel).
 * No autograd recording: callers (linalg/, nn/) record their grad_fn as for the CPU result.
 */
export function gpuMatmul(ctx: GpuContext, a: Tensor, b: Tensor, opts: MatmulOptions = {}): Tensor | null {
  const bias = opts.bias ?? null;
  if (!isGpuF32(a) || !isGpuF32(b) || (bias !== null && !isGpuF32(bias))) return null;
  if (a.ndim < 2 || a.ndim > 3 || b.ndim < 2 || b.ndim > 3) return null;
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const n = b.shape[b.ndim - 1];
  if (b.shape[b.ndim - 2] !== k) throw new Error(`gpuMatmul: inner dims ${k} and ${b.shape[b.ndim - 2]}`);
  const batch = a.ndim === 3 ? a.shape[0] : b.ndim === 3 ? b.shape[0] : 1;
  if (a.ndim === 3 && b.ndim === 3 && a.shape[0] !== b.shape[0]) throw new Error('gpuMatmul: batch sizes differ');
  const outShape = a.ndim === 3 || b.ndim === 3 ? [batch, m, n] : [m, n];
  const out = TensorClass.empty(outShape, 'float32', 'webgpu');
  const total = batch * m * n;
  if (total === 0) return out;
  const kernel = opts.kernel ?? chooseMatmulKernel(m, n, k, batch);
  const e = opts.epilogue ?? 'none';
  const as = a.strides;
  const bs = b.strides;
  const meta = new Uint32Array(64);
  meta.set([m, n, k, batch, a.offset, b.offset, 0, bias !== null ? 1 : 0]);
  meta.set([a.ndim === 3 ? as[0] : 0, as[a.ndim - 2], as[a.ndim - 1], b.ndim === 3 ? bs[0] : 0, bs[b.ndim - 2], bs[b.ndim - 1]], 8);
  meta.set([bias?.offset ?? 0, bias?.strides[0] ?? 0], 14);
  const code = kernel === 'tiled' ? tiledShader(e) : kernel === 'splitk' ? splitkShader(e) : naiveShader(e);
  const pipeline = ctx.pipeline(`matmul|${kernel}|${e}`, code);
  const aBuf = (a.storage as WebGPUStorage).bufferForRead();
  const bBuf = (b.storage as WebGPUStorage).bufferForRead();
  // an unused bias binding still needs a buffer: bind A (never read)
  const biasBuf = bias !== null ? (bias.storage as WebGPUStorage).bufferForRead() : aBuf;
  const cBuf = (out.storage as WebGPUStorage).bufferForWrite(true);
  if (kernel === 'tiled') ctx.dispatch(`matmul:tiled`, pipeline, [cBuf, aBuf, bBuf, biasBuf], meta, Math.ceil(n / 64), Math.ceil(m / 32), batch);
  else if (kernel === 'splitk') {
    const gx = Math.min(total, 65535);
    ctx.dispatch(`matmul:splitk`, pipeline, [cBuf, aBuf, bBuf, biasBuf], meta, gx, Math.ceil(total / gx));
  } else {
    const groups = Math.ceil(total / 64);
    const gx = Math.min(groups, 65535);
    ctx.dispatch(`matmul:naive`, pipeline, [cBuf, aBuf, bBuf, biasBuf], meta, gx, Math.ceil(groups / gx));
  }
  return out;
}
