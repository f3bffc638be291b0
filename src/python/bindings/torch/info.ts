// torch.finfo / torch.iinfo: the numeric limits of a dtype as PyTorch's C++ TypeInfo objects give
// them — attributes (bits, eps, max, min, tiny, smallest_normal, resolution, dtype), the repr with
// C++ stream formatting (six significant digits: `finfo(resolution=1e-06, min=-3.40282e+38, …)`),
// equality by dtype, and the TypeError texts for the wrong kind of dtype (checked with the oracle).
// The float table is shared with code that needs the constants directly (distributions).

import { PyError } from '../../../errors';
import { type PyValue, NotImplemented, PyBuiltinFunction, PyFloat, PyObject, makeType } from '../../object';
import { formatG } from '../../numfmt/floatText';
import { TorchDtype, dtypeObject, type DtypeName } from './types/dtype';
import * as E from './tensor/engine';

export interface FInfo {
  bits: number;
  eps: number;
  tiny: number;
  min: number;
  max: number;
  /** 10^-digits: the decimal resolution PyTorch reports. */
  resolution: number;
}
const FINFO: Partial<Record<DtypeName, FInfo>> = {
  float32: { bits: 32, eps: 2 ** -23, tiny: 2 ** -126, max: (2 - 2 ** -23) * 2 ** 127, min: -(2 - 2 ** -23) * 2 ** 127, resolution: 1e-6 },
  float64: { bits: 64, eps: 2 ** -52, tiny: 2 ** -1022, max: Number.MAX_VALUE, min: -Number.MAX_VALUE, resolution: 1e-15 },
  float16: { bits: 16, eps: 2 ** -10, tiny: 2 ** -14, max: 65504, min: -65504, resolution: 0.001 },
  bfloat16: { bits: 16, eps: 2 ** -7, tiny: 2 ** -126, max: (2 - 2 ** -7) * 2 ** 127, min: -(2 - 2 ** -7) * 2 ** 127, resolution: 0.01 },
};
const IINFO: Partial<Record<DtypeName, { bits: number; min: bigint; max: bigint }>> = {
  uint8: { bits: 8, min: 0n, max: 255n },
  int8: { bits: 8, min: -128n, max: 127n },
  int16: { bits: 16, min: -32768n, max: 32767n },
  int32: { bits: 32, min: -(2n ** 31n), max: 2n ** 31n - 1n },
  int64: { bits: 64, min: -(2n ** 63n), max: 2n ** 63n - 1n },
};

/** The float limits of an engine dtype (TypeError like torch.finfo for a non-float one). */
export function finfo(dtype: E.DType): FInfo {
  const fi = FINFO[dtype as DtypeName];
  if (!fi) throw new PyError('TypeError', "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
  return fi;
}

const FinfoType = makeType('finfo', [], 'torch');
const IinfoType = makeType('iinfo', [], 'torch');
const pyInt = (v: bigint): PyValue => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

function dtypeArg(name: string, a: PyValue[]): TorchDtype {
  const v = a.length > 1 ? a[1] : dtypeObject(E.getDefaultDtype());
  if (!(v instanceof TorchDtype)) {
    const t = v === null ? 'NoneType' : typeof v === 'string' ? 'str' : typeof v === 'number' || typeof v === 'bigint' ? 'int' : 'object';
    throw new PyError('TypeError', `${name}(): argument 'type' (position 1) must be torch.dtype, not ${t}`);
  }
  return v;
}

function makeInfo(type: typeof FinfoType, dt: TorchDtype, fields: [string, PyValue][]): PyObject {
  return new PyObject(type, new Map<string, PyValue>([...fields, ['dtype', dt.name]]));
}

FinfoType.slots.create = (_cls, a) => {
  const dt = dtypeArg('finfo', [null, ...a]);
  const fi = FINFO[dt.name];
  if (!fi) throw new PyError('TypeError', "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
  return makeInfo(FinfoType, dt, [
    ['bits', fi.bits], ['eps', new PyFloat(fi.eps)], ['max', new PyFloat(fi.max)], ['min', new PyFloat(fi.min)], ['tiny', new PyFloat(fi.tiny)],
    ['smallest_normal', new PyFloat(fi.tiny)], ['resolution', new PyFloat(fi.resolution)],
  ]);
};
IinfoType.slots.create = (_cls, a) => {
  const dt = dtypeArg('iinfo', [null, ...a]);
  if (dt.name === 'bool') throw new PyError('TypeError', 'torch.bool is not supported by torch.iinfo');
  const ii = IINFO[dt.name];
  if (!ii) throw new PyError('TypeError', "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
  return makeInfo(IinfoType, dt, [['bits', ii.bits], ['max', pyInt(ii.max)], ['min', pyInt(ii.min)]]);
};

// C++ stream formatting of a double: six significant digits, as `%g`
const g6 = (v: PyValue): string => formatG(v instanceof PyFloat ? v.v : Number(v), 6);
const fieldOf = (o: PyValue, k: string): PyValue => (o as PyObject).dict!.get(k)!;
const finfoRepr = (o: PyValue): string =>
  `finfo(resolution=${g6(fieldOf(o, 'resolution'))}, min=${g6(fieldOf(o, 'min'))}, max=${g6(fieldOf(o, 'max'))}, eps=${g6(fieldOf(o, 'eps'))}, smallest_normal=${g6(fieldOf(o, 'smallest_normal'))}, tiny=${g6(fieldOf(o, 'tiny'))}, dtype=${String(fieldOf(o, 'dtype'))})`;
const iinfoRepr = (o: PyValue): string => `iinfo(min=${g6(fieldOf(o, 'min'))}, max=${g6(fieldOf(o, 'max'))}, dtype=${String(fieldOf(o, 'dtype'))})`;
for (const [t, repr] of [[FinfoType, finfoRepr], [IinfoType, iinfoRepr]] as const) {
  const d = t.dict!;
  d.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => repr(a[0]), `${t.name}.__repr__`), { syncRepr: repr }));
  d.set('__eq__', new PyBuiltinFunction('__eq__', (a) => (a[1] instanceof PyObject && a[1].cls === t ? fieldOf(a[0], 'dtype') === fieldOf(a[1], 'dtype') : NotImplemented), `${t.name}.__eq__`));
}

export const infoEntries = (): [string, PyValue][] => [['finfo', FinfoType], ['iinfo', IinfoType]];
