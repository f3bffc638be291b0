// The `typing` module. The forms themselves live in
// typingForms.ts, NamedTuple in typingNamedTuple.ts; this file names them, adds TypeVar, Generic /
// Protocol (subscriptable base classes), NewType and the identity helpers (cast, overload, final,
// no_type_check, runtime_checkable), and registers the module.

import {
  type PyValue, Builtins, PyDict, PyObject, PyTuple, PyType, TypeType, makeType,
} from '../object';
import { registerModule } from '../interp/modules';
import { bindArgs, parseSignature } from '../bindings/args';
import { ownAnnotations } from './annotations';
import { NamedTupleType } from './typingNamedTuple';
import { Optional, TypingForm, Union, abcType, typingFns } from './typingForms';
import { fn, makeModule, method, typeError } from './native';

// ---- TypeVar ---------------------------------------------------------------------------------

export const TypeVarType = makeType('TypeVar', [], 'typing');
const tvSig = parseSignature('TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False, infer_variance=False)');
TypeVarType.slots.create = (cls, a, kw) => {
  const b = bindArgs(tvSig, a, kw);
  const [name, bound, co, contra] = b.values;
  if (typeof name !== 'string') throw typeError('TypeVar name must be a string');
  const o = new PyObject(cls);
  o.dict!.set('__name__', name);
  o.dict!.set('__bound__', bound);
  o.dict!.set('__constraints__', new PyTuple(b.rest));
  o.dict!.set('__covariant__', co === true);
  o.dict!.set('__contravariant__', contra === true);
  return o;
};
TypeVarType.dict!.set('__init__', fn('__init__', () => null, 'TypeVar.__init__'));
method(TypeVarType, '__repr__', (s) => {
  const d = (s as PyObject).dict!;
  return `${d.get('__covariant__') === true ? '+' : d.get('__contravariant__') === true ? '-' : '~'}${String(d.get('__name__'))}`;
});
method(TypeVarType, '__or__', (s, [o]) => unionPair(s, o));
method(TypeVarType, '__ror__', (s, [o]) => unionPair(o, s));
function unionPair(a: PyValue, b: PyValue): Promise<PyValue> {
  const gi = Union.cls.lookup('__getitem__') as { callMaybe(a: PyValue[], k: null): PyValue | Promise<PyValue> };
  return Promise.resolve(gi.callMaybe([Union, new PyTuple([a, b])], null));
}

// ---- Generic / Protocol: base classes that can be subscripted -----------------------------------

/** `Generic[T]` is Generic itself (so `class Box(Generic[T])` has a real base); `Box[int]` is an
 * alias that prints `__main__.Box[int]` and calls Box. */
function subscriptableBase(name: string): PyType {
  const t = makeType(name, [], 'typing');
  t.dict!.set('__class_getitem__', fn('__class_getitem__', (a) => {
    const cls = a[0] as PyType;
    if (cls === t) return cls;
    const items = a[1] instanceof PyTuple && a[1].cls === null ? [...a[1].items] : [a[1]];
    return new TypingForm('', 'generic', cls, items.map((x) => (x === null ? Builtins.NoneType : x)));
  }, `${name}.__class_getitem__`));
  return t;
}
const Generic = subscriptableBase('Generic');
const Protocol = subscriptableBase('Protocol');

// ---- the module ----------------------------------------------------------------------------------

const identity = (name: string): PyValue => fn(name, (a) => a[0], `typing.${name}`);

function generics(): Record<string, PyValue> {
  const g = (name: string, origin: PyValue, kind: 'generic' | 'tuple' | 'callable' = 'generic'): TypingForm =>
    new TypingForm(name, kind, origin);
  const Iterable = abcType('Iterable');
  const Callable = abcType('Callable');
  const abcs: Record<string, PyValue> = {};
  for (const n of ['Iterator', 'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'Collection', 'Container',
    'Hashable', 'Sized', 'Generator', 'Awaitable', 'Coroutine', 'AsyncIterator', 'AsyncIterable', 'Reversible',
    'KeysView', 'ValuesView', 'ItemsView', 'AbstractSet', 'MutableSet']) {
    abcs[n] = g(n, abcType(n === 'AbstractSet' ? 'Set' : n === 'MutableSet' ? 'MutableSet' : n));
  }
  return {
    List: g('List', Builtins.list),
    Dict: g('Dict', Builtins.dict),
    Set: g('Set', Builtins.set),
    FrozenSet: g('FrozenSet', Builtins.frozenset),
    Tuple: g('Tuple', Builtins.tuple, 'tuple'),
    Type: g('Type', TypeType),
    Callable: g('Callable', Callable, 'callable'),
    Iterable: g('Iterable', Iterable),
    ...abcs,
  };
}

function special(name: string, kind: 'special' | 'wrap' | 'literal' | 'annotated' = 'special'): TypingForm {
  return new TypingForm(name, kind, null);
}

function typingModule(): PyValue {
  const gens = generics();
  const m = makeModule('typing', {
    ...gens,
    Any: special('Any'),
    NoReturn: special('NoReturn'),
    Never: special('Never'),
    Self: special('Self'),
    LiteralString: special('LiteralString'),
    TypeAlias: special('TypeAlias'),
    Union,
    Optional,
    ClassVar: special('ClassVar', 'wrap'),
    Final: special('Final', 'wrap'),
    Literal: special('Literal', 'literal'),
    Annotated: special('Annotated', 'annotated'),
    TypeVar: TypeVarType,
    Generic,
    Protocol,
    NamedTuple: NamedTupleType,
    Text: Builtins.str,
    TYPE_CHECKING: false,
    cast: fn('cast', (a, kw) => (a.length > 1 ? a[1] : (kw?.get('val') ?? null)), 'typing.cast'),
    overload: identity('overload'),
    final: identity('final'),
    no_type_check: identity('no_type_check'),
    runtime_checkable: identity('runtime_checkable'),
    override: identity('override'),
    NewType: fn('NewType', (a) => {
      // NewType('UserId', int): calling it returns its argument unchanged.
      const f = fn(String(a[0]), (x) => x[0], String(a[0]));
      return f;
    }, 'typing.NewType'),
    get_type_hints: fn('get_type_hints', (a) => {
      const t = a[0];
      if (t instanceof PyType) {
        const out = new PyDict();
        for (const c of [...t.mro].reverse()) for (const an of ownAnnotations(c)) out.set(an.name, an.value);
        return out;
      }
      return new PyDict();
    }, 'typing.get_type_hints'),
    ...typingFns,
  });
  m.dict!.set('AnyStr', TypeVarType.slots.create!(TypeVarType, ['AnyStr', Builtins.str], null) as PyValue);
  return m;
}

registerModule('typing', typingModule);
