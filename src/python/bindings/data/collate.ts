// torch.utils.data._utils.collate: how a DataLoader turns a list of samples into a batch.
// `collate(batch, *, collate_fn_map)` dispatches on the first sample's type through the map
// (exact type first, then isinstance in the map's order) — tensors are stacked, floats become a
// float64 tensor, ints (bools too) `torch.tensor(batch)`, strings stay as the batch itself — and
// recurses through dicts (a copy of the first sample's dict type), namedtuples, tuples (→ lists)
// and lists, with PyTorch 2.6's error texts. `default_collate` uses the run's
// `default_collate_fn_map` (a dict in the module, so a script may extend it, as in PyTorch);
// `default_convert` is the batch_size=None conversion. Tensors are built by calling the run's
// torch bindings (torch.stack / torch.tensor), so dtypes and errors are theirs.

import { PyError } from '../../../errors';
import { importModule } from '../../interp';
import {
  type KwArgs, type PyValue, Builtins, PyBuiltinFunction, PyDict, PyList, PyModule, PyTuple, call, callMethod, hasattr, isinstance,
  typeOf,
} from '../../object';
import { getitem, lenOf, setitem } from '../../builtins/ops';
import { toArray } from '../../builtins/iter';
import { repr } from '../../builtins/repr';
import { shallowCopy } from '../../builtins/copy';
import { PyRange } from '../../builtins/range';
import { exceptionType, toPyException } from '../../builtins/exceptions';
import { TensorType } from '../torch/tensor/type';
import { builtin, torchAttr, torchCall } from './py';

export const COLLATE_MODULE = 'torch.utils.data._utils.collate';
const ERR_FORMAT = 'default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => Promise<PyValue>): PyBuiltinFunction => new PyBuiltinFunction(name, f, name);
const mapArg = (kw: KwArgs): PyValue => kw?.get('collate_fn_map') ?? null;

/** True when `e` is a Python TypeError (the `except TypeError:` fallbacks of collate). */
function isTypeError(e: unknown): boolean {
  if (e instanceof PyError && e.isInstanceOf('TypeError')) return true;
  const exc = toPyException(e);
  return exc !== null && exc.cls.isSubtypeOf(exceptionType('TypeError'));
}

/** collections.abc.Sequence for the values a script can build here. */
const isSequence = (v: PyValue): boolean => v instanceof PyList || v instanceof PyTuple || v instanceof PyRange || typeof v === 'string';
const isNamedTuple = async (v: PyValue): Promise<boolean> => v instanceof PyTuple && (await hasattr(v, '_fields'));

/** zip(*batch): the columns of a batch of sequences, as tuples, cut to the shortest. */
async function transpose(batch: PyValue): Promise<PyTuple[]> {
  const rows: PyValue[][] = [];
  for (const r of await toArray(batch)) rows.push(await toArray(r));
  const n = rows.length ? Math.min(...rows.map((r) => r.length)) : 0;
  return Array.from({ length: n }, (_, i) => new PyTuple(rows.map((r) => r[i])));
}

/** `collate(batch, *, collate_fn_map=None)`. */
export async function collate(batch: PyValue, fnMap: PyValue): Promise<PyValue> {
  const elem = await getitem(batch, 0);
  const elemType = typeOf(elem);
  const again = (samples: PyValue): Promise<PyValue> => collate(samples, fnMap);
  if (fnMap instanceof PyDict) {
    const exact = fnMap.get(elemType);
    if (exact !== undefined) return call(exact, [batch], new Map([['collate_fn_map', fnMap]]));
    for (const t of [...fnMap.keys()])
      if (await call(builtin('isinstance'), [elem, t])) return call(fnMap.get(t)!, [batch], new Map([['collate_fn_map', fnMap]]));
  } else if (fnMap !== null) {
    throw new PyError('TypeError', `argument of type '${typeOf(fnMap).name}' is not iterable`);
  }
  if (isinstance(elem, Builtins.dict)) {
    const keys = await toArray(elem);
    const collated = async (): Promise<PyDict> => {
      const out = new PyDict();
      for (const k of keys) {
        const column: PyValue[] = [];
        for (const d of await toArray(batch)) column.push(await getitem(d, k));
        out.set(k, await again(new PyList(column)));
      }
      return out;
    };
    try {
      const clone = await shallowCopy(elem);
      await callMethod(clone, 'update', [await collated()]);
      return clone;
    } catch (e) {
      if (!isTypeError(e)) throw e;
      return collated();
    }
  }
  if (await isNamedTuple(elem)) {
    const cols: PyValue[] = [];
    for (const c of await transpose(batch)) cols.push(await again(c));
    return call(elemType, cols);
  }
  if (isSequence(elem)) {
    const items = await toArray(batch);
    const size = await lenOf(items[0]);
    for (const e of items.slice(1))
      if ((await lenOf(e)) !== size) throw new PyError('RuntimeError', 'each element in list of batch should be of equal size');
    const transposed = await transpose(batch);
    const each = async (): Promise<PyValue[]> => {
      const out: PyValue[] = [];
      for (const c of transposed) out.push(await again(c));
      return out;
    };
    if (elem instanceof PyTuple) return new PyList(await each());
    try {
      if (elem instanceof PyList) {
        const clone = await shallowCopy(elem);
        for (const [i, c] of transposed.entries()) await setitem(clone, i, await again(c));
        return clone;
      }
      return await call(elemType, [new PyList(await each())]);
    } catch (e) {
      if (!isTypeError(e)) throw e;
      return new PyList(await each());
    }
  }
  throw new PyError('TypeError', ERR_FORMAT + (await repr(elemType)));
}

