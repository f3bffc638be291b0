// The objects behind `typing`'s names: special forms (Any, Union, Optional, ClassVar, Final,
// Literal, ...) and generic aliases (List, Dict[str, torch.Tensor], Callable[[int], float], ...).
// Pasted scripts only need them to *evaluate* — in annotations, `cast`, aliases like
// `Batch = Dict[str, Tensor]` — and to print as CPython 3.13 prints them (`typing.Optional[int]`,
// `typing.Dict[str, torch.Tensor]`), compare equal when CPython's do, and answer get_origin /
// get_args / __origin__ / __args__. One TS class, TypingForm, covers both kinds: `args === null`
// is an unsubscripted form, otherwise a subscripted alias of `origin`.

import {
  type PyValue, Builtins, Ellipsis, MISSING, NotImplemented, PyList, PyObject, PyTuple, PyType, call, makeType, typeOf,
} from '../object';
import { eqBool } from '../builtins/ops';
import { repr } from '../builtins/repr';
import { hashValue } from '../builtins/hash';
import { fn, method, typeError } from './native';

/** How a form is subscripted. */
type Kind = 'special' | 'union' | 'optional' | 'wrap' | 'literal' | 'generic' | 'tuple' | 'callable' | 'annotated';

export const TypingFormType = makeType('_SpecialForm', [], 'typing');

export class TypingForm extends PyObject {
  constructor(
    /** `Optional`, `List`, ... as printed after `typing.`. */
    readonly name: string,
    readonly kind: Kind,
    /** get_origin(): a builtin type for generics, the form itself for Union/ClassVar/Literal/... */
    readonly origin: PyValue,
    /** null: not subscripted. */
    readonly args: PyValue[] | null = null,
    /** Callable[[a, b], r]: the parameter list (or Ellipsis) kept apart from the result type. */
    readonly params: PyValue[] | 'ellipsis' | null = null,
  ) {
    super(TypingFormType, null);
  }
  /** Marks ClassVar[...] for dataclasses / NamedTuple. */
  get isClassVar(): boolean {
    return this.name === 'ClassVar';
  }
}

/** CPython's typing._type_repr. */
export async function typeRepr(v: PyValue): Promise<string> {
  if (v instanceof PyType) return v.module === 'builtins' ? v.qualname : `${v.module}.${v.qualname}`;
  if (v === Ellipsis) return '...';
  if (v === null) return 'None';
  if (typeof v === 'string') return `ForwardRef(${await repr(v)})`;
  if (v instanceof PyList || (v instanceof PyTuple && v.cls === null)) return `[${(await Promise.all(v.items.map(typeRepr))).join(', ')}]`;
  return repr(v);
}

/** A type argument as typing stores it: None → NoneType. */
const norm = (v: PyValue): PyValue => (v === null ? Builtins.NoneType : v);

export async function formRepr(f: TypingForm): Promise<string> {
  if (f.args === null) return `typing.${f.name}`;
  const a = f.args;
  if (f.kind === 'union') {
    const i = a.indexOf(Builtins.NoneType);
    if (a.length === 2 && i >= 0) return `typing.Optional[${await typeRepr(a[1 - i])}]`;
  }
  if (f.kind === 'literal') return `typing.Literal[${(await Promise.all(a.map((x) => repr(x)))).join(', ')}]`;
  if (f.kind === 'tuple' && a.length === 0) return `typing.Tuple[()]`;
  if (f.kind === 'callable') {
    const p = f.params === 'ellipsis' ? '...' : `[${(await Promise.all((f.params ?? []).map(typeRepr))).join(', ')}]`;
    return `typing.Callable[${p}, ${await typeRepr(a[a.length - 1])}]`;
  }
  if (f.name === '') {
    return `${await typeRepr(f.origin)}[${(await Promise.all(a.map(typeRepr))).join(', ')}]`;
  }
  return `typing.${f.name}[${(await Promise.all(a.map(typeRepr))).join(', ')}]`;
}

const asList = (v: PyValue): PyValue[] => (v instanceof PyTuple && v.cls === null ? [...v.items] : [v]);

async function unionOf(items: PyValue[]): Promise<PyValue> {
  const flat: PyValue[] = [];
  for (const raw of items) {
    const x = norm(raw);
    const parts = x instanceof TypingForm && x.kind === 'union' && x.args ? x.args : [x];
    for (const p of parts) {
      let dup = false;
      for (const q of flat) if (await eqBool(p, q)) dup = true;
      if (!dup) flat.push(p);
    }
  }
  if (flat.length === 1) return flat[0];
  return new TypingForm('Union', 'union', Union, flat);
}

