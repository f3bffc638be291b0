// nn.ParameterList and nn.ParameterDict (torch.nn.modules.container): parameters held under
// '0', '1', ... or under their keys, through ordinary Module attribute assignment — so a plain
// tensor put in becomes a Parameter (PyTorch wraps it), and a non-tensor value is a plain
// attribute, as in PyTorch. Their extra_repr lists `(k): Parameter containing: [dtype of size
// AxB]` per entry; ParameterDict.update from a plain dict goes in sorted key order (PyTorch sorts
// Mappings that are not ordered dicts).

import { PyError, keyError, typeError } from '../../errors';
import { PyDict, PyList, PySlice, PyTuple, type PyValue, delattr, getattr, setattr, typeOf } from '../../python/object';
import { Tensor, isParameter, legacyTypeName, makeParameter } from '../bridge';
import { Module } from '../module';
import { pyGenerator } from '../pyiter';
import { isOrderedDict } from '../ordered_dict';
import { attr, defineMethod, layerType } from './common';
import { indexOf, iterValues, sliceOf } from './container';
import { construct } from '../construct';

const MOD = 'torch.nn.modules.container';

/** `Parameter(t)` for a plain tensor; anything else unchanged. */
const asParam = (v: PyValue): PyValue => (v instanceof Tensor && !isParameter(v) ? makeParameter(v, true) : v);

/** One extra_repr line; ParameterList names the dtype (`torch.float32`), ParameterDict the legacy
 * type (`torch.FloatTensor`), as their PyTorch sources do. */
function entryText(k: string, p: PyValue, legacy = false): string {
  if (p instanceof Tensor) {
    const kind = isParameter(p) ? 'Parameter' : 'Tensor';
    return `  (${k}): ${kind} containing: [${legacy ? legacyTypeName(p) : `torch.${p.dtype}`} of size ${p.shape.join('x')}]`;
  }
  return `  (${k}): Object of type: ${typeOf(p).name}`;
}

// ---- ParameterList ------------------------------------------------------------------------------

const size = (m: Module): number => attr(m, '_size') as number;

export const ParameterListType = layerType('ParameterList', MOD);
defineMethod(ParameterListType, 'ParameterList.__init__(self, values=None)', async (self, v) => {
  self.init();
  self.dict!.set('_size', 0);
  if (v[1] !== null) await extend(self, v[1]);
  return null;
});
async function append(self: Module, value: PyValue): Promise<void> {
  const i = size(self);
  self.dict!.set('_size', i + 1);
  await setattr(self, String(i), asParam(value));
}
async function extend(self: Module, values: PyValue): Promise<void> {
  if (values instanceof Tensor || values === null || typeof values !== 'object') {
    throw typeError(`ParameterList.extend should be called with an iterable, but got ${typeOf(values).name}`);
  }
  for (const v of await iterValues(values)) await append(self, v);
}
const items = async (self: Module): Promise<PyValue[]> => {
  const out: PyValue[] = [];
  for (let i = 0; i < size(self); i++) out.push(await getattr(self, String(i)));
  return out;
};
defineMethod(ParameterListType, 'ParameterList.__getitem__(self, idx)', async (self, v) => {
  if (v[1] instanceof PySlice) {
    const picked = sliceOf(await items(self), v[1]);
    return construct(ParameterListType, [new PyList(picked)]);
  }
  return getattr(self, String(indexOf(v[1], size(self))));
});
defineMethod(ParameterListType, 'ParameterList.__setitem__(self, idx, param)', async (self, v) => {
  await setattr(self, String(indexOf(v[1], size(self))), asParam(v[2]));
  return null;
});
defineMethod(ParameterListType, 'ParameterList.__len__(self)', (self) => size(self));
defineMethod(ParameterListType, 'ParameterList.__iter__(self)', async (self) => pyGenerator(await items(self)));
defineMethod(ParameterListType, 'ParameterList.__iadd__(self, parameters)', async (self, v) => (await extend(self, v[1]), self));
defineMethod(ParameterListType, 'ParameterList.append(self, value)', async (self, v) => (await append(self, v[1]), self));
defineMethod(ParameterListType, 'ParameterList.extend(self, values)', async (self, v) => (await extend(self, v[1]), self));
defineMethod(ParameterListType, 'ParameterList.extra_repr(self)', async (self) => (await items(self)).map((p, k) => entryText(String(k), p)).join('\n'));
defineMethod(ParameterListType, 'ParameterList.__call__(self, *args, **kwargs)', () => {
  throw new PyError('RuntimeError', 'ParameterList should not be called.');
});

