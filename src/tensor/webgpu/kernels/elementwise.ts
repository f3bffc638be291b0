// Elementwise ops on the GPU, generated from the op table: for each (op, domain, operand kinds,
// dtypes, rank) one WGSL shader is built from the entry's expression (wgsl/expr.ts) and cached.
// Broadcasting and strided views work through the same (coalesced) shape/stride/offset lists the
// CPU driver uses, passed in the dispatch's meta block; a rank-R shader unrolls the index math.
// Operands are GPU buffers, or uniforms when an operand is one host value (Python scalars become
// 0-d CPU tensors with stride 0 — they ride in the meta block instead of being uploaded).
//
// `runElementwiseGpu` returns false when the call cannot run exactly on the GPU (dtype without a
// 32-bit form, expression the translator refuses, rank > 8); the backend then runs the CPU kernel.

import type { Layout } from '../../backend';
import { domainFor, type Domain } from '../../cpu/elementwise';
import { coalesce } from '../../cpu/strided';
import type { DType } from '../../dtype';
import type { ElementwiseDef } from '../../ops/table';
import type { GpuContext } from '../context';
import { gpuElemOf, WebGPUStorage, type GpuElem } from '../storage';
import { translate, Untranslatable, type ExprEnv, type WType } from '../wgsl/expr';
import { WGSL_HELPERS } from '../wgsl/helpers';

const MAX_RANK = 8;
const WG = 64;
// meta word layout
const W_N = 0;
const W_RANK = 1;
const W_OFF = 2; // out, op0, op1, op2
const W_SHAPE = 6; // 8 dims
const W_STRIDES = 14; // 4 operands × 8 dims
const W_PARAMS = 46; // p0..p3
const W_SCALARS = 50; // uniform operand values

/** How one input operand reaches the shader. */
type Src = { kind: 'buf'; slot: number; elem: GpuElem } | { kind: 'uni'; elem: GpuElem };

const untranslatable = new Set<string>();

function domainType(d: Domain): WType | null {
  return d === 'f' ? 'f32' : d === 'i' ? 'i32' : d === 'b' ? 'u32' : null;
}

const bitsF = new Float32Array(1);
const bitsU = new Uint32Array(bitsF.buffer);
const bitsI = new Int32Array(bitsF.buffer);

/** A host number/bigint as the 32-bit word of `elem` (null when not exactly representable). */
function word(v: number | bigint, elem: GpuElem): number | null {
  if (elem === 'f32') {
    bitsF[0] = Number(v);
    return bitsU[0];
  }
  const n = typeof v === 'bigint' ? v : Math.trunc(Number(v));
  if (typeof n === 'bigint' ? n < -(2n ** 31n) || n >= 2n ** 31n : !(n >= -(2 ** 31) && n < 2 ** 31)) return null;
  bitsI[0] = Number(n);
  return bitsU[0];
}

function loadAs(x: string, from: GpuElem, to: WType | 'bool'): string {
  if (to === 'bool') return from === 'f32' ? `((bitcast<u32>(${x}) & 0x7fffffffu) != 0u)` : from === 'i32' ? `(${x} != 0)` : `(${x} != 0u)`;
  if (from === to) return x;
  if (to === 'f32') return `f32(${x})`;
  if (to === 'i32' && from === 'u32') return `i32(${x})`;
  throw new Untranslatable(`load ${from} as ${to}`);
}

function storeAs(v: string, t: 'num' | 'bool', T: WType, out: DType): string {
  const e = gpuElemOf(out)!;
  if (t === 'bool') return e === 'f32' ? `select(0.0, 1.0, ${v})` : e === 'i32' ? `select(0, 1, ${v})` : `select(0u, 1u, ${v})`;
  if (e === 'u32') return T === 'f32' ? `select(0u, 1u, (bitcast<u32>(${v}) & 0x7fffffffu) != 0u)` : T === 'i32' ? `select(0u, 1u, ${v} != 0)` : `select(0u, 1u, ${v} != 0u)`;
  if (e === 'f32') return T === 'f32' ? v : `f32(${v})`;
  const i = T === 'f32' ? `h_toi32(${v})` : T === 'u32' ? `i32(${v})` : v;
  switch (out) {
    case 'int16':
      return `((${i} << 16u) >> 16u)`;
    case 'int8':
      return `((${i} << 24u) >> 24u)`;
    case 'uint8':
      return `(${i} & 255)`;
    default:
      return i;
  }
}

const M = (k: number): string => `mt.w[${k >> 2}].${'xyzw'[k & 3]}`;

