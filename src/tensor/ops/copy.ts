// Copies and casts: clone (memory_format=preserve), copy_ (broadcast + any dtype cast, in place),
// to(dtype) and the dtype shortcuts, fill_/zero_. All run the table's `copy` kernel; the
// difference between them is layout, checks and the grad_fn each records.

import { PyError } from '../../errors';
import { backendFor } from '../backend';
import '../cpu/backend';
import type { DType } from '../dtype';
import { checkInplace, recordInplace, recordOp } from '../grad';
import { scalarWrappedDtype, type Scalar } from '../scalar';
import { broadcastShapes, broadcastStrides, contiguousStrides, isNonOverlappingAndDense, numelOf, shapeList } from '../shape';
import { MetaStorage } from '../meta';
import { Storage, type DeviceType } from '../storage';
import { Tensor } from '../tensor';
import { scalarTensor } from './elementwise';
import { opDef } from './table';

const COPY = opDef('copy');

/** Write `src` (already broadcastable to dst) into dst's layout, casting to dst.dtype. No checks. */
export function castInto(dst: Tensor, src: Tensor): void {
  const strides = broadcastStrides(src.shape, src.strides, dst.shape);
  backendFor(dst.device).elementwise(COPY, dst, [{ storage: src.storage, shape: dst.shape, strides, offset: src.offset, dtype: src.dtype }], src.dtype, []);
}

/** A fresh tensor shaped like t: same strides when t is dense (preserve_format), else contiguous. */
export function emptyPreserving(t: Tensor, dtype: DType = t.dtype): Tensor {
  if (isNonOverlappingAndDense(t.shape, t.strides) && !t.isContiguous()) {
    const st = Storage.alloc(dtype, numelOf(t.shape), t.device);
    return new Tensor(st, t.shape, t.strides, 0);
  }
  return new Tensor(Storage.alloc(dtype, numelOf(t.shape), t.device), t.shape, contiguousStrides(t.shape));
}

/** clone(): a copy with its own storage (CloneBackward0). `contiguousFormat` forces row-major. */
export function clone(t: Tensor, contiguousFormat = false): Tensor {
  const out = contiguousFormat ? Tensor.empty(t.shape, t.dtype, t.device) : emptyPreserving(t);
  castInto(out, t);
  recordOp('CloneBackward0', [t], [out]);
  return out;
}

/** t.to(dtype) / .float() / .long() ...: the tensor itself when the dtype already matches. */
export function toDtype(t: Tensor, dtype: DType, copy = false): Tensor {
  if (dtype === t.dtype && !copy) return t;
  const out = emptyPreserving(t, dtype);
  castInto(out, t);
  recordOp('ToCopyBackward0', [t], [out]);
  return out;
}

/** t.to(device) / .cpu(): the tensor itself when already there, else a copy on `device`
 * (ToCopyBackward0, as PyTorch records for device moves). A webgpu → cpu move needs the values on
 * the host: it throws HostSyncNeeded when they are only on the GPU (the async caller syncs). */
export function toDevice(t: Tensor, device: DeviceType, dtype: DType = t.dtype, copy = false): Tensor {
  if (device === t.device && dtype === t.dtype && !copy) return t;
  if (device === 'meta') {
    // Shape and dtype only: nothing to copy (and nothing to read back later).
    const meta = new Tensor(new MetaStorage(dtype, numelOf(t.shape)), t.shape);
    recordOp('ToCopyBackward0', [t], [meta]);
    return meta;
  }
  const out = new Tensor(Storage.alloc(dtype, numelOf(t.shape), device), t.shape, isNonOverlappingAndDense(t.shape, t.strides) ? t.strides : contiguousStrides(t.shape));
  castInto(out, t);
  recordOp('ToCopyBackward0', [t], [out]);
  return out;
}

/** dst.copy_(src): broadcast src to dst's shape, cast to dst's dtype, write in place. */
export function copy_(dst: Tensor, src: Tensor): Tensor {
  const b = broadcastShapes(dst.shape, src.shape);
  if (b.length !== dst.ndim || b.some((d, i) => d !== dst.shape[i]))
    throw new PyError('RuntimeError', `output with shape ${shapeList(dst.shape)} doesn't match the broadcast shape ${shapeList(b)}`);
  checkInplace(dst);
  // Same memory read and written (x.copy_(x)) is a no-op; overlapping views copy through a temp.
  const source = src.storage === dst.storage && src !== dst ? clone(src) : src;
  if (src !== dst) castInto(dst, source);
  dst.bumpVersion();
  recordInplace('CopyBackwards', dst, [src]);
  return dst;
}

/** fill_(value): scalar (FillBackward2 when recorded) or 0-d tensor (FillBackward3). */
export function fill_(t: Tensor, value: Scalar | Tensor): Tensor {
  checkInplace(t);
  if (value instanceof Tensor) {
    if (value.ndim !== 0)
      throw new PyError('RuntimeError', `fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    castInto(t, value);
    t.bumpVersion();
    recordInplace('FillBackward3', t, [value]);
    return t;
  }
  castInto(t, scalarTensor(value, scalarWrappedDtype(value)));
  t.bumpVersion();
  recordInplace('FillBackward2', t, []);
  return t;
}

export function zero_(t: Tensor): Tensor {
  checkInplace(t);
  castInto(t, scalarTensor(0, t.dtype));
  t.bumpVersion();
  recordInplace('ZeroBackward0', t, []);
  return t;
}
