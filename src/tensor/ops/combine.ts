// Index-producing and grid ops: torch.where(cond) / nonzero(as_tuple=True), argwhere, meshgrid
// (with PyTorch's once-per-run warning when `indexing` is omitted), cartesian_prod, and
// triu_indices / tril_indices. Grids are expand views, as in PyTorch, so they share storage with
// their inputs and record ExpandBackward0 over ViewBackward0.

import { PyError } from '../../errors';
import { Tensor } from '../tensor';
import { engineWarnOnce, internally } from '../warnings';
import { nonzero } from './gather';
import { placeLike } from './dimrows';
import { stack } from './join';
import { expand, flatten, view } from './views';

/** torch.where(cond) and nonzero(as_tuple=True): one int64 index tensor per dim. */
export function nonzeroTuple(t: Tensor): Tensor[] {
  const nz = nonzero(t.ndim === 0 ? view(t, [1]) : t);
  const n = nz.shape[0];
  const src = nz.storage.data as BigInt64Array;
  return Array.from({ length: nz.shape[1] }, (_, k) => {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[nz.offset + i * nz.strides[0] + k * nz.strides[1]];
    return placeLike(Tensor.fromArray(out, [n], 'int64'), t);
  });
}
export const whereCond = nonzeroTuple;

/** torch.argwhere = nonzero (column-major [n, ndim] result, as PyTorch's). */
export const argwhere = (t: Tensor): Tensor => nonzero(t);

export function meshgrid(tensors: readonly Tensor[], indexing?: string): Tensor[] {
  if (indexing === undefined) {
    engineWarnOnce('UserWarning', 'torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.' + internally('TensorShape.cpp:3637'));
    indexing = 'ij';
  }
  if (indexing !== 'xy' && indexing !== 'ij')
    throw new PyError('RuntimeError', `torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  if (tensors.length === 0) return [];
  for (const t of tensors) {
    if (t.dtype !== tensors[0].dtype) throw new PyError('RuntimeError', 'meshgrid expects all tensors to have the same dtype');
    if (t.device !== tensors[0].device) throw new PyError('RuntimeError', 'meshgrid expects all tensors to have the same device');
  }
  for (const t of tensors)
    if (t.ndim > 1) throw new PyError('RuntimeError', `torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t.ndim}D`);
  const ts = tensors.slice();
  const swap = indexing === 'xy' && ts.length >= 2;
  if (swap) [ts[0], ts[1]] = [ts[1], ts[0]];
  const shape = ts.map((t) => t.numel());
  const grids = ts.map((t, i) => {
    const vs = shape.map((_, k) => (k === i ? -1 : 1));
    return expand(view(t, vs), shape);
  });
  if (swap) [grids[0], grids[1]] = [grids[1], grids[0]];
  return grids;
}

/** torch.cartesian_prod(*tensors): one tensor is returned as is; else stacked meshgrid columns. */
export function cartesianProd(tensors: readonly Tensor[]): Tensor {
  for (const t of tensors) if (t.ndim !== 1) throw new PyError('RuntimeError', `Expect a 1D vector, but got shape [${t.shape.join(', ')}]`);
  if (tensors.length === 1) return tensors[0];
  const grids = meshgrid(tensors, 'ij');
  return stack(grids.map((g) => flatten(g)), 1);
}

function triIndices(row: number, col: number, offset: number, lower: boolean): Tensor {
  if (row < 0) throw new PyError('RuntimeError', `row must be non-negative, got${row}`);
  if (col < 0) throw new PyError('RuntimeError', `col must be non-negative, got${col}`);
  const rs: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < row; i++)
    for (let j = 0; j < col; j++)
      if (lower ? j - i <= offset : j - i >= offset) {
        rs.push(i);
        cs.push(j);
      }
  const n = rs.length;
  const out = new BigInt64Array(2 * n);
  for (let k = 0; k < n; k++) {
    out[k] = BigInt(rs[k]);
    out[n + k] = BigInt(cs[k]);
  }
  return Tensor.fromArray(out, [2, n], 'int64');
}

export const triuIndices = (row: number, col: number, offset = 0): Tensor => triIndices(row, col, offset, false);
export const trilIndices = (row: number, col: number, offset = 0): Tensor => triIndices(row, col, offset, true);
