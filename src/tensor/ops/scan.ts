// Scans along a dim beyond cumsum/cumprod (reduce.ts): cummax / cummin with PyTorch's index rule
// (ties and NaN take the latest position), logcumsumexp (accumulated in double, PyTorch's
// log-add-exp helper), and diff, composed from narrow and sub / logical_xor so its graph is the
// one PyTorch records (SubBackward0 over slices).

import { PyError } from '../../errors';
import { allocStorageArray, isFloating } from '../dtype';
import { recordOp } from '../grad';
import { Tensor } from '../tensor';
import { type Key } from '../cpu/stl';
import { sub } from './arith';
import { castInto, copy_ } from './copy';
import { logicalXor } from './compare';
import { fromRows, placeLike, toRows } from './dimrows';
import { cat } from './join';
import type { ValuesIndices } from './reduce';
import { notImplemented } from './dimrows';
import { narrow } from './views';

function cumExtreme(t: Tensor, dim: number, isMax: boolean): ValuesIndices {
  const rows = toRows(t, dim);
  const vals = allocStorageArray(t.dtype, rows.outer * rows.R);
  const idx = new BigInt64Array(rows.outer * rows.R);
  const src = rows.data as unknown as Key[];
  const dst = vals as unknown as Key[];
  for (let r = 0; r < rows.outer; r++) {
    const base = r * rows.R;
    let best: Key = src[base];
    let bi = 0;
    for (let i = 0; i < rows.R; i++) {
      const x = src[base + i];
      const xNan = typeof x === 'number' && x !== x;
      const bNan = typeof best === 'number' && best !== best;
      if (xNan || (!bNan && (isMax ? x >= best : x <= best))) {
        best = x;
        bi = i;
      }
      dst[base + i] = best;
      idx[base + i] = BigInt(bi);
    }
  }
  const values = placeLike(fromRows(vals, t.dtype, t.shape, rows.dim, rows.R), t);
  const indices = placeLike(fromRows(idx, 'int64', t.shape, rows.dim, rows.R), t);
  const node = recordOp(isMax ? 'CummaxBackward0' : 'CumminBackward0', [t], [values]);
  if (node !== null) {
    node.save(indices);
    node.ctx.dim = rows.dim;
  }
  return { values, indices };
}

export const cummax = (t: Tensor, dim: number): ValuesIndices => cumExtreme(t, dim, true);
export const cummin = (t: Tensor, dim: number): ValuesIndices => cumExtreme(t, dim, false);

/** PyTorch's _log_add_exp_helper. */
function logAddExp(x: number, y: number): number {
  const lo = Math.min(x, y);
  const hi = Math.max(x, y);
  if (lo !== hi || Number.isFinite(lo)) return hi + Math.log1p(Math.exp(lo - hi));
  return x;
}

export function logcumsumexp(t: Tensor, dim: number): Tensor {
  if (!isFloating(t.dtype)) throw notImplemented('logcumsumexp_out_cpu', t.dtype);
  const rows = toRows(t, dim);
  const out = new Float64Array(rows.outer * rows.R);
  const src = rows.data as unknown as number[];
  for (let r = 0; r < rows.outer; r++) {
    let acc = -Infinity;
    for (let i = 0; i < rows.R; i++) {
      acc = logAddExp(acc, src[r * rows.R + i]);
      out[r * rows.R + i] = acc;
    }
  }
  const laid = fromRows(out, 'float64', t.shape, rows.dim, rows.R);
  const res = Tensor.empty(t.shape, t.dtype, t.device);
  castInto(res, laid);
  const node = recordOp('LogcumsumexpBackward0', [t], [res]);
  if (node !== null) {
    node.save(t, res);
    node.ctx.dim = rows.dim;
  }
  return res;
}

/** torch.diff(input, n=1, dim=-1, prepend=None, append=None). */
export function diff(t: Tensor, n = 1, dim = -1, prepend: Tensor | null = null, append: Tensor | null = null): Tensor {
  if (t.ndim === 0) throw new PyError('RuntimeError', 'diff expects input to be at least one-dimensional');
  if (n < 0) throw new PyError('RuntimeError', `order must be non-negative but got ${n}`);
  if (n === 0) {
    // PyTorch: zeros_like(self).copy_(self)
    const out = Tensor.empty(t.shape, t.dtype);
    return copy_(out, t);
  }
  let x = t;
  if (prepend !== null || append !== null) x = cat([prepend, t, append].filter((p): p is Tensor => p !== null), dim);
  const d = dim < 0 ? dim + x.ndim : dim;
  const steps = Math.min(n, x.shape[d]);
  let len = x.shape[d] - 1;
  for (let i = 0; i < steps; i++) {
    const hi = narrow(x, d, 1, len);
    const lo = narrow(x, d, 0, len);
    x = x.dtype === 'bool' ? logicalXor(hi, lo) : sub(hi, lo);
    len--;
  }
  return x;
}
