// Shared plumbing for the nn ops: a tensor's values as a dense row-major float array, the
// (outer, size, inner) split of a shape around one dim that every softmax/norm loop walks, and
// the losses' reduction check. Ops compute in double and store through the dtype's typed array (one
// rounding per element); half types are rounded by roundHalf (../linalg/layout.ts).

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { scalarTypeName } from '../../promotion';
import { numelOf } from '../../shape';
import type { Tensor } from '../../tensor';

export type FloatArr = Float32Array | Float64Array;

/** Row-major values of a floating tensor (may be the storage itself: read-only). */
export function floatValues(t: Tensor): FloatArr {
  if (!isFloating(t.dtype)) throw new PyError('RuntimeError', `expected a floating point tensor, got ${scalarTypeName(t.dtype)}`);
  return t.dataSync() as FloatArr;
}

export interface DimSplit {
  outer: number;
  size: number;
  inner: number;
}

/** The element at (o, i, j) of a row-major tensor is at (o·size + i)·inner + j. */
export function splitAt(shape: readonly number[], dim: number): DimSplit {
  return { outer: numelOf(shape.slice(0, dim)), size: shape.length ? shape[dim] : 1, inner: numelOf(shape.slice(dim + 1)) };
}

/** The reduction argument of the losses, checked as torch/nn/_reduction.py does. */
export type Reduction = 'none' | 'mean' | 'sum';
export function checkReduction(r: string): Reduction {
  if (r === 'none' || r === 'mean' || r === 'sum') return r;
  throw new PyError('ValueError', `${r} is not a valid value for reduction`);
}
