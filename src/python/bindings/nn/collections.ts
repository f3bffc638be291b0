// The `collections` module as model-building scripts use it: OrderedDict (what state_dict()
// returns; its type object lives in nn/ordered_dict.ts and gets its methods here), defaultdict,
// Counter and namedtuple. The three dict types are PyDicts whose `cls` names the subclass, so the
// interpreter's dict machinery (indexing, iteration, dict methods, `__missing__`) applies as is;
// namedtuple classes are tuple subclasses (PyTuple with `cls`), like torch.Size. Texts and reprs
// follow CPython 3.13 (conformance/82_nn_collections.py pins them against the oracle).

import { PyError, typeError } from '../../../errors';
import { OrderedDictType, isOrderedDict, orderedDict } from '../../../nn/ordered_dict';
import { repr, reprSync } from '../../builtins/repr';
import { toArray } from '../../builtins/iter';
import { eqBool, lessThan } from '../../builtins/ops';
import { DictItemsType, DictKeysType, DictValuesType, DictView } from '../../builtins/containerMethods';
import { seqIndex, sliceArray } from '../../builtins/slice';
import {
  Builtins, type KwArgs, NotImplemented, PyBuiltinFunction, PyCallable, PyClassMethod, PyDict, PyList, PyModule, PySlice, PyTuple,
  PyType, type PyValue, call, makeType, nativeProperty, typeOf,
} from '../../object';
import { bindArgs, parseSignature, type Signature } from '../args';

const method = (t: PyType, name: string, fn: (self: PyDict, a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  t.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => fn(a[0] as PyDict, a.slice(1), kw), `${t.name}.${name}`));
};

/** dict(*args, **kwargs)'s filling rules (pairs, mappings, keywords), into `d`. */
async function fillDict(d: PyDict, a: PyValue[], kw: KwArgs): Promise<void> {
  const plain = (await Builtins.dict.slots.create!(Builtins.dict, a, kw)) as PyDict;
  for (const [k, v] of plain.entries()) d.set(k, v);
}

/** The `{...}` part of a dict subclass's repr (the plain dict repr of the same entries). */
async function dictBody(d: PyDict): Promise<string> {
  return repr(PyDict.fromEntries(d.entries()));
}

/** Rebuild `d`'s order from `entries` (PyDict keeps order in its Map). */
function reorder(d: PyDict, entries: [PyValue, PyValue][]): void {
  d.map.clear();
  for (const [k, v] of entries) d.set(k, v);
}

// ---- OrderedDict ------------------------------------------------------------------------------

const OD = OrderedDictType;
OD.slots.create = async (cls, a, kw) => {
  if (a.length > 1) throw typeError(`OrderedDict expected at most 1 argument, got ${a.length}`);
  const d = orderedDict(cls);
  await fillDict(d, a, kw);
  return d;
};
// __init__ would re-run dict.__init__ on the filled dict; the create slot did all the work.
OD.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null, 'OrderedDict.__init__'));
method(OD, '__repr__', async (d) => `${typeOf(d).name}(${d.size ? await dictBody(d) : ''})`);
method(OD, '__eq__', async (d, [o]) => {
  // Order matters only between two OrderedDicts; against a plain dict the dict rule applies.
  if (!(o instanceof PyDict)) return NotImplemented;
  if (!isOrderedDict(o)) return NotImplemented;
  if (d.size !== o.size) return false;
  const a = [...d.entries()];
  const b = [...o.entries()];
  for (let i = 0; i < a.length; i++) {
    if (!(await eqBool(a[i][0], b[i][0])) || !(await eqBool(a[i][1], b[i][1]))) return false;
  }
  return true;
});
method(OD, 'move_to_end', (d, a, kw) => {
  const key = a[0];
  const last = kw?.get('last') ?? (a.length > 1 ? a[1] : true);
  if (!d.has(key)) throw new PyError('KeyError', reprSync(key), [key]);
  const v = d.get(key) as PyValue;
  d.delete(key);
  const rest = [...d.entries()];
  reorder(d, last === false || last === 0 ? [[key, v], ...rest] : [...rest, [key, v]]);
  return null;
});
method(OD, 'popitem', (d, a, kw) => {
  const last = kw?.get('last') ?? (a.length > 0 ? a[0] : true);
  const entries = [...d.entries()];
  if (entries.length === 0) throw new PyError('KeyError', "'dictionary is empty'", ['dictionary is empty']);
  const e = last === false || last === 0 ? entries[0] : entries[entries.length - 1];
  d.delete(e[0]);
  return new PyTuple(e);
});
method(OD, 'copy', (d) => {
  const out = orderedDict(d.cls!);
  for (const [k, v] of d.entries()) out.set(k, v);
  return out;
});
OD.dict!.set(
  'fromkeys',
  new PyClassMethod(
    new PyBuiltinFunction('fromkeys', async (a) => {
      const d = orderedDict(a[0] as PyType);
      for (const k of await toArray(a[1])) d.set(k, a.length > 2 ? a[2] : null);
      return d;
    }, 'OrderedDict.fromkeys'),
  ),
);

