// The torch.linalg functions PyTorch composes from others, built here the same way from the
// engine's differentiable ops: cross (and torch.cross with its deprecated dim=None default),
// vecdot, diagonal, multi_dot (PyTorch's cheapest parenthesisation), matrix_power (PyTorch's
// binary decomposition, so float rounding follows the same products) and slogdet. linalg.ts adds
// these entries to the torch.linalg module; torch.cross, matrix_power, slogdet, logdet and their
// Tensor methods go through the Impl table.

import { PyError } from '../../../errors';
import { type KwArgs, PyBuiltinFunction, PyList, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { warn } from '../../builtins/warnings';
import { IMPLS } from './ops/impls';
import { returnTuple } from './ops/returntypes';
import * as E from './tensor/engine';
import type { Tensor } from './tensor/engine';

const T = (v: PyValue, fn: string, arg = 'input', pos = 1): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `linalg_${fn}(): argument '${arg}' (position ${pos}) must be Tensor, not ${typeof v}`);
  return v;
};

/** a × b along `dim` of the broadcast shape (3 components), as PyTorch's linalg_cross computes. */
export function cross(a: Tensor, b: Tensor, dim: number, name = 'linalg.cross'): Tensor {
  if (a.ndim !== b.ndim) throw new PyError('RuntimeError', `${name}: inputs must have the same number of dimensions.`);
  const shape = E.broadcastAll([a.shape, b.shape]);
  const d = E.wrapDim(dim, shape.length);
  if (a.shape[a.ndim - shape.length + d] !== 3 || b.shape[b.ndim - shape.length + d] !== 3) {
    const sa = a.shape[E.wrapDim(dim, a.ndim)];
    const sb = b.shape[E.wrapDim(dim, b.ndim)];
    throw new PyError('RuntimeError', `${name}: inputs dimension ${dim} must have length 3. Got ${sa} and ${sb}`);
  }
  const x = E.expand(a, shape);
  const y = E.expand(b, shape);
  const c = (t: Tensor, i: number): Tensor => E.select(t, d, i);
  const term = (i: number, j: number): Tensor => E.sub(E.mul(c(x, i), c(y, j)), E.mul(c(x, j), c(y, i)));
  return E.stack([term(1, 2), term(2, 0), term(0, 1)], d);
}

const CROSS_DEFAULT_DIM =
  'Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim explicitly or simply use torch.linalg.cross.\n' +
  'The default value of dim will change to agree with that of linalg.cross in a future release.' + E.internally('Cross.cpp:62');
IMPLS.cross = async (t, a) => {
  const other = a.tensor('other');
  let dim = a.optInt('dim');
  if (dim === null) {
    // the first dim of size 3 (aten/src/ATen/native/Cross.cpp _default_cross_dim), then the warning
    const shape = E.broadcastAll([t.shape, other.shape]);
    const found = shape.findIndex((s) => s === 3);
    if (found < 0) throw new PyError('RuntimeError', `no dimension of size 3 in input`);
    await warn('UserWarning', CROSS_DEFAULT_DIM);
    dim = found;
  }
  return cross(t, other, dim);
};

/** linalg.multi_dot: the matrix-chain order with the fewest multiplications (torch's DP). */
function multiDot(ts: Tensor[]): Tensor {
  if (ts.length < 2) throw new PyError('RuntimeError', `multi_dot(): expected at least 2 tensors but got ${ts.length}`);
  const n = ts.length;
  const [firstDim, lastDim] = [ts[0].ndim, ts[n - 1].ndim];
  if (firstDim !== 1 && firstDim !== 2) throw new PyError('RuntimeError', `multi_dot(): the first tensor must be 1D or 2D but got ${firstDim}D`);
  if (lastDim !== 1 && lastDim !== 2) throw new PyError('RuntimeError', `multi_dot(): the last tensor must be 1D or 2D but got ${lastDim}D`);
  for (let i = 1; i < n - 1; i++) {
    if (ts[i].ndim !== 2) throw new PyError('RuntimeError', `multi_dot(): tensor ${i} must be 2D but got ${ts[i].ndim}D`);
  }
  const first1d = firstDim === 1;
  const last1d = lastDim === 1;
  const ms = ts.map((t, i) => (i === 0 && first1d ? E.unsqueeze(t, 0) : i === n - 1 && last1d ? E.unsqueeze(t, 1) : t));
  for (let i = 1; i < n; i++) {
    if (ms[i - 1].shape[1] !== ms[i].shape[0]) {
      const sz = (t: Tensor): string => `[${t.shape.join(', ')}]`;
      throw new PyError('RuntimeError', `multi_dot(): tensors ${i - 1} and ${i} with shapes ${sz(ms[i - 1])} and ${sz(ms[i])} cannot be multiplied`);
    }
  }
  const p = [ms[0].shape[0], ...ms.map((t) => t.shape[1])];
  const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
        if (c < cost[i][j]) {
          cost[i][j] = c;
          split[i][j] = k;
        }
      }
    }
  }
  const chain = (i: number, j: number): Tensor => (i === j ? ms[i] : E.mm(chain(i, split[i][j]), chain(split[i][j] + 1, j)));
  let r = chain(0, n - 1);
  if (first1d) r = E.squeeze(r, 0);
  if (last1d) r = E.squeeze(r, -1);
  return r;
}