/** `default_convert(data)`: what a DataLoader with batch_size=None hands out. */
export async function defaultConvert(data: PyValue): Promise<PyValue> {
  if (isinstance(data, TensorType)) return data;
  if (isinstance(data, Builtins.dict)) {
    const converted = async (): Promise<PyDict> => {
      const out = new PyDict();
      for (const k of await toArray(data)) out.set(k, await defaultConvert(await getitem(data, k)));
      return out;
    };
    try {
      const clone = await shallowCopy(data);
      await callMethod(clone, 'update', [await converted()]);
      return clone;
    } catch (e) {
      if (!isTypeError(e)) throw e;
      return converted();
    }
  }
  const each = async (): Promise<PyValue[]> => {
    const out: PyValue[] = [];
    for (const d of await toArray(data)) out.push(await defaultConvert(d));
    return out;
  };
  if (await isNamedTuple(data)) return call(typeOf(data), await each());
  if (data instanceof PyTuple) return new PyList(await each());
  if (isSequence(data) && typeof data !== 'string') {
    try {
      if (data instanceof PyList) {
        const clone = await shallowCopy(data);
        for (const [i, d] of data.items.entries()) await setitem(clone, i, await defaultConvert(d));
        return clone;
      }
      return await call(typeOf(data), [new PyList(await each())]);
    } catch (e) {
      if (!isTypeError(e)) throw e;
      return new PyList(await each());
    }
  }
  return data;
}

// ---- the module's functions -----------------------------------------------------------------------

export const collateFn = fn('collate', async (a, kw) => {
  if (a.length !== 1) throw new PyError('TypeError', `collate() takes 1 positional argument but ${a.length} were given`);
  return collate(a[0], mapArg(kw));
});
const collateTensorFn = fn('collate_tensor_fn', (a) => torchCall('stack', [a[0], 0]));
const collateFloatFn = fn('collate_float_fn', (a) => torchCall('tensor', [a[0]], { dtype: torchAttr('float64') }));
const collateIntFn = fn('collate_int_fn', (a) => torchCall('tensor', [a[0]]));
const collateStrFn = fn('collate_str_fn', async (a) => a[0]);

/** The run's `default_collate_fn_map` (lives in the collate module: a script may edit it). */
function runFnMap(): PyValue {
  return (importModule(COLLATE_MODULE) as PyModule).dict!.get('default_collate_fn_map') ?? null;
}

export const defaultCollateFn = fn('default_collate', async (a) => {
  if (a.length !== 1) throw new PyError('TypeError', `default_collate() takes 1 positional argument but ${a.length} were given`);
  return collate(a[0], runFnMap());
});
export const defaultConvertFn = fn('default_convert', async (a) => {
  if (a.length !== 1) throw new PyError('TypeError', `default_convert() takes 1 positional argument but ${a.length} were given`);
  return defaultConvert(a[0]);
});

/** A fresh `torch.utils.data._utils.collate` module for a run. */
export function collateModule(): PyModule {
  const fnMap = new PyDict();
  fnMap.set(TensorType, collateTensorFn);
  fnMap.set(Builtins.float, collateFloatFn);
  fnMap.set(Builtins.int, collateIntFn);
  fnMap.set(Builtins.str, collateStrFn);
  const m = new PyModule(COLLATE_MODULE);
  for (const f of [collateFn, collateTensorFn, collateFloatFn, collateIntFn, collateStrFn, defaultCollateFn, defaultConvertFn]) {
    f.dict = new Map([['__module__', COLLATE_MODULE]]);
    m.dict!.set(f.name, f);
  }
  m.dict!.set('default_collate_fn_map', fnMap);
  m.dict!.set('default_collate_err_msg_format', 'default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {}');
  return m;
}