// CPython's OrderedDict views are their own types (odict_keys([...]) in reprs), subclasses of
// the dict views, so iteration, len, `in` and == come from the dict views.
for (const [kind, base] of [['keys', DictKeysType], ['values', DictValuesType], ['items', DictItemsType]] as const) {
  const vt = makeType(`odict_${kind}`, [base]);
  vt.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => `${vt.name}(${await repr(new PyList((a[0] as DictView).snapshot()))})`));
  method(OD, kind, (d) => new DictView(vt, d, kind));
}

// ---- defaultdict --------------------------------------------------------------------------------

export const DefaultDictType: PyType = makeType('defaultdict', [Builtins.dict], 'collections');
const factories = new WeakMap<PyDict, PyValue>();
const isCallable = (v: PyValue): boolean => v instanceof PyCallable || v instanceof PyType || typeOf(v).lookup('__call__') !== undefined;
DefaultDictType.slots.create = async (cls, a, kw) => {
  const factory = a.length ? a[0] : null;
  if (factory !== null && !isCallable(factory)) throw typeError('first argument must be callable or None');
  const d = new PyDict();
  d.cls = cls;
  factories.set(d, factory);
  await fillDict(d, a.slice(1), kw);
  return d;
};
DefaultDictType.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null, 'defaultdict.__init__'));
DefaultDictType.dict!.set(
  'default_factory',
  nativeProperty('default_factory', (s) => factories.get(s as PyDict) ?? null, (s, v) => void factories.set(s as PyDict, v)),
);
method(DefaultDictType, '__missing__', async (d, [key]) => {
  const f = factories.get(d) ?? null;
  if (f === null) throw new PyError('KeyError', reprSync(key), [key]);
  const v = await call(f, []);
  d.set(key, v);
  return v;
});
method(DefaultDictType, '__repr__', async (d) => `${typeOf(d).name}(${await repr(factories.get(d) ?? null)}, ${await dictBody(d)})`);
method(DefaultDictType, 'copy', (d) => {
  const out = PyDict.fromEntries(d.entries());
  out.cls = d.cls;
  factories.set(out, factories.get(d) ?? null);
  return out;
});

// ---- Counter ------------------------------------------------------------------------------------

export const CounterType: PyType = makeType('Counter', [Builtins.dict], 'collections');
async function countInto(d: PyDict, src: PyValue, sign: 1 | -1): Promise<void> {
  if (src === null) return;
  const add = (k: PyValue, n: number): void => {
    const cur = d.get(k);
    d.set(k, (typeof cur === 'number' ? cur : 0) + sign * n);
  };
  if (src instanceof PyDict) for (const [k, v] of src.entries()) add(k, typeof v === 'number' ? v : 0);
  else for (const k of await toArray(src)) add(k, 1);
}
CounterType.slots.create = async (cls, a, kw) => {
  if (a.length > 1) throw typeError(`expected at most 1 argument, got ${a.length}`);
  const d = new PyDict();
  d.cls = cls;
  if (a.length) await countInto(d, a[0], 1);
  if (kw) await countInto(d, PyDict.fromEntries(kw), 1);
  return d;
};
CounterType.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null, 'Counter.__init__'));
method(CounterType, '__missing__', () => 0);
/** Entries by count, highest first; ties keep insertion order (sorted() is stable). */
async function byCount(d: PyDict): Promise<[PyValue, PyValue][]> {
  const e = [...d.entries()];
  const idx = e.map((_, i) => i);
  // insertion sort with the Python comparison (counts are usually ints; keep it general)
  for (let i = 1; i < idx.length; i++) {
    const cur = idx[i];
    let j = i - 1;
    while (j >= 0 && (await lessThan(e[idx[j]][1], e[cur][1]))) {
      idx[j + 1] = idx[j];
      j--;
    }
    idx[j + 1] = cur;
  }
  return idx.map((i) => e[i]);
}
method(CounterType, 'most_common', async (d, a) => {
  const all = await byCount(d);
  const n = a.length && a[0] !== null ? Number(a[0]) : all.length;
  return new PyList(all.slice(0, Math.max(0, n)).map((e) => new PyTuple(e)));
});
method(CounterType, '__repr__', async (d) => {
  if (d.size === 0) return `${typeOf(d).name}()`;
  return `${typeOf(d).name}(${await repr(PyDict.fromEntries(await byCount(d)))})`;
});
method(CounterType, 'elements', (d) => {
  const out: PyValue[] = [];
  for (const [k, v] of d.entries()) for (let i = 0; i < (typeof v === 'number' ? v : 0); i++) out.push(k);
  return new PyList(out);
});
method(CounterType, 'update', async (d, a, kw) => {
  if (a.length) await countInto(d, a[0], 1);
  if (kw) await countInto(d, PyDict.fromEntries(kw), 1);
  return null;
});
method(CounterType, 'subtract', async (d, a, kw) => {
  if (a.length) await countInto(d, a[0], -1);
  if (kw) await countInto(d, PyDict.fromEntries(kw), -1);
  return null;
});
method(CounterType, 'total', (d) => [...d.values()].reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0));
method(CounterType, 'copy', (d) => {
  const out = PyDict.fromEntries(d.entries());
  out.cls = d.cls;
  return out;
});

