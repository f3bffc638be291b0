// Tensor factories: torch.tensor / as_tensor from nested Python data, zeros/ones/full/empty,
// arange/range/linspace/logspace/eye, the *_like forms and Tensor.new_*; plus factoryOptions, the shared
// reading of `dtype=`, `device=` (default device, CUDA refused as on a CPU-only build) and
// `requires_grad=`.

import { PyError } from '../../../../errors';
import type { ParsedArgs } from '../argparse/parse';
import { engineDevice, getDefaultDevice, toDevice } from '../types/device';
import { toEngineDtype } from '../types/dtype';
import { nestedData } from '../tensor/convert';
import * as E from '../tensor/engine';
import type { FactoryOptions, Tensor } from '../tensor/engine';
import { warn } from '../../../builtins/warnings';
import { IMPLS } from './impls';

/** dtype / device / requires_grad of a factory call. */
export function factoryOptions(a: ParsedArgs): FactoryOptions {
  const d = a.hasParam('dtype') ? a.dtypeArg('dtype') : null;
  const dev = a.hasParam('device') && a.has('device') ? toDevice(a.raw('device')!) : getDefaultDevice();
  return {
    dtype: d === null ? null : toEngineDtype(d),
    device: engineDevice(dev),
    requiresGrad: a.hasParam('requires_grad') ? a.bool('requires_grad') : false,
  };
}

const COPY_CONSTRUCT = (what: string): string =>
  'To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or ' +
  `sourceTensor.clone().detach().requires_grad_(True), rather than ${what}(sourceTensor).`;
/** PyTorch's UserWarning for torch.tensor(t) / t.new_tensor(t) given a tensor (tensor_new.cpp). */
export const warnCopyConstruct = (what: 'torch.tensor' | 'tensor.new_tensor'): Promise<void> => warn('UserWarning', COPY_CONSTRUCT(what));

IMPLS.tensor = async (_t, a) => {
  const data = a.raw('data') ?? null;
  if (data instanceof E.Tensor) await warnCopyConstruct('torch.tensor');
  return E.tensor(nestedData(data), factoryOptions(a));
};
IMPLS.as_tensor = (_t, a) => {
  const data = a.raw('data') ?? null;
  const o = factoryOptions(a);
  if (data instanceof E.Tensor && (o.dtype === null || o.dtype === data.dtype)) return data;
  if (data instanceof E.Tensor) return E.toDtype(data, o.dtype!);
  return E.tensor(nestedData(data), o);
};
IMPLS.zeros = (_t, a) => E.zeros(a.intlist('size'), factoryOptions(a));
IMPLS.ones = (_t, a) => E.ones(a.intlist('size'), factoryOptions(a));
IMPLS.empty = (_t, a) => E.empty(a.intlist('size'), factoryOptions(a));
IMPLS.full = (_t, a) => E.full(a.intlist('size'), a.scalar('fill_value'), factoryOptions(a));
IMPLS.arange = (_t, a) => {
  const o = factoryOptions(a);
  if (!a.hasParam('start')) return E.arange(0, a.scalar('end'), 1, o);
  return E.arange(a.scalar('start'), a.scalar('end'), a.hasParam('step') ? a.scalar('step') : 1, o);
};
// torch.range(start, end, step): like arange but `end` included, always in the default dtype unless
// dtype= is given; deprecated, with the UserWarning PyTorch's binding gives once the arguments
// parse. Values are start + i * step computed as RangeFactories.cpp does: in double for floating
// dtypes, in int64 (the bounds truncated first) for integer ones.
const RANGE_DEPRECATED =
  "torch.range is deprecated and will be removed in a future release because its behavior is inconsistent with Python's range " +
  'builtin. Instead, use torch.arange, which produces values in [start, end).';
/** A double as C++'s ostream prints it in TORCH_CHECK messages (nan, inf, 6 significant digits). */
const cppNumber = (v: number): string => (Number.isNaN(v) ? 'nan' : !Number.isFinite(v) ? (v > 0 ? 'inf' : '-inf') : String(Number(v.toPrecision(6))));
IMPLS.range = async (_t, a) => {
  await warn('UserWarning', RANGE_DEPRECATED);
  const o = factoryOptions(a);
  const dtype = o.dtype ?? E.getDefaultDtype();
  const num = (k: string): number => {
    const v = E.scalarToNumber(a.scalar(k));
    return E.isFloating(dtype) ? v : Math.trunc(v);
  };
  const [start, end, step] = [num('start'), num('end'), num('step')];
  if (step === 0 || Number.isNaN(step)) throw new PyError('RuntimeError', 'step must be nonzero');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new PyError('RuntimeError', `unsupported range: ${cppNumber(start)} -> ${cppNumber(end)}`);
  if (!((step > 0 && end >= start) || (step < 0 && end <= start))) throw new PyError('RuntimeError', 'upper bound and lower bound inconsistent with step sign');
  const size = Math.trunc((end - start) / step + 1);
  const values = Array.from({ length: size }, (_, i) => start + i * step);
  return E.tensor(values, { ...o, dtype });
};
const scalarOrItem = (a: ParsedArgs, k: string): E.Scalar => a.scalar(k);
IMPLS.linspace = (_t, a) => E.linspace(scalarOrItem(a, 'start'), scalarOrItem(a, 'end'), a.int('steps'), factoryOptions(a));
IMPLS.logspace = (_t, a) => E.logspace(scalarOrItem(a, 'start'), scalarOrItem(a, 'end'), a.int('steps'), a.double('base'), factoryOptions(a));
IMPLS.eye = (_t, a) => E.eye(a.int('n'), a.hasParam('m') ? a.int('m') : a.int('n'), factoryOptions(a));

function likeOptions(self: Tensor, a: ParsedArgs): FactoryOptions {
  const o = factoryOptions(a);
  const dev = a.has('device') ? o.device : self.device;
  return { ...o, dtype: o.dtype ?? self.dtype, device: dev };
}
IMPLS.zeros_like = (self, a) => E.zerosLike(self, likeOptions(self, a));
IMPLS.ones_like = (self, a) => E.onesLike(self, likeOptions(self, a));
IMPLS.empty_like = (self, a) => E.emptyLike(self, likeOptions(self, a));
IMPLS.full_like = (self, a) => E.fullLike(self, a.scalar('fill_value'), likeOptions(self, a));
IMPLS.new_zeros = (self, a) => E.zeros(a.intlist('size'), likeOptions(self, a));
IMPLS.new_ones = (self, a) => E.ones(a.intlist('size'), likeOptions(self, a));
IMPLS.new_empty = (self, a) => E.empty(a.intlist('size'), likeOptions(self, a));
IMPLS.new_full = (self, a) => E.full(a.intlist('size'), a.scalar('fill_value'), likeOptions(self, a));

export function checkNoOut(a: ParsedArgs, name: string): void {
  if (a.hasParam('out') && a.has('out')) throw new PyError('NotImplementedError', `${name}(out=...) is not supported in this playground`);
}
