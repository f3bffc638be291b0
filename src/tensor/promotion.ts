// PyTorch's type promotion: promote_types over the dtype lattice, the category rules that let a
// dimensioned tensor win over 0-d tensors and wrapped Python scalars of the same category
// (`int32 tensor + 5 → int32`, `int tensor * 2.5 → float32`, `uint8 + int8 → int16`), result_type,
// and the can_cast check in-place ops and `out=` make before writing.

import { PyError } from '../errors';
import { isFloating, type DType } from './dtype';
import { scalarKind, type Scalar } from './scalar';

let defaultDtype: DType = 'float32';

export const getDefaultDtype = (): DType => defaultDtype;

export function setDefaultDtype(d: DType): void {
  if (!isFloating(d) || d === 'bfloat16')
    throw new PyError('TypeError', 'only floating-point types are supported as the default type');
  defaultDtype = d;
}

// Index of each dtype in PyTorch's promotion table (c10/core/ScalarType.cpp), restricted to ours.
const ORDER: DType[] = ['uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64', 'bool', 'bfloat16'];
const u1 = 'uint8', i1 = 'int8', i2 = 'int16', i4 = 'int32', i8 = 'int64', f2 = 'float16', f4 = 'float32', f8 = 'float64', b1 = 'bool', bf = 'bfloat16';
// prettier-ignore
const TABLE: DType[][] = [
  /*        u1  i1  i2  i4  i8  f2  f4  f8  b1  bf */
  /* u1 */ [u1, i2, i2, i4, i8, f2, f4, f8, u1, bf],
  /* i1 */ [i2, i1, i2, i4, i8, f2, f4, f8, i1, bf],
  /* i2 */ [i2, i2, i2, i4, i8, f2, f4, f8, i2, bf],
  /* i4 */ [i4, i4, i4, i4, i8, f2, f4, f8, i4, bf],
  /* i8 */ [i8, i8, i8, i8, i8, f2, f4, f8, i8, bf],
  /* f2 */ [f2, f2, f2, f2, f2, f2, f4, f8, f2, f4],
  /* f4 */ [f4, f4, f4, f4, f4, f4, f4, f8, f4, f4],
  /* f8 */ [f8, f8, f8, f8, f8, f8, f8, f8, f8, f8],
  /* b1 */ [u1, i1, i2, i4, i8, f2, f4, f8, b1, bf],
  /* bf */ [bf, bf, bf, bf, bf, f4, f4, f8, bf, bf],
] as DType[][];

export function promoteTypes(a: DType, b: DType): DType {
  return TABLE[ORDER.indexOf(a)][ORDER.indexOf(b)];
}

/** One operand of a promoting op: a tensor (by dtype and rank) or a Python scalar. */
export type Operand = { dtype: DType; ndim: number } | Scalar;

const isTensorLike = (o: Operand): o is { dtype: DType; ndim: number } =>
  typeof o === 'object' && o !== null && 'dtype' in o;

function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher !== null && isFloating(higher)) return higher;
  if (higher === 'bool' || (lower !== null && isFloating(lower))) {
    if (higher === null) return lower;
    if (lower === null) return higher;
    return promoteTypes(higher, lower);
  }
  if (higher !== null) return higher;
  return lower;
}

const promoteSkip = (a: DType | null, b: DType): DType => (a === null ? b : promoteTypes(a, b));

/** torch.result_type over tensors and scalars (TensorIterator's compute_common_dtype). */
export function resultType(...ops: Operand[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of ops) {
    if (isTensorLike(o)) {
      if (o.ndim > 0) dim = promoteSkip(dim, o.dtype);
      else zero = promoteSkip(zero, o.dtype);
    } else {
      const k = scalarKind(o);
      wrapped = promoteSkip(wrapped, k === 'bool' ? 'bool' : k === 'int' ? 'int64' : defaultDtype);
    }
  }
  const r = combine(dim, combine(zero, wrapped));
  return r ?? defaultDtype;
}

/** PyTorch's canCast(from, to): no float→int, no non-bool→bool narrowing of category. */
export function canCast(from: DType, to: DType): boolean {
  if (isFloating(from) && !isFloating(to)) return false;
  if (from !== 'bool' && to === 'bool') return false;
  return true;
}

/** c10's ScalarType name used in messages: Float, Double, Half, BFloat16, Long, Int, ... */
export const scalarTypeName = (d: DType): string =>
  ({
    float32: 'Float',
    float64: 'Double',
    float16: 'Half',
    bfloat16: 'BFloat16',
    int64: 'Long',
    int32: 'Int',
    int16: 'Short',
    int8: 'Char',
    uint8: 'Byte',
    bool: 'Bool',
  })[d];

/** The check before writing a result of dtype `result` into a tensor of dtype `out`. */
export function checkCanCast(result: DType, out: DType): void {
  if (!canCast(result, out))
    throw new PyError(
      'RuntimeError',
      `result type ${scalarTypeName(result)} can't be cast to the desired output type ${scalarTypeName(out)}`,
    );
}

/** The floating dtype an int/bool input is computed in by float-only ops (exp, sqrt, mean...). */
export const toFloatingDtype = (d: DType): DType => (isFloating(d) ? d : defaultDtype);
