// Which generated loop runs an elementwise op, and what its operands must look like: the compute
// dtype picks a family (kernels.generated.ts / codegen.ts), the family fixes the storage class its
// loop reads and writes, and these rules say which operands already are in that storage (read in
// place) and which dtype the others are cast to first (cast.ts) — PyTorch's TensorIterator casts
// operands to the common dtype the same way. The driver (elementwise.ts) applies them.

import type { DType, StorageArray } from '../dtype';
import type { ElementwiseDef } from '../ops/table';
import type { DenseKernel, Family } from './kernel_types';
import type { ValueDomain } from './cast';
import { KERNELS } from './kernels.generated';

export type Domain = 'f' | 'i' | 'l' | 'b';

const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';

/** The domain an op computes in for a compute dtype (int64 uses bigints only if the op has `l`). */
export function domainFor(op: ElementwiseDef, compute: DType): Domain {
  if (isFloat(compute)) return 'f';
  if (compute === 'int64') return op.l !== undefined ? 'l' : 'i';
  if (compute === 'bool') return op.b !== undefined ? 'b' : 'i';
  return 'i';
}

/** The generated loop family for an op computing in `compute`. */
export function familyFor(op: ElementwiseDef, compute: DType): Family {
  switch (domainFor(op, compute)) {
    case 'f':
      return compute === 'float32' ? 'F32' : 'F64';
    case 'l':
      return 'L';
    case 'b':
      return 'B';
    default:
      return 'I';
  }
}

/** The dense loop for (op, family); ops raise for dtypes they have no loop for before this. */
export function kernelFor(op: ElementwiseDef, fam: Family): DenseKernel {
  const k = KERNELS[op.name]?.[fam];
  if (k === undefined) throw new Error(`cpu: no ${fam} kernel for ${op.name} (is kernels.generated.ts stale? npm run gen:kernels)`);
  return k;
}

export type Ctor = { new (n: number): StorageArray };

/** Storage class of each family's operands, and the dtype their values are cast to. */
export const FAMILY_ARRAY: Record<Family, Ctor> = { F32: Float32Array, F64: Float64Array, I: Float64Array, L: BigInt64Array, B: Uint8Array };
/** The domain the family's stored results are in (how cast.ts reads them back). */
export const FAMILY_DOMAIN: Record<Family, ValueDomain> = { F32: 'f', F64: 'f', I: 'i', L: 'l', B: 'b' };

/** The dtype an input's values are converted to before the family's loop reads them. */
export function inputTarget(fam: Family, compute: DType): DType {
  switch (fam) {
    case 'F32':
      return 'float32';
    case 'F64':
      return compute; // float64, or float16/bfloat16 values held as doubles
    case 'I':
      return 'float64'; // integral numbers (already in the compute dtype's range) as doubles
    case 'L':
      return 'int64';
    default:
      return 'bool';
  }
}

/** Whether an input of dtype `d` is read by the loop as stored (no cast). */
export function inputDirect(fam: Family, compute: DType, d: DType): boolean {
  switch (fam) {
    case 'F32':
      return d === 'float32';
    case 'F64':
      return d === 'float64' && compute === 'float64';
    case 'I':
      return false;
    case 'L':
      return d === 'int64';
    default:
      return d === 'bool';
  }
}

/** Whether the loop's results may be stored straight into an output of dtype `d`. */
export function outputDirect(fam: Family, isBool: boolean, d: DType): boolean {
  if (isBool || fam === 'B') return d === 'bool';
  if (fam === 'F32') return d === 'float32';
  if (fam === 'L') return d === 'int64';
  return d === 'float64'; // F64 and I hold doubles
}

/** Storage class of each dtype. */
export const DTYPE_ARRAY: Record<DType, Ctor> = {
  float32: Float32Array, float16: Float32Array, bfloat16: Float32Array, float64: Float64Array,
  int64: BigInt64Array, int32: Int32Array, int16: Int16Array, int8: Int8Array, uint8: Uint8Array, bool: Uint8Array,
};
