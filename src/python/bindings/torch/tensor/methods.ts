// The named Tensor methods: every op with an Impl and a PyTorch method signature (ops/bind.ts),
// plus the methods PyTorch implements without its arg parser (METH_NOARGS C methods and Python
// methods of torch/_tensor.py): item, tolist, dim, numel, to/type/float/..., cpu/cuda,
// requires_grad_, retain_grad, detach_, split, is_contiguous, ...

import { toDevice as copyToDevice } from '../../../../tensor/ops/copy';
import { PyError } from '../../../../errors';
import { type KwArgs, PyList, PyTuple, type PyValue, call, getattr } from '../../../object';
import { importModule } from '../../../interp/modules';
import { binder } from '../../args';
import { ArgParser } from '../argparse/parse';
import { TENSOR_METHOD_SIGNATURES } from '../argparse/signatures.data';
import { implNames, tensorMethod } from '../ops/bind';
import { torchNorm } from '../pyfuncs';
import '../ops/factories';
import '../ops/random';
import { pyElement, tolist } from '../ops/impls';
import { TorchDevice, deviceOfEngine, engineDevice, toDevice } from '../types/device';
import { TorchDtype, dtypeObject, toEngineDtype } from '../types/dtype';
import * as E from './engine';
import type { DType, Tensor } from './engine';
import { TensorType, defTensor, setRequiresGrad } from './type';

for (const n of implNames()) {
  const m = tensorMethod(n);
  if (m) TensorType.dict!.set(n, m);
}

const noArgs = (name: string, f: (t: Tensor) => PyValue): void =>
  defTensor(name, (a, kw) => {
    if (kw && kw.size) throw new PyError('TypeError', `Tensor.${name}() takes no keyword arguments`);
    if (a.length > 1) throw new PyError('TypeError', `Tensor.${name}() takes no arguments (${a.length - 1} given)`);
    return f(a[0] as Tensor);
  });