function buildShader(op: ElementwiseDef, d: Domain, T: WType, srcs: readonly Src[], bufElems: readonly GpuElem[], out: DType, rank: number): string {
  const logical = op.rule === 'logical';
  const boolResult = op.rule === 'compare' || logical;
  const decls = bufElems.map((e, s) => `@group(0) @binding(${s + 1}) var<storage, ${s === 0 ? 'read_write' : 'read'}> b${s}: array<${e}>;`);
  const operands: ExprEnv['operands'] = {};
  const lines: string[] = [];
  srcs.forEach((src, k) => {
    const name = 'abc'[k];
    const asBool = logical || (op.name === 'where' && k === 0);
    const raw = src.kind === 'buf' ? `b${src.slot}[o${k + 1}]` : src.elem === 'f32' ? `bitcast<f32>(${M(W_SCALARS + k)})` : src.elem === 'i32' ? `bitcast<i32>(${M(W_SCALARS + k)})` : M(W_SCALARS + k);
    const to = asBool ? 'bool' : T;
    lines.push(`let ${name} = ${loadAs(raw, src.elem, to)};`);
    operands[name] = { code: name, t: asBool ? 'bool' : 'num' };
  });
  for (let p = 0; p < (op.params ?? 0); p++) {
    const raw = T === 'f32' ? `bitcast<f32>(${M(W_PARAMS + p)})` : T === 'i32' ? `bitcast<i32>(${M(W_PARAMS + p)})` : M(W_PARAMS + p);
    lines.push(`let p${p} = ${raw};`);
    operands[`p${p}`] = { code: `p${p}`, t: 'num' };
  }
  const expr = d === 'f' ? op.f : d === 'b' ? (op.b ?? op.i ?? op.f) : (op.i ?? op.f);
  const r = translate(expr, { type: T, operands });
  if (boolResult && r.t !== 'bool') r.code = `(${r.code} != ${T === 'f32' ? '0.0' : T === 'i32' ? '0' : '0u'})`;
  const value = storeAs(r.code, boolResult ? 'bool' : r.t, T, out);
  // index math: offsets of the output (o0) and every buffer operand (o1..)
  const idx: string[] = ['var rem = i;', `var o0 = ${M(W_OFF)};`];
  srcs.forEach((s, k) => {
    if (s.kind === 'buf') idx.push(`var o${k + 1} = ${M(W_OFF + k + 1)};`);
  });
  const ops = [0, ...srcs.map((s, k) => (s.kind === 'buf' ? k + 1 : -1)).filter((k) => k >= 0)];
  for (let dd = rank - 1; dd >= 0; dd--) {
    const c = dd === 0 ? 'rem' : `(rem % ${M(W_SHAPE + dd)})`;
    idx.push(`{ let c = ${c};${dd > 0 ? ` rem = rem / ${M(W_SHAPE + dd)};` : ''} ${ops.map((k) => `o${k} += c * ${M(W_STRIDES + k * MAX_RANK + dd)};`).join(' ')} }`);
  }
  return `struct Meta { w: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> mt: Meta;
${decls.join('\n')}
${WGSL_HELPERS}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= ${M(W_N)}) { return; }
  ${idx.join('\n  ')}
  ${lines.join('\n  ')}
  b0[o0] = ${value};
}`;
}

/** Is this storage a GPU operand? (Host values are uploaded or passed as uniforms instead.) */
const isGpu = (s: unknown): s is WebGPUStorage => s instanceof WebGPUStorage && s.gpuCapable;

/** Host words of a whole storage converted to the compute element type (exact conversions only). */
function hostWords(arr: ArrayLike<number | bigint>, elem: GpuElem): Float32Array | Int32Array | Uint32Array | null {
  const n = arr.length;
  if (elem === 'f32') {
    const o = new Float32Array(n);
    for (let i = 0; i < n; i++) o[i] = Number(arr[i]);
    return o;
  }
  const o = elem === 'i32' ? new Int32Array(n) : new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const w = word(arr[i], elem);
    if (w === null) return null;
    o[i] = elem === 'i32' ? bitsI[0] : w;
  }
  return o;
}

