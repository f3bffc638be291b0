// The `dataclasses` module: `@dataclass` / `@dataclass(frozen=True, order=True, ...)` writes
// `__init__`, `__repr__`, `__eq__`, the ordering methods and `__hash__` onto the class from its
// fields (dataclassFields.ts), as CPython 3.13's _process_class does — same signatures, so a bad
// call fails with CPython's TypeError text (`Config.__init__() missing 1 required positional
// argument: 'hidden'`); frozen instances refuse assignment with FrozenInstanceError. Also fields(),
// asdict(), astuple(), replace(), is_dataclass().

import {
  type KwArgs, type PyValue, NotImplemented, PyDict, PyList, PyObject, PyTuple, PyType, call, genericDelattr,
  genericSetattr, getattr, setattr, typeOf,
} from '../object';
import { compare, eq } from '../builtins/ops';
import { repr } from '../builtins/repr';
import { hashValue } from '../builtins/hash';
import { deepCopy } from '../builtins/copy';
import { registerModule } from '../interp/modules';
import { bindArgs, parseSignature, type Signature, type SigParam } from '../bindings/args';
import {
  Field, FieldType, FrozenInstanceError, MISSING_, collectFields, dataclassFields, fieldFn, fieldsOf, notDataclass,
} from './dataclassFields';
import { NativeDunder, fn, makeModule, raise, typeError, valueError } from './native';

interface Options {
  init: boolean;
  repr: boolean;
  eq: boolean;
  order: boolean;
  unsafeHash: boolean;
  frozen: boolean;
  kwOnly: boolean;
}
const optSig = parseSignature('dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False)');

const dataclassFn = fn('dataclass', (a, kw) => {
  const v = bindArgs(optSig, a, kw).values;
  const opts: Options = { init: v[1] !== false, repr: v[2] !== false, eq: v[3] !== false, order: v[4] === true, unsafeHash: v[5] === true, frozen: v[6] === true, kwOnly: v[8] === true };
  const cls = v[0];
  if (cls instanceof PyType) return processClass(cls, opts);
  return fn('wrap', (b) => {
    if (!(b[0] instanceof PyType)) throw typeError('dataclass() should be called on a class');
    return processClass(b[0], opts);
  }, 'dataclass.<locals>.wrap');
}, 'dataclasses.dataclass');

/** Set a generated method unless the class body defined one (CPython's _set_new_attribute). */
function setNew(cls: PyType, name: string, v: PyValue): boolean {
  if (cls.dict!.has(name)) return true;
  cls.dict!.set(name, v);
  return false;
}

