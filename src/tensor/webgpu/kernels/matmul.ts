// Matrix products on the GPU: C[b] = A[b] @ B[b] (+ bias, then an optional activation — the
// fused epilogue of a Linear layer), float32, any strides (so a transposed weight needs no copy),
// batch broadcast by stride 0. Three kernels, chosen by shape (chooseMatmulKernel):
//   tiled  — a 64×32 output tile per 64-thread workgroup (8×8 threads, each an 8×4 register block
//            held as vec4 accumulators; 64×64 tiles of 8×8 blocks for outputs from 512×512 on),
//            K in steps of 32 through workgroup memory stored as vec4s
//            (A along K, B along N), so the inner loop does 4 vec4 FMAs per workgroup-memory read.
//            Operands with a contiguous, 4-aligned axis are read from global memory as vec4s
//            (tiledVariant); shapes that fill whole tiles skip the bounds checks (tiledFit).
//   splitk — one workgroup per output element, 64 threads splitting K and tree-reducing: few
//            outputs with a long K (a dot product, a batch-1 Linear to a few classes).
//   naive  — one thread per output: small or thin products, where tile setup costs more than it saves.
// 64 threads and 12–16 KiB of workgroup memory fit WebGPU's compatibility-mode limits (128, 16 KiB).

import type { Tensor } from '../../tensor';
import type { GpuContext } from '../context';
import { WebGPUStorage } from '../storage';
import { Tensor as TensorClass } from '../../tensor';

export type Epilogue = 'none' | 'relu' | 'gelu_tanh';
export type MatmulKernel = 'tiled' | 'splitk' | 'naive';

// meta: 0 M, 1 N, 2 K, 3 batch, 4 offA, 5 offB, 6 offC(0), 7 hasBias, 8 sAb, 9 sAm, 10 sAk,
//       11 sBb, 12 sBk, 13 sBn, 14 offBias, 15 sBias
function header(aVec = false, bVec = false, cVec = false): string {
  return `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
@group(0) @binding(1) var<storage, read_write> ${cVec ? 'C4: array<vec4<f32>>' : 'C: array<f32>'};
@group(0) @binding(2) var<storage, read> ${aVec ? 'A4: array<vec4<f32>>' : 'A: array<f32>'};
@group(0) @binding(3) var<storage, read> ${bVec ? 'B4: array<vec4<f32>>' : 'B: array<f32>'};
@group(0) @binding(4) var<storage, read> BIAS: array<f32>;
fn M() -> u32 { return mt.w[0].x; }
fn N() -> u32 { return mt.w[0].y; }
fn K() -> u32 { return mt.w[0].z; }
${aVec ? '' : 'fn aAt(b: u32, m: u32, k: u32) -> f32 { return A[mt.w[1].x + b * mt.w[2].x + m * mt.w[2].y + k * mt.w[2].z]; }'}
${bVec ? '' : 'fn bAt(b: u32, k: u32, n: u32) -> f32 { return B[mt.w[1].y + b * mt.w[2].w + k * mt.w[3].x + n * mt.w[3].y]; }'}
`;
}
const META_HEAD = header();

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

/** The epilogue on 4 adjacent columns n..n+3 at once (the tiled kernel's vec4 stores). */
function epilogue4(e: Epilogue): string {
  const act =
    e === 'relu' ? 'return select(vec4<f32>(0.0), v, (v > vec4<f32>(0.0)) | ((bitcast<vec4<u32>>(v) & vec4<u32>(0x7fffffffu)) > vec4<u32>(0x7f800000u)));'
    : e === 'gelu_tanh' ? 'return 0.5 * v * (1.0 + tanh(clamp(0.7978845608028654 * (v + 0.044715 * v * v * v), vec4<f32>(-15.0), vec4<f32>(15.0))));'
    : 'return v;';
  return `fn finish4(n: u32, acc: vec4<f32>) -> vec4<f32> {
  var v = acc;
  if (mt.w[1].w != 0u) {
    let o = mt.w[3].z; let s = mt.w[3].w;
    v = v + vec4<f32>(BIAS[o + n * s], BIAS[o + (n + 1u) * s], BIAS[o + (n + 2u) * s], BIAS[o + (n + 3u) * s]);
  }
  ${act}
}`;
}

