// torch.dtype objects (`torch.float32`, aliases `torch.float`, `torch.long`, ...): one singleton per
// dtype, so `t.dtype is torch.float32` holds, with PyTorch's repr/str (`torch.float32`) and the
// attributes scripts read (is_floating_point, is_complex, is_signed, itemsize). The engine speaks
// in DType names (src/tensor/dtype.ts); dtypes the engine cannot hold (complex) exist as objects for
// printing and comparisons but are refused when a tensor would be made of them.

import { PyError } from '../../../../errors';
import type { DType } from '../../../../tensor';
import { Builtins, PyBuiltinFunction, PyObject, type PyValue, makeType, nativeProperty } from '../../../object';
import { setTpName } from '../tpname';

export const DtypeType = makeType('dtype', [], 'torch');
setTpName(DtypeType, 'torch.dtype');

/** Every dtype name torch exposes as `torch.<name>` objects (engine dtypes first). */
const ALL = [
  'float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool',
  'complex64', 'complex128', 'uint16', 'uint32', 'uint64',
] as const;
export type DtypeName = (typeof ALL)[number];

const ITEMSIZE: Record<DtypeName, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1,
  bool: 1, complex64: 8, complex128: 16, uint16: 2, uint32: 4, uint64: 8,
};
const ENGINE = new Set<string>(['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']);

export class TorchDtype extends PyObject {
  constructor(readonly name: DtypeName) {
    super(DtypeType, null);
  }
  /** The engine dtype, or null for dtypes the engine does not implement (complex, uint16+). */
  get engine(): DType | null {
    return ENGINE.has(this.name) ? (this.name as DType) : null;
  }
  get isFloatingPoint(): boolean {
    return this.name === 'float32' || this.name === 'float64' || this.name === 'float16' || this.name === 'bfloat16';
  }
  get isComplex(): boolean {
    return this.name === 'complex64' || this.name === 'complex128';
  }
}

const OBJECTS = new Map<DtypeName, TorchDtype>(ALL.map((n) => [n, new TorchDtype(n)]));

/** The singleton for an engine dtype. */
export const dtypeObject = (d: DType | DtypeName): TorchDtype => OBJECTS.get(d)!;

/** `torch.<attr>` names → dtype (canonical names and PyTorch's aliases). */
export const DTYPE_ATTRS: Record<string, DtypeName> = {
  ...Object.fromEntries(ALL.map((n) => [n, n])),
  float: 'float32', double: 'float64', half: 'float16', long: 'int64', int: 'int32', short: 'int16',
  cfloat: 'complex64', cdouble: 'complex128',
};

/** A dtype argument as the engine wants it: torch.dtype objects and the Python types float/int/bool
 * (which PyTorch accepts wherever a dtype is: float → float64, int → int64, bool → bool). */
export function toEngineDtype(v: PyValue): DType {
  let d: DtypeName | null = null;
  if (v instanceof TorchDtype) d = v.name;
  else if (v === Builtins.float) d = 'float64';
  else if (v === Builtins.int) d = 'int64';
  else if (v === Builtins.bool) d = 'bool';
  if (d === null) throw new PyError('TypeError', 'expected a torch.dtype');
  const e = dtypeObject(d).engine;
  if (e === null) throw new PyError('TypeError', `dtype ${'torch.' + d} is not supported in this playground`);
  return e;
}

export const isDtypeLike = (v: PyValue): boolean =>
  v instanceof TorchDtype || v === Builtins.float || v === Builtins.int || v === Builtins.bool;

// ---- Python surface ----------------------------------------------------------------------------

const d = DtypeType.dict!;
const self = (v: PyValue): TorchDtype => v as TorchDtype;
const repr = (v: PyValue): string => `torch.${self(v).name}`;
d.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => repr(a[0]), 'dtype.__repr__'), { syncRepr: repr }));
d.set('__str__', new PyBuiltinFunction('__str__', (a) => repr(a[0]), 'dtype.__str__'));
d.set('is_floating_point', nativeProperty('is_floating_point', (v) => self(v).isFloatingPoint));
d.set('is_complex', nativeProperty('is_complex', (v) => self(v).isComplex));
d.set('is_signed', nativeProperty('is_signed', (v) => !['bool', 'uint8', 'uint16', 'uint32', 'uint64'].includes(self(v).name)));
d.set('itemsize', nativeProperty('itemsize', (v) => ITEMSIZE[self(v).name]));
d.set('to_real', new PyBuiltinFunction('to_real', (a) => {
  const n = self(a[0]).name;
  return n === 'complex64' ? dtypeObject('float32') : n === 'complex128' ? dtypeObject('float64') : a[0];
}, 'dtype.to_real'));
d.set('to_complex', new PyBuiltinFunction('to_complex', (a) => {
  const n = self(a[0]).name;
  if (n === 'float64') return dtypeObject('complex128');
  if (n === 'float32' || n === 'float16' || n === 'bfloat16') return dtypeObject('complex64');
  return a[0];
}, 'dtype.to_complex'));