function processClass(cls: PyType, o: Options): PyType {
  const { all, stored } = collectFields(cls, o.kwOnly);
  cls.dict!.set('__dataclass_fields__', stored);
  const fs = [...all.values()];
  const qual = cls.qualname;
  if (o.init) setNew(cls, '__init__', makeInit(cls, fs, o.frozen));
  if (o.repr) {
    setNew(cls, '__repr__', fn('__repr__', async (a) => {
      const self = a[0];
      const parts: string[] = [];
      for (const f of fs) if (f.repr) parts.push(`${f.name}=${await repr(await getattr(self, f.name))}`);
      return `${typeOf(self).qualname}(${parts.join(', ')})`;
    }, `${qual}.__repr__`));
  }
  const cmpFields = fs.filter((f) => f.compare);
  const values = async (self: PyValue, list: Field[]): Promise<PyTuple> => {
    const out: PyValue[] = [];
    for (const f of list) out.push(await getattr(self, f.name));
    return new PyTuple(out);
  };
  if (o.eq) {
    setNew(cls, '__eq__', fn('__eq__', async (a) => {
      const [self, other] = a;
      if (typeOf(other) !== typeOf(self)) return NotImplemented;
      return eq(await values(self, cmpFields), await values(other, cmpFields));
    }, `${qual}.__eq__`));
  }
  if (o.order) {
    if (!o.eq) throw valueError('eq must be true if order is true');
    for (const [name, op] of [['__lt__', 'Lt'], ['__le__', 'LtE'], ['__gt__', 'Gt'], ['__ge__', 'GtE']] as const) {
      if (cls.dict!.has(name)) throw typeError(`Cannot overwrite attribute ${name} in class ${cls.name}. Consider using functools.total_ordering`);
      cls.dict!.set(name, fn(name, async (a) => {
        const [self, other] = a;
        if (typeOf(other) !== typeOf(self)) return NotImplemented;
        return compare(op, await values(self, cmpFields), await values(other, cmpFields));
      }, `${qual}.${name}`));
    }
  }
  if (o.frozen) {
    const names = new Set(fs.map((f) => f.name));
    const guard = (what: string) => (a: PyValue[]): Promise<PyValue> | PyValue => {
      const [self, name, value] = a;
      if (typeOf(self) === cls || names.has(String(name))) raise(FrozenInstanceError, `cannot ${what} field '${String(name)}'`);
      return (what === 'assign to' ? genericSetattr(self, String(name), value) : genericDelattr(self, String(name))).then(() => null);
    };
    for (const [name, what] of [['__setattr__', 'assign to'], ['__delattr__', 'delete']] as const) {
      if (cls.dict!.has(name)) throw typeError(`Cannot overwrite attribute ${name} in class ${cls.name}`);
      cls.dict!.set(name, new NativeDunder(name, guard(what)));
    }
  }
  // __hash__, by CPython's table (unsafe_hash, eq, frozen, explicit __hash__).
  const own = cls.dict!;
  const explicitHash = own.has('__hash__') && !(own.get('__hash__') === null && own.has('__eq__'));
  const hashFields = fs.filter((f) => (f.hash === null ? f.compare : f.hash === true));
  const addHash = (): void => void own.set('__hash__', fn('__hash__', async (a) => hashValue(await values(a[0], hashFields)), `${qual}.__hash__`));
  if (o.unsafeHash) {
    if (explicitHash) throw typeError(`Cannot overwrite attribute __hash__ in class ${cls.name}`);
    addHash();
  } else if (o.eq && o.frozen) {
    if (!explicitHash) addHash();
  } else if (o.eq && !explicitHash) own.set('__hash__', null);
  if (!own.has('__match_args__')) own.set('__match_args__', new PyTuple(fs.filter((f) => f.init && !f.kwOnly).map((f) => f.name)));
  return cls;
}

/** The generated `__init__(self, <fields>)`. A default_factory default is a marker replaced by a
 * fresh factory() value per call. */
function makeInit(cls: PyType, fs: Field[], frozen: boolean): PyValue {
  const initFields = fs.filter((f) => f.init);
  const positional = initFields.filter((f) => !f.kwOnly);
  const kwOnly = initFields.filter((f) => f.kwOnly);
  let seenDefault: Field | null = null;
  for (const f of positional) {
    if (f.hasDefault || f.hasFactory) seenDefault = f;
    else if (seenDefault) throw typeError(`non-default argument '${f.name}' follows default argument '${seenDefault.name}'`);
  }
  const markers = new Map<Field, PyObject>();
  const param = (f: Field, kw: boolean): SigParam => {
    if (f.hasFactory) markers.set(f, new PyObject(FieldType, null));
    const has = f.hasDefault || f.hasFactory;
    return { name: f.name, kwOnly: kw, hasDefault: has, dflt: f.hasFactory ? markers.get(f)! : has ? f.dflt : null };
  };
  const params: SigParam[] = [
    { name: 'self', kwOnly: false, hasDefault: false, dflt: null },
    ...positional.map((f) => param(f, false)),
    ...kwOnly.map((f) => param(f, true)),
  ];
  const sig: Signature = {
    name: `${cls.qualname}.__init__`,
    params,
    nPositional: 1 + positional.length,
    varargs: null,
    varkw: null,
    index: new Map(params.map((p, i) => [p.name, i])),
  };
  const order = [...positional, ...kwOnly];
  const put = (self: PyValue, name: string, v: PyValue): Promise<void> => (frozen ? genericSetattr(self, name, v) : setattr(self, name, v));
  return fn('__init__', async (a: PyValue[], kw: KwArgs) => {
    const v = bindArgs(sig, a, kw).values;
    const self = v[0];
    for (let i = 0; i < order.length; i++) {
      const f = order[i];
      let x = v[i + 1];
      if (f.hasFactory && x === markers.get(f)) x = await call(f.factory, []);
      await put(self, f.name, x);
    }
    for (const f of fs) {
      if (f.init) continue;
      if (f.hasFactory) await put(self, f.name, await call(f.factory, []));
      else if (f.hasDefault) await put(self, f.name, f.dflt);
    }
    const post = typeOf(self).lookup('__post_init__');
    if (post !== undefined) await call(await getattr(self, '__post_init__'), []);
    return null;
  }, `${cls.qualname}.__init__`);
}

