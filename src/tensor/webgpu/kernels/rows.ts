// Row kernels: reductions (sum, mean, max, min, prod), softmax / log_softmax and layer norm. All
// see their input as rows — [outer, R, inner] of a contiguous tensor, reducing the middle — and
// give each row one 64-thread workgroup that strides over R and tree-reduces in workgroup memory
// (accumulating in f32 pairwise, which is at least as accurate as a sequential f32 sum). A
// non-contiguous input is first copied to a contiguous one on the GPU. float32 only; null means
// "not for the GPU" and the caller runs the CPU kernel. Layer norm also writes each row's mean and
// rstd, which ops/nn/normalization.ts saves for NativeLayerNormBackward0 as the CPU path does.
// (max/min with indices: argreduce.ts; batch norm: norm.ts.)

import { castInto } from '../../ops/copy';
import { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';

export type RowReduce = 'sum' | 'mean' | 'max' | 'min' | 'prod';
type RowOp = RowReduce | 'softmax' | 'log_softmax' | 'layer_norm';

const isGpuF32 = (t: Tensor): boolean => t.device === 'webgpu' && t.dtype === 'float32' && t.storage instanceof WebGPUStorage;

/** The tensor itself when contiguous, else a contiguous GPU copy (no autograd record). */
export function contiguousGpu(t: Tensor): Tensor {
  if (t.isContiguous()) return t;
  const c = Tensor.empty(t.shape, t.dtype, 'webgpu');
  castInto(c, t);
  return c;
}

// meta: 0 rows, 1 R, 2 inner, 3 offIn, 4 eps bits, 5 hasWeight, 6 hasBias, 7 offW, 8 offB
const HEAD = `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> O: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
var<workgroup> red: array<f32, 64>;
fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// max/min propagate NaN like the CPU kernels
fn cmax(a: f32, b: f32) -> f32 { if (isnan_(a)) { return a; } if (isnan_(b)) { return b; } return select(b, a, a > b); }
fn cmin(a: f32, b: f32) -> f32 { if (isnan_(a)) { return a; } if (isnan_(b)) { return b; } return select(b, a, a < b); }
fn expg(x: f32) -> f32 { if (x < -103.0) { return 0.0; } return exp(x); }
`;

/** Workgroup reduction of `v` with `op`; every thread gets the result. */
function reduceBlock(op: 'sum' | 'max' | 'min' | 'prod', v: string, out: string): string {
  const comb = op === 'sum' ? 'a + b' : op === 'prod' ? 'a * b' : op === 'max' ? 'cmax(a, b)' : 'cmin(a, b)';
  return `red[lid.x] = ${v};
  workgroupBarrier();
  for (var w = 32u; w > 0u; w = w / 2u) {
    if (lid.x < w) { let a = red[lid.x]; let b = red[lid.x + w]; red[lid.x] = ${comb}; }
    workgroupBarrier();
  }
  let ${out} = red[0];
  workgroupBarrier();`;
}

function shader(op: RowOp): string {
  const rowHead = `let row = wid.x + wid.y * nwg.x;
  if (row >= mt.w[0].x) { return; }
  let R = mt.w[0].y; let inner = mt.w[0].z;
  let base = mt.w[0].w + (row / inner) * R * inner + row % inner;`;
  let body: string;
  if (op === 'sum' || op === 'mean' || op === 'prod' || op === 'max' || op === 'min') {
    const k = op === 'mean' ? 'sum' : op;
    const init = k === 'sum' ? '0.0' : k === 'prod' ? '1.0' : 'X[base]';
    const step = k === 'sum' ? 's = s + v;' : k === 'prod' ? 's = s * v;' : `if (isnan_(v) || (!isnan_(s) && v ${k === 'max' ? '>' : '<'} s)) { s = v; }`;
    body = `var s = ${init};
  for (var r = lid.x; r < R; r = r + 64u) { let v = X[base + r * inner]; ${step} }
  ${reduceBlock(k, 's', 'total')}
  if (lid.x == 0u) { O[row] = ${op === 'mean' ? 'total / f32(R)' : 'total'}; }`;
  } else if (op === 'softmax' || op === 'log_softmax') {
    body = `var mx = X[base];
  for (var r = lid.x; r < R; r = r + 64u) { let v = X[base + r * inner]; if (isnan_(v) || (!isnan_(mx) && v > mx)) { mx = v; } }
  ${reduceBlock('max', 'mx', 'm')}
  var s = 0.0;
  for (var r = lid.x; r < R; r = r + 64u) { s = s + expg(X[base + r * inner] - m); }
  ${reduceBlock('sum', 's', 'tot')}
  for (var r = lid.x; r < R; r = r + 64u) {
    let v = X[base + r * inner] - m;
    O[base - mt.w[0].w + r * inner] = ${op === 'softmax' ? 'expg(v) / tot' : 'v - log(tot)'};
  }`;
  } else {
    body = `var s = 0.0;
  for (var r = lid.x; r < R; r = r + 64u) { s = s + X[base + r]; }
  ${reduceBlock('sum', 's', 'tot')}
  let mean = tot / f32(R);
  var q = 0.0;
  for (var r = lid.x; r < R; r = r + 64u) { let d = X[base + r] - mean; q = q + d * d; }
  ${reduceBlock('sum', 'q', 'qs')}
  let rstd = inverseSqrt(qs / f32(R) + bitcast<f32>(mt.w[1].x));
  for (var r = lid.x; r < R; r = r + 64u) {
    var v = (X[base + r] - mean) * rstd;
    if (mt.w[1].y != 0u) { v = v * W[mt.w[1].w + r]; }
    if (mt.w[1].z != 0u) { v = v + Bv[mt.w[2].x + r]; }
    O[base - mt.w[0].w + r] = v;
  }
  if (lid.x == 0u) { MEAN[row] = mean; RSTD[row] = rstd; }`;
  }
  // auto layouts drop unused bindings, so only layer_norm declares its affine operands and its
  // per-row statistics (mean, rstd: what autograd saves)
  const affine = op === 'layer_norm' ? `@group(0) @binding(3) var<storage, read> W: array<f32>;
@group(0) @binding(4) var<storage, read> Bv: array<f32>;
@group(0) @binding(5) var<storage, read_write> MEAN: array<f32>;
@group(0) @binding(6) var<storage, read_write> RSTD: array<f32>;` : '';
  return `${HEAD}
${affine}
@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  ${rowHead}
  ${body}
}`;
}

const f32bits = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];

