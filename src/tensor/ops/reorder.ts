// Ops that copy elements into a new order: flip / fliplr / flipud, roll, repeat / tile,
// repeat_interleave, tril / triu. Each builds a strided *read* layout of the input (negative
// strides for flip, stride 0 for repeat, two slices for roll) and lets the copy kernel write a
// fresh contiguous result, so every dtype shares one path. repeat_interleave is composed from the
// engine's own view/clone/index_select, so its autograd graph is the one PyTorch builds.

import { PyError } from '../../errors';
import { checkInplace, recordInplace, recordOp, withNoGrad } from '../grad';
import { numelOf, shapeList, wrapDim, wrapDims } from '../shape';
import { Tensor } from '../tensor';
import { castInto, clone, emptyPreserving } from './copy';
import { indexSelect } from './gather';
import { onHost, placeLike } from './dimrows';
import { expand, flatten, sliceDim, unsqueeze, view } from './views';

/** A raw (no autograd) strided read of t's storage. */
const rawView = (t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor =>
  new Tensor(t.storage, shape, strides, offset);

// --- flip ------------------------------------------------------------------------------------

export function flip(t: Tensor, dims: number | readonly number[]): Tensor {
  const ds = wrapDims(typeof dims === 'number' ? [dims] : dims, t.ndim);
  const strides = t.strides.slice();
  let offset = t.offset;
  for (const d of ds) {
    if (t.shape[d] > 0) offset += (t.shape[d] - 1) * t.strides[d];
    strides[d] = -strides[d];
  }
  const out = emptyPreserving(t);
  castInto(out, rawView(t, t.shape, strides, offset));
  const node = recordOp('FlipBackward0', [t], [out]);
  if (node !== null) node.ctx.dims = ds;
  return out;
}

export function fliplr(t: Tensor): Tensor {
  if (t.ndim < 2) throw new PyError('RuntimeError', 'Input must be >= 2-d.');
  return flip(t, [1]);
}

export function flipud(t: Tensor): Tensor {
  if (t.ndim < 1) throw new PyError('RuntimeError', 'Input must be >= 1-d.');
  return flip(t, [0]);
}

// --- roll ------------------------------------------------------------------------------------

/** Write `src` rolled by `shift` along `d` into `dst` (same shape), as two slice copies. */
function rollInto(dst: Tensor, src: Tensor, d: number, shift: number): void {
  const n = src.shape[d];
  if (n === 0) return;
  const s = ((shift % n) + n) % n;
  withNoGrad(() => {
    castInto(sliceDim(dst, d, s, n, 1), sliceDim(src, d, 0, n - s, 1));
    if (s > 0) castInto(sliceDim(dst, d, 0, s, 1), sliceDim(src, d, n - s, n, 1));
  });
}

/** torch.roll(input, shifts, dims=None): with no dims, rolls the flattened tensor. */
export function roll(t: Tensor, shifts: number | readonly number[], dims: number | readonly number[] | null = null): Tensor {
  const sh = typeof shifts === 'number' ? [shifts] : shifts.slice();
  const ds = dims === null ? [] : typeof dims === 'number' ? [dims] : dims.slice();
  if (ds.length === 0 && sh.length === 1) {
    const out = Tensor.empty(t.shape, t.dtype, t.device);
    const flat = withNoGrad(() => view(clone(t, true), [t.numel()]));
    rollInto(new Tensor(out.storage, [t.numel()]), flat, 0, sh[0]);
    return recordRoll(t, out, sh, []);
  }
  if (sh.length !== ds.length) throw new PyError('RuntimeError', `shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  const wd = ds.map((d) => wrapDim(d, t.ndim));
  let cur = t;
  let out = t;
  wd.forEach((d, k) => {
    out = Tensor.empty(t.shape, t.dtype, t.device);
    rollInto(out, cur, d, sh[k]);
    cur = out;
  });
  return recordRoll(t, out, sh, wd);
}

function recordRoll(t: Tensor, out: Tensor, shifts: number[], dims: number[]): Tensor {
  const node = recordOp('RollBackward0', [t], [out]);
  if (node !== null) Object.assign(node.ctx, { shifts, dims });
  return out;
}

// --- repeat / tile ---------------------------------------------------------------------------

export function repeat(t: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < t.ndim)
    throw new PyError('RuntimeError', 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  const pad = sizes.length - t.ndim;
  const shape = [...new Array<number>(pad).fill(1), ...t.shape];
  const strides = [...new Array<number>(pad).fill(0), ...t.strides];
  const outShape = shape.map((s, i) => s * sizes[i]);
  for (const s of outShape) if (s < 0) throw new PyError('RuntimeError', `Trying to create tensor with negative dimension ${s}: ${shapeList(outShape)}`);
  const out = Tensor.empty(outShape, t.dtype, t.device);
  if (numelOf(outShape) > 0) {
    // out viewed as [r0, s0, r1, s1, ...] reads the input with stride 0 on every r_i
    const inter: number[] = [];
    const readStrides: number[] = [];
    shape.forEach((s, i) => {
      inter.push(sizes[i], s);
      readStrides.push(0, strides[i]);
    });
    const dst = new Tensor(out.storage, inter);
    castInto(dst, rawView(t, inter, readStrides, t.offset));
  }
  const node = recordOp('RepeatBackward0', [t], [out]);
  if (node !== null) node.ctx.repeats = sizes.slice();
  return out;
}

export function tile(t: Tensor, dims: readonly number[]): Tensor {
  const d = dims.length < t.ndim ? [...new Array<number>(t.ndim - dims.length).fill(1), ...dims] : dims;
  return repeat(t, d);
}

// --- repeat_interleave -----------------------------------------------------------------------

/** repeat_interleave(repeats) with only a repeats tensor: [0]*r0 + [1]*r1 + ... (int64). */
export function repeatInterleaveIndices(repeats: Tensor): Tensor {
  if (repeats.ndim > 1) throw new PyError('RuntimeError', 'repeat_interleave only accept 1D vector as repeat');
  const r = Array.from(repeats.dataSync() as ArrayLike<number | bigint>, Number);
  if (r.some((x) => x < 0)) throw new PyError('RuntimeError', 'repeats can not be negative');
  const total = r.reduce((a, b) => a + b, 0);
  const out = new BigInt64Array(total);
  let p = 0;
  r.forEach((n, i) => {
    for (let k = 0; k < n; k++) out[p++] = BigInt(i);
  });
  return Tensor.fromArray(out, [total], 'int64');
}

/** torch.repeat_interleave(input, repeats, dim=None). */
export function repeatInterleave(t: Tensor, repeats: number | Tensor, dim: number | null = null): Tensor {
  if (typeof repeats === 'number') {
    const input = dim === null ? flatten(t) : t;
    const d = dim === null ? 0 : wrapDim(dim, t.ndim);
    if (repeats < 0) throw new PyError('RuntimeError', 'Repeats must be non-negative');
    const u = unsqueeze(input, d + 1);
    const shape = u.shape.slice();
    shape[d + 1] = repeats;
    return flatten(clone(expand(u, shape), true), d, d + 1);
  }
  const input = dim === null ? flatten(t) : t;
  const d = dim === null ? 0 : wrapDim(dim, t.ndim);
  let reps = repeats;
  const size = input.ndim === 0 ? 1 : input.shape[d];
  if (reps.ndim === 0 || (reps.ndim === 1 && reps.shape[0] === 1)) reps = withNoGrad(() => expand(view(reps, [1]), [size]));
  else if (reps.ndim === 1 && reps.shape[0] !== size)
    throw new PyError(
      'RuntimeError',
      `repeats must have the same size as input along dim, but got repeats.size(0) = ${reps.shape[0]} and input.size(${d}) = ${size}`,
    );
  return indexSelect(input, d, repeatInterleaveIndices(reps));
}

// --- tril / triu -----------------------------------------------------------------------------

function triangle(t: Tensor, diagonal: number, lower: boolean): Tensor {
  const name = lower ? 'tril' : 'triu';
  if (t.ndim < 2) throw new PyError('RuntimeError', `${name}: input tensor must have at least 2 dimensions`);
  // zero the other triangle in a host copy, then hand it back on t's device
  const out = Tensor.empty(t.shape, t.dtype);
  castInto(out, onHost(t));
  const rows = t.shape[t.ndim - 2];
  const cols = t.shape[t.ndim - 1];
  const batches = numelOf(t.shape) / Math.max(rows * cols, 1);
  const d = out.storage.data;
  const zero = t.dtype === 'int64' ? 0n : 0;
  for (let b = 0; b < batches; b++)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const keep = lower ? j - i <= diagonal : j - i >= diagonal;
        if (!keep) (d as unknown as (number | bigint)[])[b * rows * cols + i * cols + j] = zero;
      }
  const res = placeLike(out, t);
  const node = recordOp(lower ? 'TrilBackward0' : 'TriuBackward0', [t], [res]);
  if (node !== null) node.ctx.diagonal = diagonal;
  return res;
}

export const tril = (t: Tensor, diagonal = 0): Tensor => triangle(t, diagonal, true);
export const triu = (t: Tensor, diagonal = 0): Tensor => triangle(t, diagonal, false);

function triangleInplace(t: Tensor, diagonal: number, lower: boolean): Tensor {
  checkInplace(t);
  const r = withNoGrad(() => triangle(t, diagonal, lower));
  castInto(t, r);
  t.bumpVersion();
  const node = recordInplace(lower ? 'TrilBackward0' : 'TriuBackward0', t, []);
  if (node !== null) node.ctx.diagonal = diagonal;
  return t;
}

export const tril_ = (t: Tensor, diagonal = 0): Tensor => triangleInplace(t, diagonal, true);
export const triu_ = (t: Tensor, diagonal = 0): Tensor => triangleInplace(t, diagonal, false);
