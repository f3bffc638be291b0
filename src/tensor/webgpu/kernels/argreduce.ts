// max / min along one dim with the index of the winner (max(dim), min(dim), argmax, argmin) on
// the GPU: one 64-thread workgroup per row of [outer, R, inner], each thread scanning its strided
// share of the row and the workgroup combining (value, index) pairs in a tree. PyTorch's rules,
// as the CPU kernel (cpu/reduce.ts extremeRows) applies them: the first NaN wins, and among equal
// values (-0 equals 0) the first index wins — the combine prefers the lower index on ties, so the
// result does not depend on how the row was split.
//
// Not wired into ops/reduce.ts yet: PyTorch's indices are int64, and an int64 storage on the webgpu
// device lives on the host (storage.ts), so the op cannot take the GPU's i32 indices without a
// download. The kernel returns int32 indices and is tested against the CPU op, ready for the day an
// int64 storage can be written by a kernel as 32-bit words.

import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { contiguousGpu } from './rows';

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage;

// meta: 0 rows, 1 R, 2 inner, 3 offIn
function shader(isMax: boolean): string {
  return `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read_write> I: array<i32>;
@group(0) @binding(3) var<storage, read> X: array<f32>;
var<workgroup> rv: array<f32, 64>;
var<workgroup> ri: array<u32, 64>;
fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// does (b, j) beat (a, i)? NaN first, then the better value, then the lower index
fn beats(a: f32, i: u32, b: f32, j: u32) -> bool {
  if (isnan_(a) || isnan_(b)) { return isnan_(b) && (!isnan_(a) || j < i); }
  if (b ${isMax ? '>' : '<'} a) { return true; }
  return b == a && j < i;
}
@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= mt.w[0].x) { return; }
  let R = mt.w[0].y; let inner = mt.w[0].z;
  let base = mt.w[0].w + (row / inner) * R * inner + row % inner;
  var bv = X[base];
  var bi = 0u;
  for (var r = lid.x; r < R; r = r + 64u) {
    let v = X[base + r * inner];
    if (beats(bv, bi, v, r)) { bv = v; bi = r; }
  }
  rv[lid.x] = bv;
  ri[lid.x] = bi;
  workgroupBarrier();
  for (var w = 32u; w > 0u; w = w / 2u) {
    if (lid.x < w && beats(rv[lid.x], ri[lid.x], rv[lid.x + w], ri[lid.x + w])) { rv[lid.x] = rv[lid.x + w]; ri[lid.x] = ri[lid.x + w]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { O[row] = rv[0]; I[row] = i32(ri[0]); }
}`;
}

export interface ValuesIndices32 {
  values: Tensor;
  /** int32 positions along the dim. */
  indices: Tensor;
}

/** max / min of float32 `t` along the (wrapped) `dim` with the winners' indices; null when not
 * applicable (not a float32 GPU tensor, 0-d, or an empty dim — the CPU op raises). */
export function gpuExtremeDim(ctx: GpuContext, t: Tensor, dim: number, isMax: boolean, keepdim = false): ValuesIndices32 | null {
  if (!isGpuF32(t) || t.ndim === 0 || t.shape[dim] === 0) return null;
  const x = contiguousGpu(t);
  const outer = x.shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const R = x.shape[dim];
  const outShape = keepdim ? x.shape.map((s, i) => (i === dim ? 1 : s)) : x.shape.filter((_, i) => i !== dim);
  const values = Tensor.empty(outShape, 'float32', 'webgpu');
  const indices = Tensor.empty(outShape, 'int32', 'webgpu');
  const rows = outer * inner;
  if (rows === 0) return { values, indices };
  const meta = new Uint32Array(64);
  meta.set([rows, R, inner, x.offset]);
  const gx = Math.min(rows, 65535);
  const bufs = [(values.storage as WebGPUStorage).bufferForWrite(true), (indices.storage as WebGPUStorage).bufferForWrite(true), (x.storage as WebGPUStorage).bufferForRead()];
  ctx.dispatch(`rows:arg${isMax ? 'max' : 'min'}`, ctx.pipeline(`rows|arg${isMax ? 'max' : 'min'}`, shader(isMax)), bufs, meta, gx, Math.ceil(rows / gx));
  return { values, indices };
}