interface NormExtra {
  eps: number;
  w: Tensor | null;
  b: Tensor | null;
  mean: Tensor;
  rstd: Tensor;
}

function dispatchRows(ctx: GpuContext, op: RowOp, x: Tensor, out: Tensor, rows: number, R: number, inner: number, extra?: NormExtra): void {
  const meta = new Uint32Array(64);
  meta.set([rows, R, inner, x.offset, f32bits(extra?.eps ?? 0), extra?.w ? 1 : 0, extra?.b ? 1 : 0, extra?.w?.offset ?? 0, extra?.b?.offset ?? 0]);
  const xb = (x.storage as WebGPUStorage).bufferForRead();
  const wb = extra?.w ? (extra.w.storage as WebGPUStorage).bufferForRead() : xb;
  const bb = extra?.b ? (extra.b.storage as WebGPUStorage).bufferForRead() : xb;
  const ob = (out.storage as WebGPUStorage).bufferForWrite(true);
  const stats = extra === undefined ? [] : [extra.mean, extra.rstd].map((t) => (t.storage as WebGPUStorage).bufferForWrite(true));
  const gx = Math.min(rows, 65535);
  ctx.dispatch(`rows:${op}`, ctx.pipeline(`rows|${op}`, shader(op)), op === 'layer_norm' ? [ob, xb, wb, bb, ...stats] : [ob, xb], meta, gx, Math.ceil(rows / gx));
}

