// Python values → engine arguments for the few places the arg parser does not cover: the keys of
// `t[...]` (int, slice, None, Ellipsis, bool, list, tuple, tensor → the engine's Index list, with
// PyTorch's IndexError for anything else), the nested data of torch.tensor(...), and Python
// scalars/tensors as operands of operators.

import { PyError } from '../../../../errors';
import { Slice, Tensor, tensor as makeTensor, type Index, type NestedData, type Scalar } from '../../../../tensor';
import { Ellipsis, PyFloat, PyList, PySlice, PyTuple, type PyValue, typeOf } from '../../../object';
import { tpName } from '../tpname';

const isInt = (v: PyValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

function sliceField(v: PyValue): number | null {
  if (v === null) return null;
  if (isInt(v)) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Tensor && v.numel() === 1 && v.dtype !== 'bool' && !v.isDifferentiableDtype()) return Number(v.item());
  throw new PyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

function oneIndex(k: PyValue): Index {
  if (isInt(k)) return Number(k);
  if (typeof k === 'boolean') return k;
  if (k === null) return null;
  if (k === Ellipsis) return 'ellipsis';
  if (k instanceof PySlice) return new Slice(sliceField(k.start), sliceField(k.stop), sliceField(k.step));
  if (k instanceof Tensor) return k;
  if (k instanceof PyList) return listIndex(k.items);
  if (k instanceof PyFloat || typeof k === 'string' || typeof k === 'object') {
    if (typeof k === 'string') throw new PyError('TypeError', `new(): invalid data type '${tpName(k)}'`);
    throw new PyError(
      'IndexError',
      `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${typeOf(k).name})`,
    );
  }
  throw new PyError('IndexError', 'invalid index');
}

/** A list inside an index is an integer (or bool) index tensor. */
function listIndex(items: readonly PyValue[]): Tensor {
  return makeTensor(nestedData(new PyList(items.slice())));
}

/** The key of `t[key]` as the engine's index list. A tuple is several indices; anything else one. */
export function toIndices(key: PyValue): Index[] {
  if (key instanceof PyTuple && key.cls === null) return key.items.map(oneIndex);
  return [oneIndex(key)];
}

/** Nested Python data (lists/tuples of numbers, bools, tensors) → the engine's NestedData. */
export function nestedData(v: PyValue): NestedData {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v as Scalar;
  if (v instanceof Tensor) return v;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(nestedData);
  throw new PyError('TypeError', `Could not infer dtype of ${tpName(v)}`);
}

/** An operator operand: a tensor or a Python number; null when the operator should return
 * NotImplemented (str, None, lists, ...). */
export function operandOrNull(v: PyValue): Tensor | Scalar | null {
  if (v instanceof Tensor) return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v;
  return null;
}
