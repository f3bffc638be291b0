// torch.Tensor and nn.Parameter as Python types over the engine's Tensor class: registerNativeType
// maps every engine Tensor to one of them (isParameter decides), so `type(t)`, isinstance, method
// lookup and the interpreter's operator/repr/iteration protocols all find these dicts. This file
// holds the protocol dunders (repr/str/format, bool/len/iter/hash, int/float/index, indexing,
// copy/deepcopy) and the Python-visible properties; arithmetic operators live in operators.ts and
// the named methods in methods.ts.

import { PyError } from '../../../../errors';
import {
  T as transposeAll, Tensor, any, clone, detach, eq, getitem, isFloating, isIntegral, mT as transposeLast2,
  makeParameterLike, setitem, unbind, type Scalar,
} from './engine';
import {
  type PyType, type PyValue, PyBuiltinFunction, PyFloat, PyList, PyTuple, makeType, nativeProperty,
  registerNativeType,
} from '../../../object';
import { ListIter } from '../../../builtins/iter';
import { ParameterType, bindTensorType, pythonTypeOfTensor } from '../../nn/parameter';
import { objectId } from '../../../builtins/repr';
import { dtypeObject } from '../types/dtype';
import { deviceOfEngine, STRIDED } from '../types/device';
import { makeSize } from '../types/size';
import { gradFnOf } from './gradfn';
import { tensorFormat, tensorRepr } from './printing';
import { operandOrNull, toIndices } from './convert';

export const TensorType = makeType('Tensor', [], 'torch');
// nn.Parameter / nn.Buffer are the nn bindings' classes; they become subclasses of torch.Tensor here.
bindTensorType(TensorType);
export { ParameterType };

registerNativeType(Tensor, (t) => pythonTypeOfTensor(t as Tensor, TensorType));

/** Define a native method on torch.Tensor (self is args[0]). */
export function defTensor(name: string, fn: (args: PyValue[], kwargs: Map<string, PyValue> | null) => PyValue | Promise<PyValue>): void {
  TensorType.dict!.set(name, new PyBuiltinFunction(name, fn, `Tensor.${name}`));
}
const prop = (name: string, get: (t: Tensor) => PyValue, set?: (t: Tensor, v: PyValue) => void): void => {
  TensorType.dict!.set(name, nativeProperty(name, (v) => get(v as Tensor), set ? (s, v) => set(s as Tensor, v) : undefined));
};
const T = (v: PyValue): Tensor => {
  if (!(v instanceof Tensor)) throw new PyError('TypeError', `descriptor requires a 'torch._C.TensorBase' object`);
  return v;
};

// ---- printing ----------------------------------------------------------------------------------

defTensor('__repr__', (a) => tensorRepr(T(a[0])));
defTensor('__str__', (a) => tensorRepr(T(a[0])));
defTensor('__format__', (a) => tensorFormat(T(a[0]), typeof a[1] === 'string' ? a[1] : ''));

// ---- truthiness, length, iteration, hashing ------------------------------------------------------

defTensor('__bool__', (a) => {
  const t = T(a[0]);
  const n = t.numel();
  if (n === 0) throw new PyError('RuntimeError', 'Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new PyError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
  const v = t.item();
  return typeof v === 'boolean' ? v : typeof v === 'bigint' ? v !== 0n : v !== 0;
});
defTensor('__len__', (a) => T(a[0]).len());
defTensor('__iter__', (a) => {
  const t = T(a[0]);
  if (t.ndim === 0) throw new PyError('TypeError', 'iteration over a 0-d tensor');
  return new ListIter(new PyList(unbind(t, 0)));
});
defTensor('__hash__', (a) => Math.floor(objectId(a[0]) / 16));
defTensor('__contains__', (a) => {
  const t = T(a[0]);
  const o = operandOrNull(a[1]);
  if (o === null) {
    throw new PyError('RuntimeError', `Tensor.__contains__ only supports Tensor or scalar, but you passed in a ${typeof a[1]}.`);
  }
  return any(eq(t, o)).item() === true;
});

// ---- conversions to Python numbers ---------------------------------------------------------------

function scalarValue(t: Tensor): number | bigint | boolean {
  if (t.numel() !== 1) throw new PyError('ValueError', 'only one element tensors can be converted to Python scalars');
  return t.item();
}
defTensor('__float__', (a) => new PyFloat(Number(scalarValue(T(a[0])))));
defTensor('__int__', (a) => {
  const v = scalarValue(T(a[0]));
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      throw new PyError(Number.isNaN(v) ? 'ValueError' : 'OverflowError',
        Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    }
    return Math.trunc(v);
  }
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
});
defTensor('__index__', (a) => {
  const t = T(a[0]);
  if (t.numel() !== 1 || !isIntegral(t.dtype, true)) {
    throw new PyError('TypeError', 'only integer tensors of a single element can be converted to an index');
  }
  const v = t.item();
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
});