// ---- asdict / astuple / replace --------------------------------------------------------------------

async function convert(v: PyValue, asDict: boolean): Promise<PyValue> {
  if (v === null || typeof v !== 'object') return v;
  const fs = v instanceof PyObject && !(v instanceof PyType) ? dataclassFields(typeOf(v)) : null;
  if (fs !== null) {
    const vals: [PyValue, PyValue][] = [];
    for (const f of fs.values()) vals.push([f.name, await convert(await getattr(v, f.name), asDict)]);
    return asDict ? PyDict.fromEntries(vals) : new PyTuple(vals.map((e) => e[1]));
  }
  if (v instanceof PyTuple) {
    const items: PyValue[] = [];
    for (const x of v.items) items.push(await convert(x, asDict));
    return new PyTuple(items, v.cls);
  }
  if (v instanceof PyList) {
    const items: PyValue[] = [];
    for (const x of v.items) items.push(await convert(x, asDict));
    return new PyList(items);
  }
  if (v instanceof PyDict) {
    const out = new PyDict();
    out.cls = v.cls;
    for (const [k, x] of v.entries()) out.set(await convert(k, asDict), await convert(x, asDict));
    return out;
  }
  return deepCopy(v);
}

function isDataclassInstance(v: PyValue): boolean {
  return !(v instanceof PyType) && dataclassFields(typeOf(v)) !== null;
}

const replaceFn = fn('replace', async (a, kw) => {
  const obj = a[0];
  if (a.length !== 1) throw typeError(`replace() takes 1 positional argument but ${a.length} were given`);
  if (!isDataclassInstance(obj)) throw notDataclass('replace');
  const changes = new Map(kw ?? []);
  for (const f of fieldsOf(obj)) {
    if (!f.init) {
      if (changes.has(f.name)) throw valueError(`field ${f.name} is declared with init=False, it cannot be specified with replace()`);
      continue;
    }
    if (!changes.has(f.name)) changes.set(f.name, await getattr(obj, f.name));
  }
  return call(typeOf(obj), [], changes);
}, 'dataclasses.replace');

function dataclassesModule(): PyValue {
  return makeModule('dataclasses', {
    dataclass: dataclassFn,
    field: fieldFn,
    Field: FieldType,
    MISSING: MISSING_,
    FrozenInstanceError,
    fields: fn('fields', (a) => new PyTuple(fieldsOf(a[0])), 'dataclasses.fields'),
    asdict: fn('asdict', (a) => {
      if (!isDataclassInstance(a[0])) throw notDataclass('asdict');
      return convert(a[0], true);
    }, 'dataclasses.asdict'),
    astuple: fn('astuple', (a) => {
      if (!isDataclassInstance(a[0])) throw notDataclass('astuple');
      return convert(a[0], false);
    }, 'dataclasses.astuple'),
    replace: replaceFn,
    is_dataclass: fn('is_dataclass', (a) => dataclassFields(a[0] instanceof PyType ? a[0] : typeOf(a[0])) !== null, 'dataclasses.is_dataclass'),
  });
}

registerModule('dataclasses', dataclassesModule);
