// Impls of the layout ops: reversing and rotating (flip, fliplr, flipud, roll, rot90), triangles
// (tril, triu and their in-place forms, tril_indices, triu_indices), repetition (repeat, tile,
// repeat_interleave), picking (take, take_along_dim, diag, diagflat, trace, argwhere, diff), splitting
// and stacking (tensor_split, hsplit, vsplit, dsplit, split_with_sizes, dstack, column_stack,
// row_stack, atleast_1d, ravel, cartesian_prod) and the index_* updates. Where PyTorch composes an
// op from others (rot90, tensor_split, diag of a vector, column_stack), so do we, from
// differentiable engine ops, so autograd follows without a formula of its own.

import { PyError } from '../../../../errors';
import { PyTuple } from '../../../object';
import type { ParsedArgs } from '../argparse/parse';
import * as E from '../tensor/engine';
import type { Tensor } from '../tensor/engine';
import { factoryOptions } from './factories';
import { IMPLS, type Impl } from './impls';

const def = (names: string, f: Impl): void => {
  for (const n of names.split(' ')) IMPLS[n] = f;
};
const tup = (ts: readonly Tensor[]): PyTuple => new PyTuple(ts.slice());

// ---- reversing and rotating ----------------------------------------------------------------------

def('flip', (t, a) => E.flip(t, a.intlist('dims')));
def('fliplr', (t) => E.fliplr(t));
def('flipud', (t) => E.flipud(t));
def('roll', (t, a) => E.roll(t, a.intlist('shifts'), a.has('dims') ? a.intlist('dims') : null));
def('rot90', (t, a) => {
  const dims = a.intlist('dims');
  if (dims.length !== 2) throw new PyError('RuntimeError', `expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (t.ndim < 2) throw new PyError('RuntimeError', `expected total dims >= 2, but got total dims = ${t.ndim}`);
  const [d0, d1] = dims.map((d) => E.wrapDim(d, t.ndim));
  if (d0 === d1) throw new PyError('RuntimeError', `expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  const k = ((a.int('k') % 4) + 4) % 4;
  // aten/src/ATen/native/TensorTransformations.cpp: rot90 as flips and a transpose.
  if (k === 1) return E.transpose(E.flip(t, [d1]), d0, d1);
  if (k === 2) return E.flip(t, [d0, d1]);
  if (k === 3) return E.transpose(E.flip(t, [d0]), d0, d1);
  return E.clone(t);
});

// ---- triangles -------------------------------------------------------------------------------------

def('tril', (t, a) => E.tril(t, a.int('diagonal')));
def('triu', (t, a) => E.triu(t, a.int('diagonal')));
def('tril_', (t, a) => E.tril_(t, a.int('diagonal')));
def('triu_', (t, a) => E.triu_(t, a.int('diagonal')));
for (const [name, f] of [['tril_indices', E.trilIndices], ['triu_indices', E.triuIndices]] as const) {
  def(name, (_t, a) => {
    const o = factoryOptions(a);
    // AT_DISPATCH_INDEX_TYPES: only int32 / int64 results
    if (o.dtype && o.dtype !== 'int64' && o.dtype !== 'int32') throw new PyError('RuntimeError', `"${name}" not implemented for '${E.scalarTypeName(o.dtype)}'`);
    const out = f(a.int('row'), a.int('col'), a.int('offset'));
    return o.dtype && o.dtype !== out.dtype ? E.toDtype(out, o.dtype) : out;
  });
}

// ---- repetition ------------------------------------------------------------------------------------

def('repeat', (t, a) => E.repeat(t, a.intlist('repeats')));
def('tile', (t, a) => E.tile(t, a.intlist('dims')));
def('repeat_interleave', (t, a) => {
  // torch.repeat_interleave(repeats): no input at all (the method form's receiver is `t`)
  if (t === null) return E.repeatInterleaveIndices(a.tensor('repeats'));
  const r = a.raw('repeats') instanceof E.Tensor ? a.tensor('repeats') : a.int('repeats');
  return E.repeatInterleave(t, r, a.optInt('dim'));
});

// ---- picking -------------------------------------------------------------------------------------------

def('take', (t, a) => E.take(t, a.tensor('index')));
def('take_along_dim', (t, a) => E.takeAlongDim(t, a.tensor('indices'), a.optInt('dim')));
def('argwhere', (t) => E.argwhere(t));
def('diff', (t, a) => E.diff(t, a.int('n'), a.int('dim'), a.optTensor('prepend'), a.optTensor('append')));
def('trace', (t) => {
  if (t.ndim !== 2) throw new PyError('RuntimeError', `trace: expected a matrix, but got tensor with dim ${t.ndim}`);
  return E.sum(E.diagonal(t, 0, 0, 1));
});
def('diag', (t, a) => diag(t, a.int('diagonal')));
function diag(t: Tensor, k: number): Tensor {
  if (t.ndim === 2) return E.clone(E.diagonal(t, k, 0, 1));
  if (t.ndim !== 1) throw new PyError('RuntimeError', 'diag(): Supports 1D or 2D tensors. Got ' + t.ndim + 'D');
  // A square matrix with the vector on diagonal k: the vector padded to n + |k| and broadcast along
  // rows (k >= 0: entry [i, i + k] takes v[i]) or columns, kept only where col - row == k.
  const n = t.shape[0] + Math.abs(k);
  const pad = E.zeros([Math.abs(k)], { dtype: t.dtype });
  const v = E.cat([t, pad]);
  const rows = E.unsqueeze(E.arange(0, n), 1);
  const cols = E.unsqueeze(E.arange(0, n), 0);
  const mask = E.eq(E.sub(cols, rows), k);
  const grid = k >= 0 ? E.expand(E.unsqueeze(v, 1), [n, n]) : E.expand(E.unsqueeze(v, 0), [n, n]);
  return E.where(mask, grid, E.zeros([], { dtype: t.dtype }));
}

// ---- splitting and stacking -------------------------------------------------------------------------

/** Pieces of `t` along `dim` ending at each boundary (torch.tensor_split's indices form). */
function splitAt(t: Tensor, bounds: number[], dim: number): Tensor[] {
  const d = E.wrapDim(dim, t.ndim);
  const size = t.shape[d];
  const out: Tensor[] = [];
  let start = 0;
  for (const b of [...bounds, size]) {
    const s = Math.min(Math.max(start, 0), size);
    const e = Math.min(Math.max(b < 0 ? b + size : b, s), size);
    out.push(E.narrow(t, d, s, e - s));
    start = b < 0 ? b + size : b;
  }
  return out;
}
function sectionBounds(size: number, sections: number): number[] {
  if (sections <= 0) throw new PyError('RuntimeError', `number of sections must be larger than 0, got ${sections}`);
  const base = Math.floor(size / sections);
  const extra = size % sections;
  const bounds: number[] = [];
  let at = 0;
  for (let i = 0; i < sections - 1; i++) bounds.push((at += base + (i < extra ? 1 : 0)));
  return bounds;
}
function tensorSplit(t: Tensor, a: ParsedArgs, key: string, dim: number): Tensor[] {
  if (t.ndim === 0) throw new PyError('RuntimeError', 'tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const d = E.wrapDim(dim, t.ndim);
  const raw = a.raw(key);
  if (typeof raw === 'number' || typeof raw === 'bigint') return splitAt(t, sectionBounds(t.shape[d], Number(raw)), d);
  if (raw instanceof E.Tensor) {
    const v = (raw.dataSync() as ArrayLike<number | bigint>);
    const xs = Array.from(v, Number);
    return raw.ndim === 0 ? splitAt(t, sectionBounds(t.shape[d], xs[0]), d) : splitAt(t, xs, d);
  }
  return splitAt(t, a.intlist(key), d);
}
def('tensor_split', (t, a) => tup(tensorSplit(t, a, a.hasParam('sections') ? 'sections' : a.hasParam('indices') ? 'indices' : 'tensor_indices_or_sections', a.int('dim'))));
for (const [name, dimOf, need] of [['hsplit', (t: Tensor) => (t.ndim === 1 ? 0 : 1), 1], ['vsplit', () => 0, 2], ['dsplit', () => 2, 3]] as const) {
  def(name, (t, a) => {
    if (t.ndim < need) {
      throw new PyError('RuntimeError', `torch.${name} requires a tensor with at least ${need} dimension, but got a tensor with ${t.ndim} dimensions!`);
    }
    const d = dimOf(t);
    const key = a.hasParam('sections') ? 'sections' : 'indices';
    if (key === 'sections') {
      const s = a.int('sections');
      if (s !== 0 && t.shape[d] % s !== 0) {
        throw new PyError('RuntimeError', `torch.${name} attempted to split along dimension ${d}, but the size of the dimension ${t.shape[d]} is not divisible by the split_size ${s}!`);
      }
    }
    return tup(tensorSplit(t, a, key, d));
  });
}
/** torch.atleast_{1,2,3}d of one tensor (pyfuncs.ts binds the Python-level varargs forms). */
export const atLeast = (t: Tensor, n: number): Tensor => {
  if (t.ndim >= n) return t;
  if (n === 1) return E.reshape(t, [1]);
  if (n === 2) return t.ndim === 0 ? E.reshape(t, [1, 1]) : E.unsqueeze(t, 0);
  return t.ndim === 0 ? E.reshape(t, [1, 1, 1]) : t.ndim === 1 ? E.unsqueeze(E.unsqueeze(t, 0), 2) : E.unsqueeze(t, 2);
};
def('dstack', (_t, a) => E.cat(a.tensorlist('tensors').map((x) => atLeast(x, 3)), 2));
def('row_stack', (_t, a) => E.vstack(a.tensorlist('tensors')));
def('column_stack', (_t, a) => E.hstack(a.tensorlist('tensors').map((x) => (x.ndim <= 1 ? E.reshape(x, [x.numel(), 1]) : x))));
def('ravel', (t) => E.reshape(t, [-1]));
def('split_with_sizes', (t, a) => {
  const sizes = a.intlist('split_sizes');
  const d = E.wrapDim(a.int('dim'), t.ndim);
  const total = sizes.reduce((x, y) => x + y, 0);
  if (total !== t.shape[d] || sizes.some((n) => n < 0)) {
    throw new PyError('RuntimeError', `split_with_sizes expects split_sizes to sum exactly to ${t.shape[d]} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(', ')}]`);
  }
  return tup(E.split(t, sizes, d));
});
// diagflat: the flattened input on diagonal `offset` of a square matrix (PyTorch: view(-1).diag()).
def('diagflat', (t, a) => diag(E.reshape(E.contiguous(t), [-1]), a.int('offset')));

// ---- index_* updates -------------------------------------------------------------------------------------

const src = (a: ParsedArgs): Tensor => a.tensor('source');
def('index_add', (t, a) => E.indexAdd(t, a.int('dim'), a.tensor('index'), src(a), a.scalar('alpha')));
def('index_add_', (t, a) => E.indexAdd_(t, a.int('dim'), a.tensor('index'), src(a), a.scalar('alpha')));
def('index_copy', (t, a) => E.indexCopy(t, a.int('dim'), a.tensor('index'), src(a)));
def('index_copy_', (t, a) => E.indexCopy_(t, a.int('dim'), a.tensor('index'), src(a)));
const fillValue = (a: ParsedArgs) => (a.raw('value') instanceof E.Tensor ? a.tensor('value') : a.scalar('value'));
def('index_fill', (t, a) => E.indexFill(t, a.int('dim'), a.tensor('index'), fillValue(a)));
def('index_fill_', (t, a) => E.indexFill_(t, a.int('dim'), a.tensor('index'), fillValue(a)));
def('masked_scatter', (t, a) => E.maskedScatter(t, a.tensor('mask'), a.tensor('source')));
def('masked_scatter_', (t, a) => E.maskedScatter_(t, a.tensor('mask'), a.tensor('source')));
