// `typing.NamedTuple`, class syntax (`class Out(NamedTuple): logits: Tensor; loss: ... = None`)
// and the functional form (`NamedTuple('P', [('x', int)])`). Instances are PyTuples whose `cls` is
// the user's class, like collections.namedtuple's. CPython builds the tuple class when the class
// statement runs (a metaclass); this interpreter calls no metaclass at class creation, so the
// fields are worked out the first time the class is used — instantiated, or asked for `_fields` /
// `_field_defaults` (served by the metaclass) — from the class's annotations (annotations.ts).

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, Builtins, PyClassMethod, PyDict, PyTuple, PyType, TypeType, nativeProperty, typeOf,
} from '../object';
import { repr } from '../builtins/repr';
import { toArray } from '../builtins/iter';
import { bindArgs, parseSignature, type Signature } from '../bindings/args';
import { ownAnnotations } from './annotations';
import { fn, method, typeError } from './native';

interface Layout {
  fields: string[];
  defaults: Map<string, PyValue>;
  sig: Signature;
}
const layouts = new WeakMap<PyType, Layout>();

export const NamedTupleMeta = new PyType('NamedTupleMeta', [TypeType], new Map(), 'typing');
export const NamedTupleType = new PyType('NamedTuple', [Builtins.tuple], new Map(), 'typing', 'NamedTuple', NamedTupleMeta);

/** The user's class (the subclass of NamedTuple that instances belong to). */
function tupleClass(cls: PyType): PyType {
  const own = cls.mro.find((t) => t.bases.includes(NamedTupleType));
  if (!own) throw typeError('NamedTuple: not a NamedTuple class');
  return own;
}

function makeLayout(cls: PyType, fields: string[], defaults: Map<string, PyValue>): Layout {
  const parsed = parseSignature(`${cls.name}.__new__(_cls${fields.map((f) => `, ${f}`).join('')})`);
  const sig: Signature = {
    ...parsed,
    params: parsed.params.map((p) => (defaults.has(p.name) ? { ...p, hasDefault: true, dflt: defaults.get(p.name)! } : p)),
  };
  // Field access by name: a property per field, replacing the default the class body stored.
  fields.forEach((f, i) => cls.dict!.set(f, nativeProperty(f, (s) => (s as PyTuple).items[i])));
  cls.dict!.set('_fields', new PyTuple(fields));
  cls.dict!.set('_field_defaults', PyDict.fromEntries(defaults.entries()));
  const lay = { fields, defaults, sig };
  layouts.set(cls, lay);
  return lay;
}

function layout(cls0: PyType): Layout {
  const cls = tupleClass(cls0);
  const known = layouts.get(cls);
  if (known) return known;
  const fields: string[] = [];
  const defaults = new Map<string, PyValue>();
  for (const a of ownAnnotations(cls)) {
    if (a.name.startsWith('_')) throw new PyError('AttributeError', `Cannot overwrite NamedTuple attribute ${a.name}`);
    if (a.hasValue) defaults.set(a.name, cls.dict!.get(a.name) ?? null);
    else if (defaults.size) {
      const prev = [...defaults.keys()];
      throw typeError(`Non-default namedtuple field ${a.name} cannot follow default field${prev.length > 1 ? 's' : ''} ${prev.join(', ')}`);
    }
    fields.push(a.name);
  }
  return makeLayout(cls, fields, defaults);
}

NamedTupleType.slots.create = async (cls: PyType, a: PyValue[], kw: KwArgs) => {
  if (cls === NamedTupleType) return functional(a, kw);
  const lay = layout(cls);
  return new PyTuple(bindArgs(lay.sig, [cls, ...a], kw).values.slice(1), cls);
};

/** `NamedTuple('P', [('x', int), ('y', float)])` or `NamedTuple('P', x=int)`. */
async function functional(a: PyValue[], kw: KwArgs): Promise<PyType> {
  const name = a[0];
  if (typeof name !== 'string') throw typeError("NamedTuple.__new__() missing required argument 'typename'");
  const pairs = a.length > 1 && a[1] !== null ? await toArray(a[1]) : [];
  const fields: string[] = [];
  for (const p of pairs) {
    const items = await toArray(p);
    fields.push(String(items[0]));
  }
  for (const k of kw?.keys() ?? []) fields.push(k);
  const cls = new PyType(name, [NamedTupleType], new Map([['__module__', '__main__']]), '__main__', name, NamedTupleMeta);
  makeLayout(cls, fields, new Map());
  return cls;
}

const d = NamedTupleType.dict!;
d.set('__init__', fn('__init__', () => null, 'NamedTuple.__init__'));
method(NamedTupleType, '__repr__', async (s) => {
  const t = s as PyTuple;
  const lay = layout(typeOf(t));
  const parts: string[] = [];
  for (let i = 0; i < lay.fields.length; i++) parts.push(`${lay.fields[i]}=${await repr(t.items[i])}`);
  return `${typeOf(t).name}(${parts.join(', ')})`;
});
method(NamedTupleType, '_asdict', (s) => {
  const t = s as PyTuple;
  return PyDict.fromEntries(layout(typeOf(t)).fields.map((f, i) => [f, t.items[i]]));
});
method(NamedTupleType, '_replace', (s, _a, kw) => {
  const t = s as PyTuple;
  const fields = layout(typeOf(t)).fields;
  const items = t.items.slice();
  const bad: string[] = [];
  for (const [k, v] of kw ?? []) {
    const i = fields.indexOf(k);
    if (i < 0) bad.push(`'${k}'`);
    else items[i] = v;
  }
  if (bad.length) throw new PyError('ValueError', `Got unexpected field names: [${bad.join(', ')}]`);
  return new PyTuple(items, t.cls);
});
d.set('_make', new PyClassMethod(fn('_make', async (a) => {
  const cls = a[0] as PyType;
  const items = await toArray(a[1]);
  const n = layout(cls).fields.length;
  if (items.length !== n) throw typeError(`Expected ${n} arguments, got ${items.length}`);
  return new PyTuple(items, cls);
}, 'NamedTuple._make')));

const md = NamedTupleMeta.dict!;
md.set('_fields', nativeProperty('_fields', (c) => new PyTuple(layout(c as PyType).fields)));
md.set('_field_defaults', nativeProperty('_field_defaults', (c) => PyDict.fromEntries(layout(c as PyType).defaults.entries())));