/**
 * How the tiled kernel reads each operand. 'v': as vec4 along its contiguous axis (A along K;
 * B along N, or along K for a transposed weight, 'k4'); 's': element by element through the
 * strided accessors. The vec4 paths need that axis contiguous, its length a multiple of 4 and
 * every other stride and the offset multiples of 4, so whole vec4s never straddle rows.
 */
export type TiledVariant = { a: 'v' | 's'; b: 'n4' | 'k4' | 's'; /** N % 4 == 0: store vec4s */ c: boolean };

/**
 * Tile geometry: TM = WY·RM rows × TN = WX·4·CN columns per workgroup of WX×WY threads, each
 * thread RM rows × 4·CN columns (vec4 accumulators); K advances BK at a time through workgroup
 * memory ((TM + TN)·BK·4 bytes).
 */
export interface TileConfig { WX: number; WY: number; RM: number; CN: number; BK: number }
export const DEFAULT_TILE: TileConfig = { WX: 8, WY: 8, RM: 8, CN: 1, BK: 32 };
/** For big outputs (≥ 512×512): twice the columns per thread (8×8 blocks, 64×64 tiles, 16 KiB of
 * workgroup memory — compatibility mode's limit), 15–25% faster at n = 1024 on the software
 * adapters; smaller outputs keep more workgroups with DEFAULT_TILE. */
export const BIG_TILE: TileConfig = { WX: 8, WY: 8, RM: 8, CN: 2, BK: 32 };
let forcedTile: TileConfig | null = null;

/** Force the tiled kernel's geometry (bench experiments; null restores the choice by shape). */
export function setMatmulTile(t: TileConfig | null): void {
  forcedTile = t;
}

/** The tile geometry for an m×n output. */
export function tileFor(m: number, n: number): TileConfig {
  return forcedTile ?? (m * n >= 512 * 512 ? BIG_TILE : DEFAULT_TILE);
}

/** Guard `body` by the conditions that are not known to hold (no `if` at all when none remain). */
function guarded(conds: (string | false)[], body: string): string {
  const c = conds.filter((x): x is string => x !== false);
  return c.length === 0 ? body : `if (${c.join(' && ')}) { ${body} }`;
}