noArgs('item', (t) => pyElement(t.item(), E.isFloating(t.dtype)));
noArgs('tolist', (t) => tolist(t));
// NumPy is not part of the playground: PyTorch's own checks first, then a clear pointer to tolist().
defTensor('numpy', (a) => {
  const t = a[0] as Tensor;
  if (t.requiresGrad) throw new PyError('RuntimeError', "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  throw new PyError('NotImplementedError', 'Tensor.numpy(): NumPy is not available in this playground; use tensor.tolist() or keep working with tensors');
});
noArgs('dim', (t) => t.ndim);
noArgs('ndimension', (t) => t.ndim);
noArgs('numel', (t) => t.numel());
noArgs('nelement', (t) => t.numel());
noArgs('element_size', (t) => E.elementSize(t.dtype));
noArgs('is_floating_point', (t) => E.isFloating(t.dtype));
noArgs('is_complex', () => false);
noArgs('is_pinned', () => false); // no pinned host memory without an accelerator runtime
noArgs('storage_offset', (t) => t.offset);
noArgs('retain_grad', (t) => {
  if (!t.requiresGrad) throw new PyError('RuntimeError', "can't retain_grad on Tensor that has requires_grad=False");
  if (t.gradFn !== null) t.retainsGrad = true;
  return null;
});
noArgs('detach_', (t) => {
  t.gradFn = null;
  t.requiresGrad = false;
  return t;
});
noArgs('data_ptr', (t) => t.storage.id * 4096 + t.offset * E.elementSize(t.dtype));
noArgs('untyped_storage', (t) => t.storage.id);
defTensor('is_contiguous', (a) => (a[0] as Tensor).isContiguous());

const rgParser = new ArgParser(TENSOR_METHOD_SIGNATURES.requires_grad_);
defTensor('requires_grad_', (a, kw) => {
  const r = rgParser.parse(a.slice(1), kw);
  setRequiresGrad(a[0] as Tensor, r.bool('requires_grad'));
  return a[0];
});

// ---- dtype / device conversions --------------------------------------------------------------

const cast = (t: Tensor, d: DType, copy = false): Tensor => (t.dtype === d && !copy ? t : E.toDtype(t, d, copy));
for (const [name, d] of [
  ['float', 'float32'], ['double', 'float64'], ['half', 'float16'], ['bfloat16', 'bfloat16'], ['long', 'int64'],
  ['int', 'int32'], ['short', 'int16'], ['char', 'int8'], ['byte', 'uint8'], ['bool', 'bool'],
] as const) {
  defTensor(name, (a) => cast(a[0] as Tensor, d));
}

/** `.to(device)`: the same tensor when already there, else a copy on the device (ToCopyBackward0). */
function moveTo(t: Tensor, dev: TorchDevice): Tensor {
  const target = engineDevice(dev);
  if (target === t.device) return t;
  return copyToDevice(t, target);
}
const toParser = new ArgParser(TENSOR_METHOD_SIGNATURES.to);
defTensor('to', (a, kw) => {
  const t = a[0] as Tensor;
  const r = toParser.parse(a.slice(1), kw);
  const copy = r.bool('copy');
  if (r.hasParam('tensor')) {
    const o = r.tensor('tensor');
    return cast(moveTo(t, new TorchDevice(o.device, null)), o.dtype, copy);
  }
  let out = t;
  if (r.hasParam('device') && r.has('device')) out = moveTo(out, toDevice(r.raw('device')!));
  const d = r.dtypeArg('dtype');
  if (d !== null) out = cast(out, toEngineDtype(d), copy && out === t);
  else if (copy && out === t) out = E.clone(out);
  return out;
});
defTensor('cpu', (a) => moveTo(a[0] as Tensor, new TorchDevice('cpu', null)));
defTensor('cuda', () => {
  throw new PyError('AssertionError', 'Torch not compiled with CUDA enabled');
});
const LEGACY: Record<string, DType> = {
  'torch.FloatTensor': 'float32', 'torch.DoubleTensor': 'float64', 'torch.HalfTensor': 'float16',
  'torch.BFloat16Tensor': 'bfloat16', 'torch.LongTensor': 'int64', 'torch.IntTensor': 'int32',
  'torch.ShortTensor': 'int16', 'torch.CharTensor': 'int8', 'torch.ByteTensor': 'uint8', 'torch.BoolTensor': 'bool',
};
defTensor('type', (a, kw: KwArgs) => {
  const t = a[0] as Tensor;
  const d = a[1] ?? kw?.get('dtype') ?? null;
  if (d === null) return Object.keys(LEGACY).find((k) => LEGACY[k] === t.dtype)!;
  if (typeof d === 'string') {
    const e = LEGACY[d];
    if (!e) throw new PyError('ValueError', `invalid type: '${d}'`);
    return cast(t, e);
  }
  if (d instanceof TorchDtype) return cast(t, toEngineDtype(d));
  throw new PyError('ValueError', `invalid type: '${String(d)}'`);
});

/** t.type_as(other): t.type(other.type()) — other's dtype. */
defTensor('type_as', (a) => {
  const other = a[1];
  if (!(other instanceof E.Tensor)) throw new PyError('TypeError', `type_as(): argument 'other' (position 1) must be Tensor, not ${other === null ? 'NoneType' : typeof other}`);
  return cast(a[0] as Tensor, other.dtype);
});

/** The legacy constructor t.new(...): sizes give an uninitialised tensor, a sequence gives data,
 * both with t's dtype and device (torch/csrc/utils/tensor_new.cpp legacy_tensor_new). */
defTensor('new', async (a) => {
  const t = a[0] as Tensor;
  const rest = a.slice(1);
  const kw = new Map<string, PyValue>([['dtype', dtypeObject(t.dtype)], ['device', deviceOfEngine(t.device)]]);
  if (rest.length === 1 && (rest[0] instanceof PyList || (rest[0] instanceof PyTuple && !(rest[0] as PyTuple).cls)))
    return call(await getattr(importModule('torch'), 'tensor'), rest, kw);
  const sizes = rest.length === 1 && rest[0] instanceof PyTuple ? rest[0] : new PyTuple(rest.length === 0 ? [0] : rest);
  return call(await getattr(importModule('torch'), 'empty'), [sizes], kw);
});

// ---- Python-level methods of torch/_tensor.py (CPython argument errors) ------------------------

const splitArgs = binder('split(self, split_size, dim=0)');
defTensor('split', (a, kw) => {
  const [self, size, dim] = splitArgs(a, kw).values;
  const s = Array.isArray((size as { items?: unknown }).items) ? ((size as { items: PyValue[] }).items.map(Number)) : Number(size);
  return new PyTuple(E.split(self as Tensor, s, Number(dim)));
});

const normArgs = binder('norm(self, p="fro", dim=None, keepdim=False, dtype=None)');
defTensor('norm', (a, kw) => {
  const [self, p, dim, keepdim, dtype] = normArgs(a, kw).values;
  return torchNorm(self as Tensor, p, dim, keepdim, dtype); // torch/_tensor.py: torch.norm(self, ...)
});
