// Small helpers the linalg and nn ops share: reading a Tensor as a kernel matrix (kernels/
// operand.ts), fresh results, `_unsafe_view`, C++ dtype names used in PyTorch's messages, and
// rounding float16/bfloat16 results computed in float32.

import { PyError } from '../../../errors';
import type { DType, StorageArray } from '../../dtype';
import { bf16, f16 } from '../../cpu/math';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { Tensor } from '../../tensor';
import type { MatRef } from './kernels/operand';

/** The matrix view of a 2-d tensor (or of dims [d, d+1] at an element offset) for the kernels. */
export function matRef(t: Tensor, offset = t.offset, dims: [number, number] = [t.ndim - 2, t.ndim - 1]): MatRef<StorageArray> {
  return { data: t.storage.data, off: offset, rs: t.strides[dims[0]], cs: t.strides[dims[1]] };
}

/** A vector (1-d tensor) as a k×1 matrix. */
export function colRef(t: Tensor): MatRef<StorageArray> {
  return { data: t.storage.data, off: t.offset, rs: t.strides[0], cs: 1 };
}
/** A vector as a 1×k matrix. */
export function rowRef(t: Tensor): MatRef<StorageArray> {
  return { data: t.storage.data, off: t.offset, rs: 1, cs: t.strides[0] };
}

/** The C++ type name c10 prints for a dtype (`expected m1 and m2 to have the same dtype, but got:
 * float != double`). */
export const cppTypeName = (d: DType): string =>
  ({
    float32: 'float',
    float64: 'double',
    float16: 'c10::Half',
    bfloat16: 'c10::BFloat16',
    int64: 'long int',
    int32: 'int',
    int16: 'short int',
    int8: 'signed char',
    uint8: 'unsigned char',
    bool: 'bool',
  })[d];

/** PyTorch's "not implemented for" error for a kernel that lacks a dtype. */
export const notImplementedFor = (kernel: string, d: DType): PyError =>
  new PyError('RuntimeError', `"${kernel}" not implemented for '${scalarTypeName(d)}'`);

/** After a float32 computation into a half-precision tensor's storage: round to the format. */
export function roundHalf(t: Tensor): void {
  if (t.dtype !== 'float16' && t.dtype !== 'bfloat16') return;
  const r = t.dtype === 'float16' ? f16 : bf16;
  const d = t.storage.data as Float32Array;
  for (let i = 0; i < d.length; i++) d[i] = r(d[i]);
}

/** `at::_unsafe_view`: same storage, new contiguous shape, not a view; UnsafeViewBackward0. */
export function unsafeView(t: Tensor, shape: readonly number[]): Tensor {
  const out = new Tensor(t.storage, shape, undefined, t.offset, t.versionCounter);
  recordOp('UnsafeViewBackward0', [t], [out]);
  return out;
}
