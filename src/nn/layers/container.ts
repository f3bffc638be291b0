// nn.Sequential, nn.ModuleList, nn.ModuleDict (torch.nn.modules.container): children named '0',
// '1', ... (or by key), indexing with negative indices and slices, len/iter/in, append / insert /
// extend / update, PyTorch's IndexError/KeyError texts, Sequential's forward chaining its children
// through Python calls, and ModuleList's folding repr.

import { PyError, indexError, keyError, typeError } from '../../errors';
import {
  PyDict, PyList, PySlice, PyTuple, type PyValue, call, callMethod, delattr, setattr, typeOf,
} from '../../python/object';
import { Module, ModuleType } from '../module';
import { pyGenerator } from '../pyiter';
import { moduleListRepr } from '../repr';
import { defineMethod, layerType } from './common';

const MOD = 'torch.nn.modules.container';

/** Python values of an iterable argument (list, tuple, dict keys, generators, user iterables). */
export async function iterValues(v: PyValue): Promise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (v instanceof PyDict) return [...v.keys()];
  if (v instanceof Module && v.cls.lookup('__iter__') === undefined) {
    throw typeError(`'${v.typeName}' object is not iterable`);
  }
  let it: PyValue;
  try {
    it = await callMethod(v, '__iter__', []);
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) throw typeError(`'${typeOf(v).name}' object is not iterable`);
    throw e;
  }
  const out: PyValue[] = [];
  for (;;) {
    try {
      out.push(await callMethod(it, '__next__', []));
    } catch (e) {
      if (e instanceof PyError && e.isInstanceOf('StopIteration')) return out;
      throw e;
    }
  }
}

const values = (m: Module): PyValue[] => [...m.modules().values()];
const keys = (m: Module): string[] => [...m.modules().keys()] as string[];

export function indexOf(idx: PyValue, size: number): number {
  if (typeof idx === 'boolean') idx = idx ? 1 : 0;
  if (typeof idx !== 'number') {
    throw typeError(`'${typeOf(idx).name}' object cannot be interpreted as an integer`);
  }
  if (!(-size <= idx && idx < size)) throw indexError(`index ${idx} is out of range`);
  return idx < 0 ? idx + size : idx;
}

