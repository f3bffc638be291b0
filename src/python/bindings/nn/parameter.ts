// `nn.Parameter` and `nn.Buffer` as Python classes. A Parameter is an engine Tensor flagged
// `isParameter` (so `type(p)` is Parameter and it prints "Parameter containing:"); `Parameter(t)`
// is a new tensor object sharing t's storage. `nn.Buffer(t)` returns a plain detached Tensor
// flagged `_is_buffer` — PyTorch's _BufferMeta makes `isinstance(x, nn.Buffer)` test that flag,
// which this file reproduces with a metaclass `__instancecheck__`.
//
// Both are subclasses of torch.Tensor; the torch bindings own the Tensor class and call
// `bindTensorType(TensorType)` once it exists (until then they derive from object).

import { typeError } from '../../../errors';
import { makeBuffer, makeParameter } from '../../../nn/bridge';
import { Tensor } from '../../../tensor/tensor';
import { ObjectType, PyBuiltinFunction, PyType, TypeType } from '../../object';
import { binder } from '../args';

export const ParameterType = new PyType('Parameter', [ObjectType], new Map(), 'torch.nn.parameter');

const BufferMeta = new PyType('_BufferMeta', [TypeType], new Map(), 'torch.nn.parameter');
BufferMeta.dict!.set(
  '__instancecheck__',
  new PyBuiltinFunction('__instancecheck__', (a) => a[1] instanceof Tensor && a[1].pyDict?.get('_is_buffer') === true),
);
export const BufferType = new PyType('Buffer', [ObjectType], new Map(), 'torch.nn.parameter', 'Buffer', BufferMeta);

const bindParameter = binder('Parameter(data=None, requires_grad=True)');
ParameterType.slots.create = (_cls, args, kwargs) => {
  const [data, rg] = bindParameter(args, kwargs).values;
  const t = data === null ? Tensor.empty([0], 'float32') : data;
  if (!(t instanceof Tensor)) throw typeError(`Parameter.__new__() argument 'data' must be Tensor, not ${typeof data}`);
  return makeParameter(t, rg !== false && rg !== null && rg !== 0);
};

const bindBuffer = binder('Buffer(data=None, *, persistent=True)');
BufferType.slots.create = (_cls, args, kwargs) => {
  const [data, persistent] = bindBuffer(args, kwargs).values;
  const t = data === null ? Tensor.empty([0], 'float32') : data;
  if (!(t instanceof Tensor)) throw typeError(`Buffer.__new__() argument 'data' must be Tensor, not ${typeof data}`);
  return makeBuffer(t, persistent !== false && persistent !== null && persistent !== 0);
};

/** Make Parameter and Buffer subclasses of torch.Tensor (called by the torch bindings). */
export function bindTensorType(tensorType: PyType): void {
  for (const t of [ParameterType, BufferType]) {
    t.bases = [tensorType];
    t.mro = [t, ...tensorType.mro];
  }
}

/** typeOf's resolver for engine tensors needs this: Parameters are instances of ParameterType. */
export const pythonTypeOfTensor = (t: Tensor, tensorType: PyType): PyType => (t.isParameter ? ParameterType : tensorType);

