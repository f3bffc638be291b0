// The builtins that hand out namespaces: `obj.__dict__` (get and set), vars(), dir(), globals()
// and locals(). An object's attributes and a module's globals come back as live dicts over the
// interpreter's own name maps (../namespace.ts): writing `vars(a)['x']` sets `a.x`, writing
// `globals()['n']` defines `n`. locals() is live at module level (it *is* globals()) and in a
// class body; inside a function it is a fresh snapshot per call, as in CPython 3.13 (PEP 667).
// A class's `vars()` stays a snapshot (CPython gives a read-only mappingproxy). Part of the
// builtins directory (functions.ts); interp/ installs frameHooks.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, ObjectType, PyBuiltinFunction, PyDict, PyList, PyObject, PyType, instanceDict,
  nativeProperty, typeOf,
} from '../object';
import { type PartialView, namesOver, namespaceDict } from '../namespace';
import { BUILTINS } from '../interp/builtinsTable';
import { noKw } from './args';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  BUILTINS.set(name, new PyBuiltinFunction(name, f));
};

/** The innermost Python frame's names; set by interp/. `live` is false for a function frame,
 * whose fast locals are copied into a new map. */
export const frameHooks: {
  locals: () => { names: Map<string, PyValue>; live: boolean };
  globals: () => Map<string, PyValue>;
} = {
  locals: () => ({ names: new Map(), live: false }),
  globals: () => new Map(),
};

/**
 * The keys PyTorch 2.6's Module.__init__ puts in `__dict__` that nn/ keeps in TS fields instead
 * (hooks by id): a Module's `__dict__` is partial without them. The list is checked against the
 * oracle (fixtures/namespaces.py: `list(nn.Linear(2, 3).__dict__)`).
 */
export const MODULE_HOOK_KEYS: readonly string[] = [
  '_backward_pre_hooks', '_backward_hooks', '_is_full_backward_hook', '_forward_hooks',
  '_forward_hooks_with_kwargs', '_forward_hooks_always_called', '_forward_pre_hooks',
  '_forward_pre_hooks_with_kwargs', '_state_dict_hooks', '_state_dict_pre_hooks',
  '_load_state_dict_pre_hooks', '_load_state_dict_post_hooks',
];

/** nn.Module instances, recognised by their base type (python/ does not import nn/). */
function isNnModule(v: PyValue): boolean {
  return v instanceof PyObject && v.cls.mro.some((t) => t.name === 'Module' && t.module === 'torch.nn.modules.module');
}

/** The live `__dict__` of an instance (null when it has none). */
function instanceNamespace(v: PyValue): PyDict | null {
  const d = instanceDict(v);
  if (d === null) return null;
  const partial: PartialView | null = isNnModule(v) ? { missing: MODULE_HOOK_KEYS, what: `the ${typeOf(v).name} module's __dict__` } : null;
  return namespaceDict(d, partial);
}

/** A PyDict snapshot of a name map (a class's vars(), a function's locals()). */
function snapshot(d: Map<string, PyValue>): PyDict {
  const out = new PyDict();
  for (const [k, v] of d) out.set(k, v);
  return out;
}

function localsDict(): PyDict {
  const { names, live } = frameHooks.locals();
  return live ? namespaceDict(names) : snapshot(names);
}

ObjectType.dict!.set('__dict__', nativeProperty(
  '__dict__',
  (v) => {
    if (v instanceof PyType) return snapshot(v.dict!);
    const d = instanceNamespace(v);
    if (d === null) throw new PyError('AttributeError', `'${typeOf(v).name}' object has no attribute '__dict__'`);
    return d;
  },
  (v, d) => {
    if (!(d instanceof PyDict) || d.cls !== null) throw new PyError('TypeError', `__dict__ must be set to a dictionary, not a '${typeOf(d).name}'`);
    const o = v instanceof PyObject && !(v instanceof PyType) && !isNnModule(v) ? v : null;
    if (o === null || o.dict === null) {
      throw new PyError('NotImplementedError', `assigning __dict__ of a '${typeOf(v).name}' object is not supported here`);
    }
    o.dict = namesOver(d);
  },
));

fn('vars', (a, kw) => {
  noKw('vars', kw);
  if (a.length > 1) throw new PyError('TypeError', `vars expected at most 1 argument, got ${a.length}`);
  if (a.length === 0) return localsDict();
  if (a[0] instanceof PyType) return snapshot(a[0].dict!);
  const d = instanceNamespace(a[0]);
  if (d === null) throw new PyError('TypeError', 'vars() argument must have __dict__ attribute');
  return d;
});
fn('locals', (a, kw) => {
  noKw('locals', kw);
  if (a.length > 0) throw new PyError('TypeError', `locals() takes no arguments (${a.length} given)`);
  return localsDict();
});
fn('globals', (a, kw) => {
  noKw('globals', kw);
  if (a.length > 0) throw new PyError('TypeError', `globals() takes no arguments (${a.length} given)`);
  return namespaceDict(frameHooks.globals());
});
fn('dir', async (a) => {
  const names = new Set<string>();
  if (a.length === 0) return new PyList([...frameHooks.locals().names.keys()].sort());
  const v = a[0];
  const d = instanceDict(v);
  if (d) for (const k of d.keys()) names.add(k);
  const t = v instanceof PyType ? v : typeOf(v);
  for (const c of t.mro) for (const k of c.dict!.keys()) names.add(k);
  return new PyList([...names].sort());
});