// ---- ParameterDict ------------------------------------------------------------------------------

const keysOf = (m: Module): PyDict => attr(m, '_keys') as PyDict;
function keyAttr(key: PyValue): string {
  if (typeof key !== 'string') {
    throw typeError(
      `Index given to ParameterDict cannot be used as a key as it is not a string (type is '${typeOf(key).name}'). Open an issue on github if you need non-string keys.`,
    );
  }
  return key;
}

export const ParameterDictType = layerType('ParameterDict', MOD);
async function setItem(self: Module, key: PyValue, value: PyValue): Promise<void> {
  keysOf(self).set(key, null);
  await setattr(self, keyAttr(key), asParam(value));
}
async function update(self: Module, src: PyValue): Promise<void> {
  if (src instanceof PyDict) {
    let entries = [...src.entries()];
    if (!isOrderedDict(src)) entries = entries.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
    for (const [k, v] of entries) await setItem(self, k, v);
    return;
  }
  if (src instanceof Module && src.cls.isSubtypeOf(ParameterDictType)) {
    for (const k of [...keysOf(src).keys()]) await setItem(self, k, await getattr(src, keyAttr(k)));
    return;
  }
  const all = await iterValues(src);
  for (let j = 0; j < all.length; j++) {
    const p = all[j];
    const pair = p instanceof PyTuple || p instanceof PyList ? p.items : null;
    if (pair === null) throw typeError(`ParameterDict update sequence element #${j} should be Iterable; is${typeOf(p).name}`);
    if (pair.length !== 2) throw new PyError('ValueError', `ParameterDict update sequence element #${j} has length ${pair.length}; 2 is required`);
    await setItem(self, pair[0], pair[1]);
  }
}
defineMethod(ParameterDictType, 'ParameterDict.__init__(self, parameters=None)', async (self, v) => {
  self.init();
  self.dict!.set('_keys', new PyDict());
  if (v[1] !== null) await update(self, v[1]);
  return null;
});
defineMethod(ParameterDictType, 'ParameterDict.__getitem__(self, key)', async (self, v) => {
  if (!keysOf(self).has(v[1])) throw keyError(v[1] as string);
  return getattr(self, keyAttr(v[1]));
});
defineMethod(ParameterDictType, 'ParameterDict.__setitem__(self, key, value)', async (self, v) => (await setItem(self, v[1], v[2]), null));
defineMethod(ParameterDictType, 'ParameterDict.__delitem__(self, key)', async (self, v) => {
  if (!keysOf(self).delete(v[1])) throw keyError(v[1] as string);
  await delattr(self, keyAttr(v[1]));
  return null;
});
defineMethod(ParameterDictType, 'ParameterDict.__len__(self)', (self) => keysOf(self).size);
defineMethod(ParameterDictType, 'ParameterDict.__iter__(self)', (self) => pyGenerator([...keysOf(self).keys()]));
defineMethod(ParameterDictType, 'ParameterDict.__contains__(self, key)', (self, v) => keysOf(self).has(v[1]));
defineMethod(ParameterDictType, 'ParameterDict.keys(self)', (self) => pyGenerator([...keysOf(self).keys()]));
defineMethod(ParameterDictType, 'ParameterDict.values(self)', async (self) => {
  const out: PyValue[] = [];
  for (const k of keysOf(self).keys()) out.push(await getattr(self, keyAttr(k)));
  return pyGenerator(out);
});
defineMethod(ParameterDictType, 'ParameterDict.items(self)', async (self) => {
  const out: PyValue[] = [];
  for (const k of keysOf(self).keys()) out.push(new PyTuple([k, await getattr(self, keyAttr(k))]));
  return pyGenerator(out);
});
defineMethod(ParameterDictType, 'ParameterDict.get(self, key, default=None)', async (self, v) =>
  keysOf(self).has(v[1]) ? getattr(self, keyAttr(v[1])) : v[2],
);
defineMethod(ParameterDictType, 'ParameterDict.pop(self, key)', async (self, v) => {
  const val = await getattr(self, keyAttr(v[1]));
  keysOf(self).delete(v[1]);
  await delattr(self, keyAttr(v[1]));
  return val;
});
defineMethod(ParameterDictType, 'ParameterDict.update(self, parameters)', async (self, v) => (await update(self, v[1]), null));
defineMethod(ParameterDictType, 'ParameterDict.extra_repr(self)', async (self) => {
  const lines: string[] = [];
  for (const k of keysOf(self).keys()) lines.push(entryText(String(k), await getattr(self, keyAttr(k)), true));
  return lines.join('\n');
});