// ---- indexing ------------------------------------------------------------------------------------

defTensor('__getitem__', (a) => getitem(T(a[0]), toIndices(a[1])));
defTensor('__setitem__', (a) => {
  const v = a[2];
  let value: Tensor | Scalar;
  if (v instanceof Tensor) value = v;
  else {
    const o = operandOrNull(v);
    if (o === null) {
      throw new PyError('TypeError', `can't assign a ${v === null ? 'NoneType' : typeof v === 'string' ? 'str' : 'object'} to a ${legacyName(T(a[0]))}`);
    }
    value = o;
  }
  setitem(T(a[0]), toIndices(a[1]), value);
  return null;
});
const legacyName = (t: Tensor): string =>
  ({ float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', float16: 'torch.HalfTensor', bfloat16: 'torch.BFloat16Tensor', int64: 'torch.LongTensor', int32: 'torch.IntTensor', int16: 'torch.ShortTensor', int8: 'torch.CharTensor', uint8: 'torch.ByteTensor', bool: 'torch.BoolTensor' })[t.dtype];

// ---- copy / deepcopy -------------------------------------------------------------------------------

defTensor('__deepcopy__', (a) => {
  const t = T(a[0]);
  if (t.gradFn !== null) {
    throw new PyError(
      'RuntimeError',
      'Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001',
    );
  }
  const c = clone(detach(t));
  const out = t.isParameter ? makeParameterLike(c, t.requiresGrad) : c;
  out.requiresGrad = t.requiresGrad;
  if (t.pyDict) out.pyDict = new Map(t.pyDict);
  return out;
});

// ---- properties ----------------------------------------------------------------------------------

const LEAF_ONLY =
  "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().";

export function setRequiresGrad(t: Tensor, v: boolean): void {
  if (t.gradFn !== null) {
    if (!v) throw new PyError('RuntimeError', LEAF_ONLY);
    return;
  }
  if (v && !isFloating(t.dtype)) throw new PyError('RuntimeError', 'only Tensors of floating point dtype can require gradients');
  t.requiresGrad = v;
}

prop('shape', (t) => makeSize(t.shape));
prop('dtype', (t) => dtypeObject(t.dtype));
prop('device', (t) => deviceOfEngine(t.device));
prop('ndim', (t) => t.ndim);
prop('grad_fn', (t) => gradFnOf(t.gradFn));
prop('is_leaf', (t) => t.gradFn === null || !t.requiresGrad);
prop('requires_grad', (t) => t.requiresGrad, (t, v) => {
  if (typeof v !== 'boolean') throw new PyError('TypeError', 'requires_grad must be a bool');
  setRequiresGrad(t, v);
});
prop('grad', (t) => t.grad, (t, v) => {
  if (v !== null && !(v instanceof Tensor)) throw new PyError('TypeError', `assigned grad expected to be a Tensor or None but got grad of type ${typeof v}`);
  t.grad = v as Tensor | null;
});
prop('data', (t) => detachedAlias(t), (t, v) => {
  if (!(v instanceof Tensor)) throw new PyError('TypeError', 'Variable data has to be a tensor, but got ' + typeof v);
  t.set_(v.storage, v.shape, v.strides, v.offset);
});
prop('T', (t) => transposeAll(t));
prop('mT', (t) => transposeLast2(t));
prop('H', (t) => transposeAll(t));
prop('mH', (t) => transposeLast2(t));
prop('names', (t) => new PyTuple(t.shape.map(() => null)));
prop('layout', () => STRIDED);
prop('is_cuda', () => false);
prop('is_cpu', (t) => t.device === 'cpu');
prop('is_sparse', () => false);
prop('is_quantized', () => false);
prop('is_meta', (t) => t.device === 'meta');
prop('itemsize', (t) => elementBytes(t));
prop('nbytes', (t) => elementBytes(t) * t.numel());
prop('_version', (t) => t.version);
prop('_base', (t) => t.base);
prop('output_nr', (t) => t.outputNr);
prop('retains_grad', (t) => t.retainsGrad);

const elementBytes = (t: Tensor): number =>
  ({ float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 })[t.dtype];

/** `t.data`: same storage and layout, no history, requires_grad False, its own version counter. */
function detachedAlias(t: Tensor): Tensor {
  const d = new Tensor(t.storage, t.shape, t.strides, t.offset);
  return d;
}

export type { PyType };