/** linalg.matrix_power as aten's linalg_matrix_power_impl multiplies. */
export function matrixPower(a: Tensor, n: number): Tensor {
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) {
    throw new PyError('RuntimeError', `linalg.matrix_power: A must be batches of square matrices, but they are ${a.shape[a.ndim - 2]} by ${a.shape[a.ndim - 1]} matrices`);
  }
  if (n === 0) return E.clone(E.expand(E.eye(a.shape[a.ndim - 1], a.shape[a.ndim - 1], { dtype: a.dtype }), a.shape));
  let base = a;
  if (n < 0) {
    base = E.inv(a);
    n = -n;
  }
  if (n === 1) return E.clone(base);
  if (n === 2) return E.matmul(base, base);
  if (n === 3) return E.matmul(E.matmul(base, base), base);
  let z: Tensor | null = null;
  let result: Tensor | null = null;
  while (n > 0) {
    const bit = n % 2;
    n = Math.floor(n / 2);
    z = z === null ? base : E.matmul(z, z);
    if (bit === 1) result = result === null ? z : E.matmul(result, z);
  }
  return result!;
}

IMPLS.matrix_power = (t, a) => matrixPower(t, a.int('n'));
const slogdet = (t: Tensor): [Tensor, Tensor] => {
  const d = E.det(t);
  return [E.sign(d), E.log(E.abs(d))];
};
IMPLS.slogdet = (t) => returnTuple('slogdet', slogdet(t));
IMPLS.logdet = (t) => E.log(E.det(t)); // negative determinant: nan, zero: -inf, as PyTorch

const bCross = binder('cross(input, other, *, dim=-1, out=None)');
const bVecdot = binder('vecdot(x, y, *, dim=-1, out=None)');
const bDiagonal = binder('diagonal(A, *, offset=0, dim1=-2, dim2=-1)');
const bMultiDot = binder('multi_dot(tensors, *, out=None)');
const bPower = binder('matrix_power(A, n, *, out=None)');
const bSlogdet = binder('slogdet(A, *, out=None)');

/** The extra torch.linalg entries (linalg.ts merges them into the module). */
export function linalgMoreEntries(): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
    m.set(name, new PyBuiltinFunction(name, f, `torch.linalg.${name}`));
  };
  fn('cross', (a, kw) => {
    const [x, y, dim] = bCross(a, kw).values;
    return cross(T(x, 'cross'), T(y, 'cross', 'other', 2), Number(dim));
  });
  fn('vecdot', (a, kw) => {
    const [x, y, dim] = bVecdot(a, kw).values;
    return E.sum(E.mul(T(x, 'vecdot', 'x'), T(y, 'vecdot', 'y', 2)), Number(dim));
  });
  fn('diagonal', (a, kw) => {
    const [x, offset, d1, d2] = bDiagonal(a, kw).values;
    return E.diagonal(T(x, 'diagonal', 'A'), Number(offset), Number(d1), Number(d2));
  });
  fn('multi_dot', (a, kw) => {
    const [ts] = bMultiDot(a, kw).values;
    if (!(ts instanceof PyList || ts instanceof PyTuple)) throw new PyError('TypeError', `linalg_multi_dot(): argument 'tensors' (position 1) must be tuple of Tensors, not ${typeof ts}`);
    return multiDot(ts.items.map((t, i) => T(t, 'multi_dot', 'tensors', i + 1)));
  });
  fn('matrix_power', (a, kw) => {
    const [x, n] = bPower(a, kw).values;
    return matrixPower(T(x, 'matrix_power', 'A'), Number(n));
  });
  fn('slogdet', (a, kw) => {
    return returnTuple('linalg_slogdet', slogdet(T(bSlogdet(a, kw).values[0], 'slogdet', 'A')));
  });
  return m;
}