function rowsOf(shape: readonly number[], dim: number): { outer: number; R: number; inner: number } {
  const outer = shape.slice(0, dim).reduce((a, b) => a * b, 1);
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  return { outer, R: shape[dim] ?? 1, inner };
}

/** Reduce float32 `t` over one (wrapped) dim on the GPU; null when not applicable. */
export function gpuReduceDim(ctx: GpuContext, t: Tensor, kind: RowReduce, dim: number, keepdim = false): Tensor | null {
  if (!isGpuF32(t) || t.ndim === 0) return null;
  const x = contiguousGpu(t);
  const { outer, R, inner } = rowsOf(x.shape, dim);
  if (R === 0 && (kind === 'max' || kind === 'min')) return null; // the CPU op raises
  const outShape = keepdim ? x.shape.map((s, i) => (i === dim ? 1 : s)) : x.shape.filter((_, i) => i !== dim);
  const out = Tensor.empty(outShape, 'float32', 'webgpu');
  if (outer * inner > 0) dispatchRows(ctx, kind, x, out, outer * inner, R, inner);
  return out;
}

/** Full reduction of float32 `t` to a 0-d tensor. */
export function gpuReduceAll(ctx: GpuContext, t: Tensor, kind: RowReduce): Tensor | null {
  if (!isGpuF32(t)) return null;
  if (t.numel() === 0) return null;
  const x = contiguousGpu(t);
  const flat = new Tensor(x.storage, [x.numel()], [1], x.offset);
  const out = Tensor.empty([], 'float32', 'webgpu');
  dispatchRows(ctx, kind, flat, out, 1, flat.shape[0], 1);
  return out;
}

/** softmax / log_softmax of float32 `t` along `dim`. */
export function gpuSoftmax(ctx: GpuContext, t: Tensor, dim: number, log = false): Tensor | null {
  if (!isGpuF32(t)) return null;
  const x = contiguousGpu(t);
  const out = Tensor.empty(x.shape, 'float32', 'webgpu');
  if (x.ndim === 0) return null;
  const { outer, R, inner } = rowsOf(x.shape, dim);
  if (outer * inner * R > 0) dispatchRows(ctx, log ? 'log_softmax' : 'softmax', x, out, outer * inner, R, inner);
  return out;
}

export interface LayerNormResult {
  out: Tensor;
  /** Per-row mean and rstd, shaped [...leading dims, 1 × normalizedDims] like ATen's native_layer_norm. */
  mean: Tensor;
  rstd: Tensor;
}

/** layer_norm over the last `normalizedDims` dims, with optional affine weight/bias (float32):
 * the output plus the statistics autograd saves. */
export function gpuLayerNorm(ctx: GpuContext, t: Tensor, normalizedDims: number, weight: Tensor | null, bias: Tensor | null, eps: number): LayerNormResult | null {
  if (!isGpuF32(t) || (weight !== null && !isGpuF32(weight)) || (bias !== null && !isGpuF32(bias))) return null;
  if (normalizedDims < 1 || normalizedDims > t.ndim) return null;
  const x = contiguousGpu(t);
  const w = weight === null ? null : contiguousGpu(weight);
  const b = bias === null ? null : contiguousGpu(bias);
  const R = x.shape.slice(x.ndim - normalizedDims).reduce((a, c) => a * c, 1);
  const rows = R === 0 ? 0 : x.numel() / R;
  const statShape = [...x.shape.slice(0, x.ndim - normalizedDims), ...new Array<number>(normalizedDims).fill(1)];
  // an empty normalized shape gives nan statistics (0/0), which the CPU path computes
  if (R === 0 && statShape.reduce((a, c) => a * c, 1) > 0) return null;
  const out = Tensor.empty(x.shape, 'float32', 'webgpu');
  const mean = Tensor.empty(statShape, 'float32', 'webgpu');
  const rstd = Tensor.empty(statShape, 'float32', 'webgpu');
  if (rows > 0) dispatchRows(ctx, 'layer_norm', x, out, rows, R, 1, { eps, w, b, mean, rstd });
  return { out, mean, rstd };
}