// ---- namedtuple ---------------------------------------------------------------------------------

async function fieldNames(v: PyValue): Promise<string[]> {
  const raw = typeof v === 'string' ? v.replace(/,/g, ' ').split(/\s+/).filter((s) => s !== '') : await toArray(v);
  return raw.map((f) => {
    if (typeof f !== 'string') throw typeError('Type names and field names must be strings');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f)) throw new PyError('ValueError', `Type names and field names must be valid identifiers: '${f}'`);
    if (f.startsWith('_')) throw new PyError('ValueError', `Field names cannot start with an underscore: '${f}'`);
    return f;
  });
}

/** `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`. */
async function namedtuple(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
  const b = bindArgs(parseSignature('namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)'), args, kwargs).values;
  const name = b[0];
  if (typeof name !== 'string') throw typeError('Type names and field names must be strings');
  const fields = await fieldNames(b[1]);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f)) throw new PyError('ValueError', `Encountered duplicate field name: '${f}'`);
    seen.add(f);
  }
  const defaults = b[3] === null ? [] : await toArray(b[3]);
  if (defaults.length > fields.length) throw typeError('Got more default values than field names');
  const T = makeType(name, [Builtins.tuple], typeof b[4] === 'string' ? b[4] : '__main__');
  const parsed = parseSignature(`${name}.__new__(_cls${fields.map((f) => `, ${f}`).join('')})`);
  const firstDefault = fields.length - defaults.length;
  const sig: Signature = {
    ...parsed,
    params: parsed.params.map((p, i) => (i >= 1 + firstDefault ? { ...p, hasDefault: true, dflt: defaults[i - 1 - firstDefault] } : p)),
  };
  T.slots.create = (cls, a, kw) => new PyTuple(bindArgs(sig, [cls, ...a], kw).values.slice(1), cls);
  T.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null, `${name}.__init__`));
  fields.forEach((f, i) => T.dict!.set(f, nativeProperty(f, (s) => (s as PyTuple).items[i])));
  // Tuple indexing (a slice gives a plain tuple, as in CPython).
  T.dict!.set(
    '__getitem__',
    new PyBuiltinFunction('__getitem__', (a) => {
      const t = a[0] as PyTuple;
      const k = a[1];
      return k instanceof PySlice ? new PyTuple(sliceArray(t.items, k)) : t.items[seqIndex(k, t.items.length, 'tuple', 'tuple')];
    }, `${name}.__getitem__`),
  );
  T.dict!.set('_fields', new PyTuple(fields));
  const dflt = new PyDict();
  defaults.forEach((v, i) => dflt.set(fields[firstDefault + i], v));
  T.dict!.set('_field_defaults', dflt);
  T.dict!.set(
    '__repr__',
    new PyBuiltinFunction('__repr__', async (a) => {
      const t = a[0] as PyTuple;
      const parts: string[] = [];
      for (let i = 0; i < fields.length; i++) parts.push(`${fields[i]}=${await repr(t.items[i])}`);
      return `${typeOf(t).name}(${parts.join(', ')})`;
    }, `${name}.__repr__`),
  );
  T.dict!.set('_asdict', new PyBuiltinFunction('_asdict', (a) => PyDict.fromEntries(fields.map((f, i) => [f, (a[0] as PyTuple).items[i]])), `${name}._asdict`));
  T.dict!.set(
    '_replace',
    new PyBuiltinFunction('_replace', (a, kw) => {
      const t = a[0] as PyTuple;
      const items = t.items.slice();
      for (const [k, v] of kw ?? []) {
        const i = fields.indexOf(k);
        if (i < 0) throw new PyError('ValueError', `Got unexpected field names: ['${k}']`);
        items[i] = v;
      }
      return new PyTuple(items, t.cls);
    }, `${name}._replace`),
  );
  T.dict!.set(
    '_make',
    new PyClassMethod(
      new PyBuiltinFunction('_make', async (a) => {
        const items = await toArray(a[1]);
        if (items.length !== fields.length) throw typeError(`Expected ${fields.length} arguments, got ${items.length}`);
        return new PyTuple(items, a[0] as PyType);
      }, `${name}._make`),
    ),
  );
  return T;
}

/** The `collections` module (made once per run by the module registry). */
export function collectionsModule(): PyModule {
  return new PyModule(
    'collections',
    new Map<string, PyValue>([
      ['OrderedDict', OD],
      ['defaultdict', DefaultDictType],
      ['Counter', CounterType],
      ['namedtuple', new PyBuiltinFunction('namedtuple', namedtuple, 'collections.namedtuple')],
    ]),
  );
}
