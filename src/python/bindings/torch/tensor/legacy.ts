// The legacy constructors: `torch.Tensor(...)` and the typed classes `torch.FloatTensor`,
// `torch.LongTensor`, ... (torch/csrc/utils/tensor_new.cpp, legacy_tensor_ctor). A sequence
// argument copies the data in the class's dtype (`torch.Tensor` uses the default dtype, never
// inferring ints); integer arguments give a tensor of that size (PyTorch leaves its memory
// uninitialised: here it is zero, which no script can rely on either way); a Tensor argument is
// returned as an alias of the same storage. Everything else is PyTorch's "new(): ..." TypeError.

import { PyError } from '../../../../errors';
import { type KwArgs, PyList, PyTuple, type PyType, type PyValue, makeType } from '../../../object';
import { tpName } from '../tpname';
import * as E from './engine';
import type { DType } from './engine';
import { nestedData } from './convert';
import { TensorType } from './type';

/** The classes PyTorch exposes as torch.<Name>Tensor, with their dtype. */
export const LEGACY_TYPES: Record<string, DType> = {
  FloatTensor: 'float32', DoubleTensor: 'float64', HalfTensor: 'float16', BFloat16Tensor: 'bfloat16',
  LongTensor: 'int64', IntTensor: 'int32', ShortTensor: 'int16', CharTensor: 'int8', ByteTensor: 'uint8', BoolTensor: 'bool',
};

const isInt = (v: PyValue): boolean => typeof v === 'number' || typeof v === 'bigint';

function construct(dtype: DType, args: PyValue[], kwargs: KwArgs): PyValue {
  if (kwargs && kwargs.size > 0) {
    const k = [...kwargs.keys()][0];
    if (k !== 'device') throw new PyError('TypeError', `new() received an invalid combination of arguments - got (${k}=${tpName(kwargs.get(k)!)})`);
  }
  if (args.length === 0) return E.empty([0], { dtype });
  if (args.length === 1 && typeof args[0] === 'string') throw new PyError('TypeError', `new(): invalid data type '${tpName(args[0])}'`);
  if (args.length === 1 && args[0] instanceof E.Tensor) {
    const t = args[0];
    if (t.dtype !== dtype) throw new PyError('TypeError', `expected ${E.legacyTypeName(dtype)} (got ${E.legacyTypeName(t.dtype)})`);
    return E.detach(t);
  }
  if (args.every(isInt)) return E.zeros(args.map(Number), { dtype });
  if (args.length === 1 && (args[0] instanceof PyList || args[0] instanceof PyTuple)) {
    return E.tensor(nestedData(args[0]), { dtype });
  }
  const got = args.map((a) => tpName(a)).join(', ');
  throw new PyError('TypeError', `new() received an invalid combination of arguments - got (${got})`);
}

TensorType.slots.create = (_cls, args, kwargs) => construct(E.getDefaultDtype(), args, kwargs);

/** torch.FloatTensor and friends, as entries of the torch module. */
export function legacyTypeEntries(): Map<string, PyType> {
  const m = new Map<string, PyType>();
  for (const [name, dtype] of Object.entries(LEGACY_TYPES)) {
    const t = makeType(name, [TensorType], 'torch');
    t.slots.create = (_cls, args, kwargs) => construct(dtype, args, kwargs);
    m.set(name, t);
  }
  return m;
}
