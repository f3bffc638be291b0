// PackedSequence's methods (torch/nn/utils/rnn.py, 2.6): `to(*args, **kwargs)` converts `data`
// and, when that made a new tensor, moves the index tensors to the data's device (dtype/device
// keywords filtered out) and builds `type(self)(...)`; `double()`, `float()`, ... are
// `to(dtype=...)`; `cpu()` / `cuda()` add the device; `is_cuda`, `is_pinned()`, `pin_memory()`
// defer to `data`. Everything goes through the tensors' Python methods, so the conversions and the
// CUDA error are Tensor.to's own. Imported for its effect by rnn_utils.ts.

import { PackedSequenceType } from '../../../nn/packed_sequence';
import { MISSING, PyBuiltinFunction, getattrOrMissing, PyTuple, type KwArgs, type PyValue, call, callMethod, getattr, nativeProperty, typeOf } from '../../object';
import { torchAttr } from '../data/py';

const T = PackedSequenceType;
const method = (name: string, f: (self: PyTuple, a: PyValue[], kw: KwArgs) => Promise<PyValue>): void => {
  T.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => f(a[0] as PyTuple, a.slice(1), kw), `PackedSequence.${name}`));
};

/** `bind(optional, fn)`: fn(optional) unless it is None. */
const bind = (v: PyValue, f: (t: PyValue) => Promise<PyValue>): Promise<PyValue> | null => (v === null ? null : f(v));

async function to(self: PyTuple, args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
  const [data0, batchSizes, sorted, unsorted] = self.items;
  const data = await callMethod(data0, 'to', args, kwargs);
  if (data === data0) return self;
  const kw: KwArgs = new Map([...(kwargs ?? [])].filter(([k]) => k !== 'device' && k !== 'dtype'));
  const device = await getattr(data, 'device');
  const s = await bind(sorted, (t) => callMethod(t, 'to', [device], kw));
  const u = await bind(unsorted, (t) => callMethod(t, 'to', [device], kw));
  return call(typeOf(self), [data, batchSizes, s, u]);
}
method('to', to);

for (const [name, dtype] of [
  ['double', 'double'], ['float', 'float'], ['half', 'half'], ['long', 'long'], ['int', 'int'], ['short', 'short'], ['char', 'int8'], ['byte', 'uint8'],
] as const) {
  method(name, (self) => to(self, [], new Map([['dtype', torchAttr(dtype)]])));
}

/** cpu()/cuda(): convert an empty tensor like `data` with the same arguments; if that already lands
 * on the wanted device type, the arguments say where to go, else the device is added. */
async function toDeviceType(self: PyTuple, args: PyValue[], kwargs: KwArgs, want: 'cpu' | 'cuda'): Promise<PyValue> {
  const data = self.items[0];
  const ex0 = await call(torchAttr('tensor'), [new PyTuple([])], new Map([['dtype', await getattr(data, 'dtype')], ['device', await getattr(data, 'device')]]));
  const ex = await callMethod(ex0, 'to', args, kwargs);
  const here = want === 'cuda' ? (await getattr(ex, 'is_cuda')) === true : (await getattr(await getattr(ex, 'device'), 'type')) === 'cpu';
  if (here) return to(self, args, kwargs);
  return to(self, args, new Map([...(kwargs ?? []), ['device', want]]));
}
method('cpu', (self, a, kw) => toDeviceType(self, a, kw, 'cpu'));
method('cuda', (self, a, kw) => toDeviceType(self, a, kw, 'cuda'));

T.dict!.set('is_cuda', nativeProperty('is_cuda', (self) => getattr((self as PyTuple).items[0], 'is_cuda')));
// A tensor binding without is_pinned: nothing here is ever in pinned memory.
method('is_pinned', async (self) => ((await getattrOrMissing(self.items[0], 'is_pinned')) === MISSING ? false : callMethod(self.items[0], 'is_pinned', [])));
method('pin_memory', async (self) => {
  const [data, batchSizes, sorted, unsorted] = self.items;
  return call(typeOf(self), [
    await callMethod(data, 'pin_memory', []),
    batchSizes,
    await bind(sorted, (t) => callMethod(t, 'pin_memory', [])),
    await bind(unsorted, (t) => callMethod(t, 'pin_memory', [])),
  ]);
});