function tiledShader(e: Epilogue, v: TiledVariant, fit: TiledFit, tile: TileConfig): string {
  const { WX, WY, RM, CN, BK } = tile;
  const TM = WY * RM;
  const TN4 = WX * CN; // vec4 columns per tile
  const TN = TN4 * 4;
  const BK4 = BK / 4;
  const T = WX * WY;
  const inM = !fit.m && 'row0 + r < m';
  const inK = !fit.k && 'k0 + r < kk';
  const inN = !fit.n && 'col0 + c < n';
  const aLoad =
    v.a === 'v'
      ? `for (var i = 0u; i < ${(TM * BK4) / T}u; i++) {
      let e = tid + i * ${T}u; let r = e / ${BK4}u; let c = (e % ${BK4}u) * 4u;
      var x = vec4<f32>(0.0);
      ${guarded([inM, !fit.k && 'k0 + c < kk'], 'x = A4[(aBase + (row0 + r) * sAm + k0 + c) / 4u];')}
      As[e] = x;
    }`
      : `for (var i = 0u; i < ${(TM * BK) / T}u; i++) {
      let e = tid + i * ${T}u; let r = e / ${BK}u; let c = e % ${BK}u;
      var x = 0.0;
      ${guarded([inM, !fit.k && 'k0 + c < kk'], 'x = A[aBase + (row0 + r) * sAm + (k0 + c) * sAk];')}
      As[r * ${BK4}u + c / 4u][c % 4u] = x;
    }`;
  const bLoad =
    v.b === 'n4'
      ? `for (var i = 0u; i < ${(BK * TN4) / T}u; i++) {
      let e = tid + i * ${T}u; let r = e / ${TN4}u; let c = (e % ${TN4}u) * 4u;
      var x = vec4<f32>(0.0);
      ${guarded([inK, inN], 'x = B4[(bBase + (k0 + r) * sBk + col0 + c) / 4u];')}
      Bs[e] = x;
    }`
      : v.b === 'k4'
        ? `for (var i = 0u; i < ${(BK4 * TN) / T}u; i++) {
      let e = tid + i * ${T}u; let c = e % ${TN}u; let r = (e / ${TN}u) * 4u;
      var x = vec4<f32>(0.0);
      ${guarded([inK, inN], 'x = B4[(bBase + (col0 + c) * sBn + k0 + r) / 4u];')}
      let o = r * ${TN4}u + c / 4u; let j = c % 4u;
      Bs[o][j] = x.x; Bs[o + ${TN4}u][j] = x.y; Bs[o + ${2 * TN4}u][j] = x.z; Bs[o + ${3 * TN4}u][j] = x.w;
    }`
        : `for (var i = 0u; i < ${(BK * TN) / T}u; i++) {
      let e = tid + i * ${T}u; let r = e / ${TN}u; let c = e % ${TN}u;
      var x = 0.0;
      ${guarded([inK, inN], 'x = B[bBase + (k0 + r) * sBk + (col0 + c) * sBn];')}
      Bs[r * ${TN4}u + c / 4u][c % 4u] = x;
    }`;
  const accInit = Array.from({ length: RM * CN }, () => 'vec4<f32>(0.0)').join(', ');
  let compute = '';
  for (let cn = 0; cn < CN; cn++) {
    for (let j = 0; j < 4; j++) compute += `      let b${j}${cn} = Bs[(k4 * 4u + ${j}u) * ${TN4}u + lid.x * ${CN}u + ${cn}u];\n`;
  }
  for (let i = 0; i < RM; i++) {
    compute += `      let a${i} = As[(lid.y * ${RM}u + ${i}u) * ${BK4}u + k4];\n`;
    for (let cn = 0; cn < CN; cn++) {
      const acc = `acc[${i * CN + cn}]`;
      // k in order (x, y, z, w): the same summation order as the CPU kernels
      compute += `      ${acc} = fma(b3${cn}, vec4<f32>(a${i}.w), fma(b2${cn}, vec4<f32>(a${i}.z), fma(b1${cn}, vec4<f32>(a${i}.y), fma(b0${cn}, vec4<f32>(a${i}.x), ${acc}))));\n`;
    }
  }
  const store = (j: number, comp: string): string =>
    guarded([!fit.n && `c + ${j}u < n`], `C[cBase + r * n + c + ${j}u] = finish(c + ${j}u, v.${comp});`);
  // with N a multiple of 4, a thread's 4 adjacent outputs are one aligned vec4 (or all outside)
  const stores = v.c ? guarded([!fit.n && 'c < n'], 'C4[(cBase + r * n + c) / 4u] = finish4(c, v);') : `${store(0, 'x')}
      ${store(1, 'y')}
      ${store(2, 'z')}
      ${store(3, 'w')}`;
  return `${header(v.a === 'v', v.b !== 's', v.c)}
${v.c ? epilogue4(e) : epilogue(e)}
var<workgroup> As: array<vec4<f32>, ${TM * BK4}>; // [TM][BK/4], vec4 along k
var<workgroup> Bs: array<vec4<f32>, ${BK * TN4}>; // [BK][TN/4], vec4 along n
@compute @workgroup_size(${WX}, ${WY})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let b = wid.z;
  let row0 = wid.y * ${TM}u;
  let col0 = wid.x * ${TN}u;
  let tid = lid.y * ${WX}u + lid.x;
  let m = M(); let n = N(); let kk = K();
  let aBase = mt.w[1].x + b * mt.w[2].x; let sAm = mt.w[2].y; let sAk = mt.w[2].z;
  let bBase = mt.w[1].y + b * mt.w[2].w; let sBk = mt.w[3].x; let sBn = mt.w[3].y;
  var acc = array<vec4<f32>, ${RM * CN}>(${accInit});
  for (var k0 = 0u; k0 < kk; k0 = k0 + ${BK}u) {
    ${aLoad}
    ${bLoad}
    workgroupBarrier();
    for (var k4 = 0u; k4 < ${BK4}u; k4++) {
${compute}    }
    workgroupBarrier();
  }
  let cBase = b * m * n;
  for (var i = 0u; i < ${RM}u; i++) {
    let r = row0 + lid.y * ${RM}u + i;
    ${fit.m ? '' : 'if (r >= m) { break; }'}
    for (var cn = 0u; cn < ${CN}u; cn++) {
      let v = acc[i * ${CN}u + cn];
      let c = col0 + (lid.x * ${CN}u + cn) * 4u;
      ${stores}
    }
  }
}`;
}