/** Python slice semantics over an array. */
export function sliceOf<T>(arr: T[], s: PySlice): T[] {
  const n = arr.length;
  const step = s.step === null ? 1 : (s.step as number);
  if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const norm = (v: PyValue, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    let x = v as number;
    if (x < 0) x += n;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: T[] = [];
  if (step > 0) {
    const start = norm(s.start, 0, 0, n);
    const stop = norm(s.stop, n, 0, n);
    for (let i = start; i < stop; i += step) out.push(arr[i]);
  } else {
    const start = norm(s.start, n - 1, -1, n - 1);
    const stop = norm(s.stop, -1, -1, n - 1);
    for (let i = start; i > stop; i += step) out.push(arr[i]);
  }
  return out;
}

/** Renumber '0'..'n-1' after a deletion (PyTorch rebuilds _modules). */
function renumber(m: Module): void {
  const vs = values(m);
  const mods = m.modules();
  for (const k of [...mods.keys()]) mods.delete(k);
  vs.forEach((v, i) => mods.set(String(i), v));
}

// ---- Sequential ---------------------------------------------------------------------------------

export const SequentialType = layerType('Sequential', MOD);
defineMethod(SequentialType, 'Sequential.__init__(self, *args)', async (self, _v, rest) => {
  self.init();
  if (rest.length === 1 && typeOf(rest[0]).name === 'OrderedDict' && rest[0] instanceof PyDict) {
    for (const [k, m] of rest[0].entries()) await self.addModule(k, m);
  } else {
    for (let i = 0; i < rest.length; i++) await self.addModule(String(i), rest[i]);
  }
  return null;
});
defineMethod(SequentialType, 'Sequential.__getitem__(self, idx)', async (self, v) => {
  if (v[1] instanceof PySlice) {
    const sub = new Module(self.cls);
    sub.init();
    const entries = sliceOf([...self.modules().entries()], v[1]);
    for (const [k, m] of entries) sub.modules().set(k, m);
    return sub;
  }
  return values(self)[indexOf(v[1], self.modules().size)];
});
defineMethod(SequentialType, 'Sequential.__setitem__(self, idx, module)', async (self, v) => {
  await setattr(self, keys(self)[indexOf(v[1], self.modules().size)], v[2]);
  return null;
});
defineMethod(SequentialType, 'Sequential.__delitem__(self, idx)', async (self, v) => {
  const ks = v[1] instanceof PySlice ? sliceOf(keys(self), v[1]) : [keys(self)[indexOf(v[1], self.modules().size)]];
  for (const k of ks) await delattr(self, k);
  renumber(self);
  return null;
});
defineMethod(SequentialType, 'Sequential.__len__(self)', (self) => self.modules().size);
defineMethod(SequentialType, 'Sequential.__iter__(self)', (self) => pyGenerator(values(self)));
defineMethod(SequentialType, 'Sequential.append(self, module)', async (self, v) => {
  await self.addModule(String(self.modules().size), v[1]);
  return self;
});
defineMethod(SequentialType, 'Sequential.insert(self, index, module)', async (self, v) => {
  const mod = v[2];
  if (!(mod instanceof Module)) throw new PyError('AssertionError', `module should be of type: ${ModuleType.name}`);
  const n = self.modules().size;
  let index = v[1] as number;
  if (!(-n <= index && index <= n)) throw indexError(`Index out of range: ${index}`);
  if (index < 0) index += n;
  const mods = self.modules();
  for (let i = n; i > index; i--) mods.set(String(i), mods.get(String(i - 1))!);
  mods.set(String(index), mod);
  return self;
});
defineMethod(SequentialType, 'Sequential.extend(self, sequential)', async (self, v) => {
  for (const layer of await iterValues(v[1])) await callMethod(self, 'append', [layer]);
  return self;
});
defineMethod(SequentialType, 'Sequential.forward(self, input)', async (self, v) => {
  let x = v[1];
  for (const m of values(self)) x = await call(m, [x]);
  return x;
});

// ---- ModuleList ---------------------------------------------------------------------------------

export const ModuleListType = layerType('ModuleList', MOD);
async function extendList(self: Module, modules: PyValue): Promise<void> {
  const offset = self.modules().size;
  const items = await iterValues(modules);
  for (let i = 0; i < items.length; i++) await self.addModule(String(offset + i), items[i]);
}
defineMethod(ModuleListType, 'ModuleList.__init__(self, modules=None)', async (self, v) => {
  self.init();
  if (v[1] !== null) await extendList(self, v[1]);
  return null;
});
defineMethod(ModuleListType, 'ModuleList.__getitem__(self, idx)', (self, v) => {
  if (v[1] instanceof PySlice) {
    const sub = new Module(self.cls);
    sub.init();
    sliceOf(values(self), v[1]).forEach((m, i) => sub.modules().set(String(i), m));
    return sub;
  }
  return self.modules().get(String(indexOf(v[1], self.modules().size)))!;
});
defineMethod(ModuleListType, 'ModuleList.__setitem__(self, idx, module)', async (self, v) => {
  await setattr(self, String(indexOf(v[1], self.modules().size)), v[2]);
  return null;
});
defineMethod(ModuleListType, 'ModuleList.__delitem__(self, idx)', async (self, v) => {
  const ks = v[1] instanceof PySlice ? sliceOf(keys(self), v[1]) : [String(indexOf(v[1], self.modules().size))];
  for (const k of ks) await delattr(self, k);
  renumber(self);
  return null;
});
defineMethod(ModuleListType, 'ModuleList.__len__(self)', (self) => self.modules().size);
defineMethod(ModuleListType, 'ModuleList.__iter__(self)', (self) => pyGenerator(values(self)));
defineMethod(ModuleListType, 'ModuleList.__iadd__(self, modules)', async (self, v) => (await extendList(self, v[1]), self));
defineMethod(ModuleListType, 'ModuleList.append(self, module)', async (self, v) => {
  await self.addModule(String(self.modules().size), v[1]);
  return self;
});
defineMethod(ModuleListType, 'ModuleList.extend(self, modules)', async (self, v) => (await extendList(self, v[1]), self));
defineMethod(ModuleListType, 'ModuleList.insert(self, index, module)', (self, v) => {
  const mods = self.modules();
  const index = v[1] as number;
  for (let i = mods.size; i > index; i--) mods.set(String(i), mods.get(String(i - 1))!);
  mods.set(String(index), v[2]);
  return null;
});
defineMethod(ModuleListType, 'ModuleList.__repr__(self)', (self) => moduleListRepr(self));

// ---- ModuleDict ---------------------------------------------------------------------------------

export const ModuleDictType = layerType('ModuleDict', MOD);
async function updateDict(self: Module, modules: PyValue): Promise<void> {
  if (modules instanceof PyDict) {
    for (const [k, m] of modules.entries()) await self.addModule(k, m);
    return;
  }
  if (modules instanceof Module && modules.cls.isSubtypeOf(ModuleDictType)) {
    for (const [k, m] of modules.modules().entries()) await self.addModule(k, m);
    return;
  }
  const items = await iterValues(modules);
  for (let j = 0; j < items.length; j++) {
    const m = items[j];
    const pair = m instanceof PyTuple || m instanceof PyList ? m.items : null;
    if (pair === null) {
      throw typeError(`ModuleDict update sequence element #${j} should be Iterable; is${typeOf(m).name}`);
    }
    if (pair.length !== 2) {
      throw new PyError('ValueError', `ModuleDict update sequence element #${j} has length ${pair.length}; 2 is required`);
    }
    await self.addModule(pair[0], pair[1]);
  }
}
defineMethod(ModuleDictType, 'ModuleDict.__init__(self, modules=None)', async (self, v) => {
  self.init();
  if (v[1] !== null) await updateDict(self, v[1]);
  return null;
});
defineMethod(ModuleDictType, 'ModuleDict.__getitem__(self, key)', (self, v) => {
  const m = self.modules().get(v[1]);
  if (m === undefined) throw keyError(String(v[1]));
  return m;
});
defineMethod(ModuleDictType, 'ModuleDict.__setitem__(self, key, module)', async (self, v) => (await self.addModule(v[1], v[2]), null));
defineMethod(ModuleDictType, 'ModuleDict.__delitem__(self, key)', (self, v) => {
  if (!self.modules().delete(v[1])) throw keyError(String(v[1]));
  return null;
});
defineMethod(ModuleDictType, 'ModuleDict.__len__(self)', (self) => self.modules().size);
defineMethod(ModuleDictType, 'ModuleDict.__iter__(self)', (self) => pyGenerator(keys(self)));
defineMethod(ModuleDictType, 'ModuleDict.__contains__(self, key)', (self, v) => self.modules().has(v[1]));
defineMethod(ModuleDictType, 'ModuleDict.keys(self)', (self) => new PyList(keys(self)));
defineMethod(ModuleDictType, 'ModuleDict.values(self)', (self) => new PyList(values(self)));
defineMethod(ModuleDictType, 'ModuleDict.items(self)', (self) => new PyList([...self.modules().entries()].map(([k, m]) => new PyTuple([k, m]))));
defineMethod(ModuleDictType, 'ModuleDict.update(self, modules)', async (self, v) => (await updateDict(self, v[1]), null));
defineMethod(ModuleDictType, 'ModuleDict.clear(self)', (self) => {
  for (const k of keys(self)) self.modules().delete(k);
  return null;
});
defineMethod(ModuleDictType, 'ModuleDict.pop(self, key)', async (self, v) => {
  const m = await callMethod(self, '__getitem__', [v[1]]);
  self.modules().delete(v[1]);
  return m;
});


// ---- DataParallel (CPU build: no devices, forward delegates; functional_call refuses it) ---------

export const DataParallelType = layerType('DataParallel', 'torch.nn.parallel.data_parallel');
defineMethod(DataParallelType, 'DataParallel.__init__(self, module, device_ids=None, output_device=None, dim=0)', async (self, v) => {
  self.init();
  await self.addModule('module', v[1]);
  self.dict!.set('dim', v[4]);
  self.dict!.set('device_ids', new PyList([]));
  return null;
});
defineMethod(DataParallelType, 'DataParallel.forward(self, *inputs, **kwargs)', async (self, _v, rest, extra) =>
  call(self.modules().get('module')!, rest, extra.size ? extra : null),
);
