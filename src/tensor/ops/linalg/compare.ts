// Closeness tests — torch.isclose / torch.allclose (|a − b| ≤ atol + rtol·|b|, equal
// infinities close, nan only with equal_nan) — used by
// parametrization checks (orthogonal, spectral norm) and user scripts.

import { PyError } from '../../../errors';
import { scalarTypeName } from '../../promotion';
import { broadcastShapes } from '../../shape';
import { Tensor } from '../../tensor';
import { contiguous, expand } from '../views';

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

/** torch.isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) → bool tensor. */
export function isclose(a: Tensor, b: Tensor, opts: CloseOptions = {}): Tensor {
  if (a.dtype !== b.dtype) throw new PyError('RuntimeError', `${scalarTypeName(a.dtype)} did not match ${scalarTypeName(b.dtype)}`);
  const rtol = opts.rtol ?? 1e-5;
  const atol = opts.atol ?? 1e-8;
  if (rtol < 0) throw new PyError('RuntimeError', `rtol must be greater than or equal to zero, but got ${rtol}`);
  if (atol < 0) throw new PyError('RuntimeError', `atol must be greater than or equal to zero, but got ${atol}`);
  const shape = broadcastShapes(a.shape, b.shape);
  const av = contiguous(expand(a, shape)).dataSync();
  const bv = contiguous(expand(b, shape)).dataSync();
  const out = Tensor.empty(shape, 'bool', a.device);
  const o = out.storage.data as Uint8Array;
  for (let i = 0; i < o.length; i++) {
    const x = Number(av[i]);
    const y = Number(bv[i]);
    let close = x === y;
    if (!close && Number.isNaN(x) && Number.isNaN(y)) close = opts.equalNan ?? false;
    else if (!close && Number.isFinite(x) && Number.isFinite(y)) close = Math.abs(x - y) <= atol + rtol * Math.abs(y);
    o[i] = close ? 1 : 0;
  }
  return out;
}

/** torch.allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) → Python bool. */
export function allclose(a: Tensor, b: Tensor, opts: CloseOptions = {}): boolean {
  const c = isclose(a, b, opts).dataSync() as Uint8Array;
  return c.every((v) => v === 1);
}