/** `form[key]`, by kind. */
async function subscript(f: TypingForm, key: PyValue): Promise<PyValue> {
  if (f.args !== null) throw typeError(`${await formRepr(f)} is not a generic class`);
  const items = asList(key);
  switch (f.kind) {
    case 'special':
      throw typeError(`typing.${f.name} is not subscriptable`);
    case 'union':
      if (items.length === 0) throw typeError('Cannot take a Union of no types.');
      return unionOf(items);
    case 'optional':
      if (items.length !== 1) throw typeError(`typing.Optional requires a single type. Got ${await repr(key)}.`);
      return unionOf([items[0], null]);
    case 'wrap':
      if (items.length !== 1) throw typeError(`typing.${f.name} accepts only single type.`);
      return new TypingForm(f.name, f.kind, f, [norm(items[0])]);
    case 'literal':
      return new TypingForm(f.name, f.kind, f, items);
    case 'annotated':
      return new TypingForm(f.name, f.kind, f, [norm(items[0]), ...items.slice(1)]);
    case 'tuple': {
      // Tuple[()] is the empty tuple type; Tuple[int, ...] keeps the Ellipsis.
      const args = key instanceof PyTuple && key.cls === null && key.items.length === 0 ? [] : items.map(norm);
      return new TypingForm(f.name, f.kind, f.origin, args);
    }
    case 'callable': {
      if (items.length !== 2) throw typeError('Callable must be used as Callable[[arg, ...], result].');
      const [p, r] = items;
      const params = p === Ellipsis ? 'ellipsis' : p instanceof PyList ? p.items.map(norm) : null;
      if (params === null) throw typeError(`Callable[args, result]: args must be a list. Got ${await repr(p)}`);
      return new TypingForm(f.name, f.kind, f.origin, [...(params === 'ellipsis' ? [Ellipsis] : params), norm(r)], params);
    }
    case 'generic':
      return new TypingForm(f.name, f.kind, f.origin, items.map(norm));
  }
}

async function formEq(a: TypingForm, b: PyValue): Promise<PyValue> {
  if (!(b instanceof TypingForm)) return NotImplemented;
  if (a.args === null || b.args === null) return a === b;
  if (a.kind !== b.kind || a.name !== b.name || a.origin !== b.origin || a.args.length !== b.args.length) return false;
  if (a.kind === 'union') {
    for (const x of a.args) {
      let found = false;
      for (const y of b.args) if (await eqBool(x, y)) found = true;
      if (!found) return false;
    }
    return true;
  }
  for (let i = 0; i < a.args.length; i++) if (!(await eqBool(a.args[i], b.args[i]))) return false;
  return true;
}

const T = TypingFormType;
method(T, '__repr__', (s) => formRepr(s as TypingForm));
method(T, '__getitem__', (s, [k]) => subscript(s as TypingForm, k));
method(T, '__eq__', (s, [o]) => formEq(s as TypingForm, o));
method(T, '__hash__', async (s) => {
  const f = s as TypingForm;
  if (f.args === null) return hashValue(f.name);
  const reps = await Promise.all(f.args.map((x) => typeRepr(x)));
  if (f.kind === 'union') reps.sort();
  return hashValue(`${f.name}[${reps.join(',')}]`);
});
method(T, '__or__', (s, [o]) => unionOf([s, o]));
method(T, '__ror__', (s, [o]) => unionOf([o, s]));
method(T, '__call__', async (s, a, kw) => {
  const f = s as TypingForm;
  if (f.kind === 'generic' || f.kind === 'tuple') {
    if (f.origin instanceof PyType && f.origin.module !== 'collections.abc') return call(f.origin, a, kw);
    throw typeError(`Type ${f.name} cannot be instantiated; use ${(f.origin as PyType).name.toLowerCase()}() instead`);
  }
  throw typeError(`Cannot instantiate ${await formRepr(f)}`);
});
method(T, '__instancecheck__', async (s, [v]) => {
  const f = s as TypingForm;
  if (f.args === null && (f.kind === 'generic' || f.kind === 'tuple') && f.origin instanceof PyType) return typeOf(v).isSubtypeOf(f.origin);
  throw typeError(`Subscripted generics cannot be used with class and instance checks`);
});
// Attributes CPython's aliases carry; anything else is absent (MISSING, not an error).
T.slots.getattr = (s, name) => {
  const f = s as TypingForm;
  if (name === '__origin__' && f.args !== null) return f.origin;
  if (name === '__args__' && f.args !== null) return new PyTuple(f.args);
  if (name === '_name' || name === '__name__') return f.name;
  return MISSING;
};

// ---- the forms ---------------------------------------------------------------------------------

export const Union = new TypingForm('Union', 'union', null);
export const Optional = new TypingForm('Optional', 'optional', null);

/** A collections.abc stand-in (a class named like CPython's, module collections.abc). */
export const abcType = (name: string, base: PyType[] = []): PyType => makeType(name, base, 'collections.abc');

/** get_origin(tp) / get_args(tp) as CPython 3.13 answers them. */
export function getOrigin(v: PyValue): PyValue {
  return v instanceof TypingForm && v.args !== null ? (v.origin === Optional ? Union : v.origin) : null;
}
export function getArgs(v: PyValue): PyValue {
  if (!(v instanceof TypingForm) || v.args === null) return new PyTuple([]);
  if (v.kind === 'callable') return new PyTuple([v.params === 'ellipsis' ? Ellipsis : new PyList([...(v.params ?? [])]), v.args[v.args.length - 1]]);
  return new PyTuple(v.args);
}

export const typingFns = {
  get_origin: fn('get_origin', (a) => getOrigin(a[0]), 'typing.get_origin'),
  get_args: fn('get_args', (a) => getArgs(a[0]), 'typing.get_args'),
};