/** Which tile bounds checks a shape can skip: M, N or K a whole number of tiles. */
export type TiledFit = { m: boolean; n: boolean; k: boolean };

export function tiledFit(m: number, n: number, k: number, tile: TileConfig): TiledFit {
  return { m: m % (tile.WY * tile.RM) === 0, n: n % (tile.WX * tile.CN * 4) === 0, k: k % tile.BK === 0 };
}

const m4 = (x: number): boolean => x % 4 === 0;

/** Which load path the tiled kernel takes for these operands (see TiledVariant). */
export function tiledVariant(a: Tensor, b: Tensor): TiledVariant {
  const k = a.shape[a.ndim - 1];
  const n = b.shape[b.ndim - 1];
  const as = a.strides;
  const bs = b.strides;
  const aBatch = a.ndim === 3 ? as[0] : 0;
  const bBatch = b.ndim === 3 ? bs[0] : 0;
  const aV = as[a.ndim - 1] === 1 && m4(k) && m4(as[a.ndim - 2]) && m4(aBatch) && m4(a.offset);
  const bSk = bs[b.ndim - 2];
  const bSn = bs[b.ndim - 1];
  const bN4 = bSn === 1 && m4(n) && m4(bSk) && m4(bBatch) && m4(b.offset);
  const bK4 = !bN4 && bSk === 1 && m4(k) && m4(bSn) && m4(bBatch) && m4(b.offset);
  return { a: aV ? 'v' : 's', b: bN4 ? 'n4' : bK4 ? 'k4' : 's', c: m4(n) };
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

/**
 * The kernel for a shape (exported for the bench and tests). Thresholds measured with
 * `npx tsx bench/webgpu-browser.ts` (the "webgpu browser matmul kernels" rows) on both software
 * adapters: one thread per output wins on small products and on thin ones — a side under 16
 * leaves most of a 64×32 tile idle (64×256×10: naive 3× faster than tiled on the GLES adapter,
 * even on SwiftShader) — while from about 2^17 multiply-adds on, tiles win (64×128×64: tiled 6×
 * faster on SwiftShader; 128×128×128: 1.7–4× on both). Split-K only pays when a few outputs each
 * need a long K (a dot product), where a lone thread per output would leave the GPU idle.
 */
export function chooseMatmulKernel(m: number, n: number, k: number, batch: number): MatmulKernel {
  const outs = m * n * batch;
  if (outs <= 256 && k >= 2048) return 'splitk';
  if (outs * k <= 1 << 17 || Math.min(m, n) < 16) return 'naive';
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
  const variant = kernel === 'tiled' ? tiledVariant(a, b) : null;
  const tile = tileFor(m, n);
  const fit = tiledFit(m, n, k, tile);
  const code = variant !== null ? tiledShader(e, variant, fit, tile) : kernel === 'splitk' ? splitkShader(e) : naiveShader(e);
  const key = variant !== null ? `|${variant.a}${variant.b}${variant.c ? 'c4' : ''}|${+fit.m}${+fit.n}${+fit.k}|${tile.WX},${tile.WY},${tile.RM},${tile.CN},${tile.BK}` : '';
  const pipeline = ctx.pipeline(`matmul|${kernel}|${e}${key}`, code);
  const aBuf = (a.storage as WebGPUStorage).bufferForRead();
  const bBuf = (b.storage as WebGPUStorage).bufferForRead();
  // an unused bias binding still needs a buffer: bind A (never read)
  const biasBuf = bias !== null ? (bias.storage as WebGPUStorage).bufferForRead() : aBuf;
  const cBuf = (out.storage as WebGPUStorage).bufferForWrite(true);
  if (kernel === 'tiled') {
    // A4/B4 see the buffers as vec4s (pool buffers are ≥ 16 bytes: powers of two, then MiBs)
    const tn = tile.WX * tile.CN * 4;
    const tm = tile.WY * tile.RM;
    ctx.dispatch(`matmul:tiled`, pipeline, [cBuf, aBuf, bBuf, biasBuf], meta, Math.ceil(n / tn), Math.ceil(m / tm), batch);
  }
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
