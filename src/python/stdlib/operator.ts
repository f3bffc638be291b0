// The `operator` module: the operators as functions (add, mul, matmul, getitem, lt, not_, ...),
// all going through the interpreter's own operator layer so tensors and user dunders behave as with
// the symbols, plus itemgetter / attrgetter / methodcaller with CPython's reprs.

import type { Operator } from '../ast';
import { PyError } from '../../errors';
import { type PyValue, PyCallable, PyObject, PyTuple, call, getattr, makeType, typeOf } from '../object';
import {
  binop, compare, contains, delitem, eq, getitem, inplaceOp, ne, setitem, truthy, unaryOp,
} from '../builtins/ops';
import { repr } from '../builtins/repr';
import { BUILTINS } from '../interp/builtinsTable';
import { registerModule } from '../interp/modules';
import { fn, makeModule, method, typeError } from './native';

const BIN: [string, Operator][] = [
  ['add', 'Add'], ['sub', 'Sub'], ['mul', 'Mult'], ['matmul', 'MatMult'], ['truediv', 'Div'], ['floordiv', 'FloorDiv'],
  ['mod', 'Mod'], ['pow', 'Pow'], ['lshift', 'LShift'], ['rshift', 'RShift'], ['and_', 'BitAnd'], ['or_', 'BitOr'], ['xor', 'BitXor'],
];

const two = (name: string, a: PyValue[]): void => {
  if (a.length !== 2) throw typeError(`${name} expected 2 arguments, got ${a.length}`);
};

function getters(): Record<string, PyValue> {
  const ItemGetter = makeType('itemgetter', [], 'operator');
  const AttrGetter = makeType('attrgetter', [], 'operator');
  const MethodCaller = makeType('methodcaller', [], 'operator');
  const spec = new WeakMap<PyObject, { items: PyValue[]; name?: string; kw?: Map<string, PyValue> }>();
  const mk = (t: typeof ItemGetter) => (cls: typeof ItemGetter, a: PyValue[]): PyValue => {
    if (a.length === 0) throw typeError(`${t.name} expected 1 argument, got 0`);
    const o = new PyObject(cls, null);
    spec.set(o, { items: a });
    return o;
  };
  ItemGetter.slots.create = mk(ItemGetter);
  AttrGetter.slots.create = (cls, a) => {
    for (const x of a) if (typeof x !== 'string') throw typeError('attribute name must be a string');
    return mk(AttrGetter)(cls, a);
  };
  MethodCaller.slots.create = (cls, a, kw) => {
    if (typeof a[0] !== 'string') throw typeError('method name must be a string');
    const o = new PyObject(cls, null);
    spec.set(o, { items: a.slice(1), name: a[0], kw: new Map(kw ?? []) });
    return o;
  };
  const one = async (t: typeof ItemGetter, x: PyValue, obj: PyValue): Promise<PyValue> => {
    if (t === ItemGetter) return getitem(obj, x);
    let v = obj;
    for (const part of String(x).split('.')) v = await getattr(v, part);
    return v;
  };
  for (const t of [ItemGetter, AttrGetter]) {
    method(t, '__call__', async (s, a) => {
      const { items } = spec.get(s as PyObject)!;
      if (a.length !== 1) throw typeError(`${t.name} expected 1 argument, got ${a.length}`);
      if (items.length === 1) return one(t, items[0], a[0]);
      const out: PyValue[] = [];
      for (const x of items) out.push(await one(t, x, a[0]));
      return new PyTuple(out);
    });
    method(t, '__repr__', async (s) => {
      const parts = await Promise.all(spec.get(s as PyObject)!.items.map((x) => repr(x)));
      return `operator.${t.name}(${parts.join(', ')})`;
    });
  }
  method(MethodCaller, '__call__', async (s, a) => {
    const { items, name, kw } = spec.get(s as PyObject)!;
    return call(await getattr(a[0], name!), items, kw!.size ? kw! : null);
  });
  method(MethodCaller, '__repr__', async (s) => {
    const { items, name, kw } = spec.get(s as PyObject)!;
    const parts = [await repr(name!), ...(await Promise.all(items.map((x) => repr(x))))];
    for (const [k, v] of kw!) parts.push(`${k}=${await repr(v)}`);
    return `operator.methodcaller(${parts.join(', ')})`;
  });
  return { itemgetter: ItemGetter, attrgetter: AttrGetter, methodcaller: MethodCaller };
}

function operatorModule(): PyValue {
  const m: Record<string, PyValue> = {};
  const def = (name: string, f: (a: PyValue[]) => PyValue | Promise<PyValue>): void => {
    m[name] = fn(name, f, `operator.${name}`);
    if (!name.endsWith('_') && !name.startsWith('i')) m[`__${name}__`] = m[name];
  };
  for (const [name, op] of BIN) {
    def(name, (a) => (two(name, a), binop(op, a[0], a[1])));
    const iname = `i${name.replace(/_$/, '')}`;
    m[iname] = fn(iname, (a) => (two(iname, a), inplaceOp(op, a[0], a[1])), `operator.${iname}`);
  }
  def('concat', (a) => binop('Add', a[0], a[1]));
  def('eq', (a) => eq(a[0], a[1]));
  def('ne', (a) => ne(a[0], a[1]));
  for (const [name, op] of [['lt', 'Lt'], ['le', 'LtE'], ['gt', 'Gt'], ['ge', 'GtE']] as const) def(name, (a) => compare(op, a[0], a[1]));
  def('neg', (a) => unaryOp('USub', a[0]));
  def('pos', (a) => unaryOp('UAdd', a[0]));
  def('invert', (a) => unaryOp('Invert', a[0]));
  m.inv = m.invert;
  def('not_', async (a) => !(await truthy(a[0])));
  def('truth', async (a) => truthy(a[0]));
  def('is_', (a) => a[0] === a[1] || (typeof a[0] === 'object' && a[0] !== null && Object.is(a[0], a[1])));
  def('is_not', (a) => a[0] !== a[1]);
  def('abs', (a) => call(BUILTINS.get('abs')!, a));
  def('index', async (a) => {
    const v = a[0];
    if (typeof v === 'number' || typeof v === 'bigint') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const f = typeOf(v).lookup('__index__');
    if (f instanceof PyCallable) return call(f, [v]);
    throw typeError(`'${typeOf(v).name}' object cannot be interpreted as an integer`);
  });
  def('contains', (a) => contains(a[0], a[1]));
  def('countOf', async (a) => {
    let n = 0;
    const it = await call(BUILTINS.get('list')!, [a[0]]);
    for (const x of (it as { items: PyValue[] }).items) if (await truthy(await eq(x, a[1]))) n++;
    return n;
  });
  def('getitem', (a) => getitem(a[0], a[1]));
  def('setitem', async (a) => (await setitem(a[0], a[1], a[2]), null));
  def('delitem', async (a) => (await delitem(a[0], a[1]), null));
  def('length_hint', async (a) => {
    try {
      return await call(BUILTINS.get('len')!, [a[0]]);
    } catch (e) {
      if (e instanceof PyError && e.isInstanceOf('TypeError')) return a.length > 1 ? a[1] : 0;
      throw e;
    }
  });
  return makeModule('operator', { ...m, ...getters() });
}

registerModule('operator', operatorModule);
