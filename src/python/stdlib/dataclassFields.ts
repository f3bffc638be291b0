// dataclasses' data model: the `Field` objects (`field(default=..., default_factory=...,
// init=, repr=, compare=, hash=, kw_only=)`), the `MISSING` sentinel, FrozenInstanceError, and how a
// decorated class's fields are collected — base dataclasses' fields first (their
// `__dataclass_fields__`), then the class's own annotations in body order, skipping ClassVar —
// with CPython 3.13's checks (mutable defaults, a non-default field after a default one).

import { PyError } from '../../errors';
import {
  type PyValue, PyDict, PyObject, PyType, makeType, typeOf, PyList, PySet, nativeProperty,
} from '../object';
import { exceptionType } from '../builtins/exceptions';
import { bindArgs, parseSignature } from '../bindings/args';
import { repr, objectRepr } from '../builtins/repr';
import { isClassVar, ownAnnotations } from './annotations';
import { fn, method, valueError, typeError } from './native';

export const MissingType = makeType('_MISSING_TYPE', [], 'dataclasses');
/** dataclasses.MISSING: "no default". */
export const MISSING_ = new PyObject(MissingType, null);
MissingType.dict!.set('__repr__', objectRepr);

export const FrozenInstanceError: PyType = makeType('FrozenInstanceError', [exceptionType('AttributeError')], 'dataclasses');
FrozenInstanceError.slots.create ??= exceptionType('AttributeError').slots.create;

export const FieldType = makeType('Field', [], 'dataclasses');

/** One dataclass field. Python sees its attributes (name, type, default, ...) as properties. */
export class Field extends PyObject {
  name = '';
  type: PyValue = null;
  constructor(
    public dflt: PyValue,
    public factory: PyValue,
    public init: boolean,
    public repr: boolean,
    public hash: PyValue,
    public compare: boolean,
    public kwOnly: boolean | null,
    /** A ClassVar pseudo-field: kept in __dataclass_fields__ but not a real field. */
    public classVar = false,
  ) {
    super(FieldType, null);
  }
  get hasDefault(): boolean {
    return this.dflt !== MISSING_;
  }
  get hasFactory(): boolean {
    return this.factory !== MISSING_;
  }
}

const fieldSig = parseSignature('field(*, default=None, default_factory=None, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=None)');
export const fieldFn = fn('field', (a, kw) => {
  if (a.length) throw typeError(`field() takes 0 positional arguments but ${a.length} were given`);
  const given = (k: string): boolean => kw !== null && kw.has(k);
  const v = bindArgs(fieldSig, a, kw).values;
  const dflt = given('default') ? v[0] : MISSING_;
  const factory = given('default_factory') ? v[1] : MISSING_;
  if (dflt !== MISSING_ && factory !== MISSING_) throw valueError('cannot specify both default and default_factory');
  return new Field(dflt, factory, v[2] !== false, v[3] !== false, v[4], v[6] !== false, v[8] === null ? null : v[8] === true);
}, 'dataclasses.field');

const props: [string, (f: Field) => PyValue][] = [
  ['name', (f) => f.name], ['type', (f) => f.type], ['default', (f) => f.dflt], ['default_factory', (f) => f.factory],
  ['init', (f) => f.init], ['repr', (f) => f.repr], ['hash', (f) => f.hash], ['compare', (f) => f.compare],
  ['kw_only', (f) => (f.kwOnly === null ? MISSING_ : f.kwOnly)], ['metadata', () => new PyDict()],
];
for (const [k, get] of props) FieldType.dict!.set(k, nativeProperty(k, (s) => get(s as Field)));
method(FieldType, '__repr__', async (s) => {
  const f = s as Field;
  const py = (b: boolean): string => (b ? 'True' : 'False');
  const kw = f.kwOnly === null ? await repr(MISSING_) : py(f.kwOnly);
  return `Field(name=${await repr(f.name)},type=${await repr(f.type)},default=${await repr(f.dflt)},default_factory=${await repr(f.factory)},init=${py(f.init)},repr=${py(f.repr)},hash=${await repr(f.hash)},compare=${py(f.compare)},metadata=mappingproxy({}),kw_only=${kw},_field_type=${f.classVar ? '_FIELD_CLASSVAR' : '_FIELD'})`;
});

/** A class's fields (name → Field, in order), or null when it is not a dataclass. */
export function dataclassFields(t: PyType): Map<string, Field> | null {
  const d = t.lookup('__dataclass_fields__');
  if (!(d instanceof PyDict)) return null;
  const out = new Map<string, Field>();
  for (const [k, v] of d.entries()) if (v instanceof Field && !v.classVar) out.set(String(k), v);
  return out;
}

/** Fields for `@dataclass` on `cls`: inherited ones, then own ones; class attributes are set to
 * the defaults (or removed), as CPython's _process_class does. */
export function collectFields(cls: PyType, kwOnlyDefault: boolean): { all: Map<string, Field>; stored: PyDict } {
  // Python dict semantics: a re-declared field keeps its inherited position.
  const every = new Map<string, Field>();
  for (const b of [...cls.mro].slice(1).reverse()) {
    const inherited = b.dict!.get('__dataclass_fields__');
    if (inherited instanceof PyDict) for (const [k, v] of inherited.entries()) if (v instanceof Field) every.set(String(k), v);
  }
  for (const an of ownAnnotations(cls)) {
    const raw = cls.dict!.has(an.name) ? cls.dict!.get(an.name)! : MISSING_;
    const f = raw instanceof Field ? raw : new Field(raw, MISSING_, true, true, null, true, null);
    f.name = an.name;
    f.type = an.value;
    every.set(an.name, f);
    if (isClassVar(an)) {
      f.classVar = true;
      continue;
    }
    if (f.kwOnly === null) f.kwOnly = kwOnlyDefault;
    // A default of an unhashable type (list, dict, set) would be shared by every instance.
    const dv = f.dflt;
    if (dv instanceof PyList || dv instanceof PyDict || (dv instanceof PySet && !dv.frozen) || (dv instanceof PyObject && typeOf(dv).lookup('__hash__') === null)) {
      throw valueError(`mutable default ${typeRepr(typeOf(dv))} for field ${an.name} is not allowed: use default_factory`);
    }
    if (raw instanceof Field) {
      if (f.hasDefault) cls.dict!.set(an.name, f.dflt);
      else cls.dict!.delete(an.name);
    }
  }
  const all = new Map([...every].filter(([, f]) => !f.classVar));
  return { all, stored: PyDict.fromEntries(every.entries()) };
}

const typeRepr = (t: PyType): string => (t.module === 'builtins' ? `<class '${t.name}'>` : `<class '${t.module}.${t.qualname}'>`);

/** `fields(x)`: a tuple of the real fields of a dataclass or instance. */
export function fieldsOf(v: PyValue, fname = 'fields'): Field[] {
  const t = v instanceof PyType ? v : typeOf(v);
  const fs = dataclassFields(t);
  if (fs === null) {
    if (fname === 'fields') throw typeError('must be called with a dataclass type or instance');
    throw typeError(`${fname}() should be called on dataclass instances`);
  }
  return [...fs.values()];
}

export const notDataclass = (name: string): PyError => typeError(`${name}() should be called on dataclass instances`);