export function runElementwiseGpu(ctx: GpuContext, op: ElementwiseDef, out: Layout, inputs: readonly Layout[], compute: DType, params: readonly (number | bigint)[]): boolean {
  const d = domainFor(op, compute);
  const T = domainType(d);
  const outStorage = out.storage;
  if (T === null || !isGpu(outStorage) || (compute !== 'float32' && gpuElemOf(compute) === null)) return false;
  const key0 = `${op.name}|${d}`;
  if (untranslatable.has(key0)) return false;
  const n = out.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return true;
  const logical = op.rule === 'logical';
  // 1) operand sources
  const meta = new Uint32Array(64);
  const srcs: Src[] = [];
  const bufs: WebGPUStorage[] = [outStorage];
  const bufElems: GpuElem[] = [gpuElemOf(outStorage.dtype)!];
  const extra: GPUBuffer[] = [];
  const layouts: Layout[] = [];
  for (let k = 0; k < inputs.length; k++) {
    const x = inputs[k];
    const st = x.storage;
    const asCond = logical || (op.name === 'where' && k === 0);
    const scalarLike = x.strides.every((s) => s === 0) || x.shape.every((s) => s === 1);
    if (isGpu(st) && !(scalarLike && st.hostCurrent && !st.onGpu)) {
      let slot = bufs.indexOf(st);
      if (slot === 0 && (x.offset !== out.offset || x.strides.some((s, i) => s !== out.strides[i]))) {
        // reads the output's memory at other positions: read a snapshot so the order of GPU
        // threads cannot matter
        const snap = ctx.scratchBuffer(outStorage.length * 4);
        ctx.copy(outStorage.bufferForRead(), 0, snap, 0, outStorage.length * 4);
        extra.push(snap);
        slot = -2 - (extra.length - 1);
      } else if (slot < 0) {
        bufs.push(st);
        bufElems.push(gpuElemOf(st.dtype)!);
        slot = bufs.length - 1;
      }
      srcs.push({ kind: 'buf', slot, elem: gpuElemOf(st.dtype)! });
      layouts.push(x);
      continue;
    }
    if (!st.hostCurrent) return false; // values on the GPU in a form we cannot read here
    const elem: GpuElem = asCond ? 'u32' : (T as GpuElem);
    if (scalarLike) {
      const v = st.dataForRead[x.offset];
      const w = asCond ? (Number(v) !== 0 || Number.isNaN(Number(v)) ? 1 : 0) : word(v, elem);
      if (w === null) return false;
      meta[W_SCALARS + k] = w;
      srcs.push({ kind: 'uni', elem });
      layouts.push({ ...x, strides: x.strides.map(() => 0) });
      continue;
    }
    const words = hostWords(asCond ? Array.from(st.dataForRead as ArrayLike<number>, (v) => (Number(v) !== 0 ? 1 : 0)) : (st.dataForRead as ArrayLike<number>), elem);
    if (words === null) return false;
    extra.push(ctx.scratchUpload(words));
    srcs.push({ kind: 'buf', slot: -2 - (extra.length - 1), elem });
    layouts.push(x);
  }
  // extra (scratch) buffers get slots after the storages
  const base = bufs.length;
  for (const s of srcs) if (s.kind === 'buf' && s.slot <= -2) s.slot = base + (-2 - s.slot);
  const allElems = [...bufElems, ...srcs.filter((s) => s.kind === 'buf' && s.slot >= base).sort((a, b) => (a as { slot: number }).slot - (b as { slot: number }).slot).map((s) => s.elem)];
  // 2) coalesced layout
  const { shape, strides } = coalesce(out.shape, [out.strides, ...layouts.map((l) => l.strides)]);
  if (shape.length > MAX_RANK) return false;
  for (let p = 0; p < params.length; p++) {
    const w = word(params[p], T as GpuElem);
    if (w === null) return false;
    meta[W_PARAMS + p] = w;
  }
  meta[W_N] = n;
  meta[W_RANK] = shape.length;
  meta[W_OFF] = out.offset;
  layouts.forEach((l, k) => (meta[W_OFF + k + 1] = l.offset));
  shape.forEach((s, dd) => (meta[W_SHAPE + dd] = s));
  strides.forEach((st, k) => st.forEach((s, dd) => (meta[W_STRIDES + k * MAX_RANK + dd] = s)));
  // 3) pipeline
  const key = `ew|${key0}|${compute}|${outStorage.dtype}|${srcs.map((s) => (s.kind === 'buf' ? `b${s.slot}${s.elem}` : `u${s.elem}`)).join(',')}|${allElems.join(',')}|r${shape.length}`;
  let pipeline: GPUComputePipeline;
  try {
    pipeline = ctx.pipeline(key, buildShader(op, d, T, srcs, allElems, outStorage.dtype, shape.length));
  } catch (e) {
    if (e instanceof Untranslatable) {
      untranslatable.add(key0);
      return false;
    }
    throw e;
  }
  // 4) bind: inputs first (uploads/clears), then the output (which may alias an input)
  const readBufs = bufs.slice(1).map((s) => s.bufferForRead());
  // an input that is the output itself (x.add_(y)) must have its values on the GPU first
  const readsOut = srcs.some((s) => s.kind === 'buf' && s.slot === 0);
  const covers = !readsOut && n === outStorage.length && out.offset === 0 && isDense(out);
  const outBuf = outStorage.bufferForWrite(covers);
  const groups = Math.ceil(n / WG);
  ctx.dispatch(`elementwise:${op.name}`, pipeline, [outBuf, ...readBufs, ...extra], meta, groups);
  return true;
}

/** Does the layout touch every element of a storage of numel(shape) (any permutation)? */
function isDense(l: Layout): boolean {
  const dims = l.shape.map((s, i) => [s, l.strides[i]]).filter(([s]) => s !== 1).sort((a, b) => a[1] - b[1]);
  let expect = 1;
  for (const [s, st] of dims) {
    if (st !== expect) return false;
    expect *= s;
  }
  return true;
}
