// torch.optim.Optimizer, the native base every optimizer here extends (and a user's Python
// subclass can extend too: `super().__init__(params, defaults)` then its own `step`). It holds
// PyTorch's three attributes in the instance dict — `defaults` (a dict), `param_groups` (a list of
// the script's own dicts, edited in place by schedulers and scripts), `state` (a defaultdict keyed by
// parameter) — and implements add_param_group, zero_grad, state_dict / load_state_dict and the repr
// with PyTorch 2.6's texts and orders (torch/optim/optimizer.py). The update rules live in the
// per-optimizer files; `defineStep` runs one of them group by group with grad mode off, as
// `_use_grad_for_differentiable` does.

import { PyError } from '../../../../errors';
import { setGradEnabled } from '../../../../tensor/grad';
import { Tensor } from '../../../../tensor/tensor';
import { isFloating, legacyTypeName } from '../../../../tensor/dtype';
import { detach } from '../../../../tensor/ops/views';
import { toDevice, toDtype, zero_ } from '../../../../tensor/ops/copy';
import { str } from '../../../builtins/repr';
import { warn } from '../../../builtins/warnings';
import { deepCopy } from '../../../builtins/copy';
import { PyBuiltinFunction, PyDict, PyList, PyObject, PySet, PyTuple, call, makeType, typeOf, type PyType, type PyValue } from '../../../object';
import { binder } from '../../args';
import { truthy } from '../convert';
import { DefaultDictObject } from './defaultdict';

export const OptimizerType: PyType = makeType('Optimizer', [], 'torch.optim.optimizer');

/** An optimizer instance. Its Python-visible state is the instance dict; these getters read it
 * there each time, because a script (or load_state_dict) may replace the objects. */
export class OptimizerObject extends PyObject {
  get groups(): PyDict[] {
    const g = this.dict!.get('param_groups');
    return g instanceof PyList ? (g.items as PyDict[]) : [];
  }
  get defaults(): PyDict {
    return this.dict!.get('defaults') as PyDict;
  }
  /** `state[p]`, created empty when missing (defaultdict semantics). */
  stateOf(p: Tensor): PyDict {
    const s = this.dict!.get('state');
    if (s instanceof DefaultDictObject) return s.at(p);
    const d = s as PyDict;
    let v = d.get(p) as PyDict | undefined;
    if (v === undefined) d.set(p, (v = new PyDict()));
    return v;
  }
  get stateEntries(): [PyValue, PyValue][] {
    const s = this.dict!.get('state');
    return [...(s instanceof DefaultDictObject ? s.d : (s as PyDict)).entries()];
  }
}
OptimizerType.slots.create = (cls) => new OptimizerObject(cls, new Map());

/** torch.typename: `torch.FloatTensor` for a tensor, else the qualified class name. */
export function typename(v: PyValue): string {
  if (v instanceof Tensor) return legacyTypeName(v.dtype);
  const t = typeOf(v);
  return t.module === 'builtins' ? t.qualname : `${t.module}.${t.qualname}`;
}

async function list(v: PyValue): Promise<PyValue[]> {
  const l = await call((await import('../../../interp')).BUILTINS.get('list')!, [v]);
  return (l as PyList).items;
}

export async function addParamGroup(o: OptimizerObject, group: PyDict): Promise<void> {
  const params = group.get('params');
  if (params === undefined) throw new PyError('KeyError', "'params'");
  let items: PyValue[];
  if (params instanceof Tensor) items = [params];
  else if (params instanceof PySet)
    throw new PyError('TypeError', 'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.');
  else items = await list(params);
  // named parameters: (name, tensor) pairs give the group a `param_names` list
  const names: PyValue[] = [];
  const tensors: PyValue[] = [];
  for (const p of items) {
    if (p instanceof PyTuple && p.cls === null) {
      names.push(p.items[0]);
      tensors.push(p.items[1]);
    } else tensors.push(p);
  }
  group.set('params', new PyList(tensors));
  if (names.length !== 0) {
    if (names.length !== tensors.length) throw new PyError('ValueError', 'all optimizer params should be with/without names. Some param names are missing');
    group.set('param_names', new PyList(names));
  }
  const differentiable = truthy(o.defaults.get('differentiable') ?? null);
  for (const p of tensors) {
    if (!(p instanceof Tensor)) throw new PyError('TypeError', `optimizer can only optimize Tensors, but one of the params is ${typename(p)}`);
    if (!differentiable && !(p.isLeaf || p.retainsGrad)) throw new PyError('ValueError', "can't optimize a non-leaf Tensor");
  }
  for (const [k, v] of o.defaults.entries()) if (!group.has(k)) group.set(k, v);
  if (new Set(tensors).size !== tensors.length)
    await warn(
      'UserWarning',
      'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information',
      3,
    );
  const seen = new Set<PyValue>();
  for (const g of o.groups) {
    for (const p of (g.get('params') as PyList).items) seen.add(p);
    if (group.has('param_names') !== g.has('param_names'))
      throw new PyError(
        'ValueError',
        `all optimizer param groups should be with/without names. cannot add param group ${group.has('param_names') ? 'with names' : 'without names'} to the optimizer`,
      );
  }
  if (tensors.some((p) => seen.has(p))) throw new PyError('ValueError', 'some parameters appear in more than one parameter group');
  o.groups.push(group);
}

/** Optimizer.__init__(params, defaults): the base constructor (PyTorch's order of checks). */
export async function initOptimizer(o: OptimizerObject, params: PyValue, defaults: PyDict): Promise<void> {
  const d = o.dict!;
  d.set('defaults', defaults);
  if (params instanceof Tensor)
    throw new PyError('TypeError', `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typename(params)}`);
  d.set('state', new DefaultDictObject());
  d.set('param_groups', new PyList());
  let groups = await list(params);
  if (groups.length === 0) throw new PyError('ValueError', 'optimizer got an empty parameter list');
  if (!(groups[0] instanceof PyDict)) groups = [PyDict.fromEntries([['params', new PyList(groups)]])];
  for (const g of groups) await addParamGroup(o, g as PyDict);
}

/** The parameters of a group that have a gradient, in order (PyTorch's `_init_group` filter). */
export function paramsWithGrad(g: PyDict): Tensor[] {
  return ((g.get('params') as PyList).items as Tensor[]).filter((p) => p.grad !== null);
}

/** Give a native optimizer class its `step(closure=None)`: the closure runs with grad enabled,
 * then `update` runs on every group with grad mode = defaults['differentiable'] (off normally). */
export function defineStep(t: PyType, update: (o: OptimizerObject, group: PyDict) => void): void {
  const bind = binder('step(self, closure=None)');
  t.dict!.set('step', new PyBuiltinFunction('step', async (a, kw) => {
    const [self, closure] = bind(a, kw).values;
    const o = self as OptimizerObject;
    let loss: PyValue = null;
    if (closure !== null) {
      const prev = setGradEnabled(true);
      try {
        loss = await call(closure, []);
      } finally {
        setGradEnabled(prev);
      }
    }
    const prev = setGradEnabled(truthy(o.defaults.get('differentiable') ?? false));
    try {
      for (const g of o.groups) update(o, g);
    } finally {
      setGradEnabled(prev);
    }
    return loss;
  }, `${t.name}.step`));
}

const def = (name: string, fn: (a: PyValue[], kw: Map<string, PyValue> | null) => PyValue | Promise<PyValue>): void => {
  OptimizerType.dict!.set(name, new PyBuiltinFunction(name, fn, `Optimizer.${name}`));
};

const bindInit = binder('__init__(self, params, defaults)');
def('__init__', async (a, kw) => {
  const [self, params, defaults] = bindInit(a, kw).values;
  await initOptimizer(self as OptimizerObject, params, defaults as PyDict);
  return null;
});

def('step', () => {
  throw new PyError('NotImplementedError', '');
});

const bindZero = binder('zero_grad(self, set_to_none=True)');
def('zero_grad', (a, kw) => {
  const [self, setToNone] = bindZero(a, kw).values;
  for (const g of (self as OptimizerObject).groups)
    for (const p of (g.get('params') as PyList).items as Tensor[]) {
      if (p.grad === null) continue;
      if (truthy(setToNone)) p.grad = null;
      else {
        if (p.grad.gradFn !== null) p.grad = detach(p.grad);
        else p.grad.requiresGrad = false;
        zero_(p.grad);
      }
    }
  return null;
});

def('add_param_group', async (a) => {
  const g = a[1];
  if (!(g instanceof PyDict)) throw new PyError('TypeError', `param_group must be a dict, but got ${await str(typeOf(g))}`);
  await addParamGroup(a[0] as OptimizerObject, g);
  return null;
});

def('__repr__', async (a) => {
  const o = a[0] as OptimizerObject;
  let s = `${o.cls.name} (`;
  for (let i = 0; i < o.groups.length; i++) {
    const g = o.groups[i];
    s += `\nParameter Group ${i}\n`;
    const keys = ([...g.keys()] as string[]).filter((k) => k !== 'params').sort();
    for (const k of keys) s += `    ${k}: ${await str(g.get(k)!)}\n`;
  }
  return s + ')';
});

def('state_dict', (a) => {
  const o = a[0] as OptimizerObject;
  const ids = new Map<PyValue, number>();
  let start = 0;
  const groups = o.groups.map((g) => {
    const out = PyDict.fromEntries([...g.entries()].filter(([k]) => k !== 'params'));
    const ps = (g.get('params') as PyList).items;
    ps.forEach((p, i) => {
      if (!ids.has(p)) ids.set(p, start + i);
    });
    out.set('params', new PyList(ps.map((p) => ids.get(p)!)));
    start += ps.length;
    return out;
  });
  const state = PyDict.fromEntries(o.stateEntries.map(([p, s]) => [p instanceof Tensor ? (ids.get(p) ?? -1) : p, s] as const));
  return PyDict.fromEntries([['state', state], ['param_groups', new PyList(groups)]]);
});

/** load_state_dict's `_cast`: tensors follow the parameter's dtype/device (the same tensor when
 * they already match), except `step`; dicts and sequences are rebuilt. */
function castState(param: Tensor, v: PyValue, key: PyValue): PyValue {
  if (v instanceof Tensor) {
    if (key === 'step') return v;
    return isFloating(param.dtype) ? toDevice(toDtype(v, param.dtype), param.device) : toDevice(v, param.device);
  }
  if (v instanceof PyDict) return PyDict.fromEntries([...v.entries()].map(([k, x]) => [k, castState(param, x, k)] as const));
  if (v instanceof PyList) return new PyList(v.items.map((x) => castState(param, x, null)));
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => castState(param, x, null)), v.cls);
  return v;
}

/** Per-class fix-ups after a load (the subclasses' `__setstate__`: missing group defaults). */
export const setStateDefaults = new Map<PyType, [string, PyValue][]>();

def('load_state_dict', async (a) => {
  const o = a[0] as OptimizerObject;
  const sd = a[1];
  if (!(sd instanceof PyDict)) throw new PyError('TypeError', `'${typeOf(sd).name}' object is not subscriptable`);
  const savedIn = sd.get('param_groups');
  if (savedIn === undefined) throw new PyError('KeyError', "'param_groups'");
  const saved = (await list(await deepCopy(savedIn))) as PyDict[];
  const groups = o.groups;
  if (groups.length !== saved.length) throw new PyError('ValueError', 'loaded state dict has a different number of parameter groups');
  const lens = (g: PyDict): number => (g.get('params') as PyList).items.length;
  if (groups.some((g, i) => lens(g) !== lens(saved[i])))
    throw new PyError('ValueError', "loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
  const idMap = new PyDict();
  saved.forEach((g, i) => (g.get('params') as PyList).items.forEach((id, j) => idMap.set(id, (groups[i].get('params') as PyList).items[j])));
  const state = new DefaultDictObject();
  const savedState = sd.get('state');
  if (savedState === undefined) throw new PyError('KeyError', "'state'");
  for (const [k, v] of (savedState as PyDict).entries()) {
    const p = idMap.get(k);
    if (p !== undefined) state.d.set(p, castState(p as Tensor, v, null));
    else state.d.set(k, v);
  }
  const newGroups = saved.map((ng, i) => {
    ng.set('params', groups[i].get('params')!);
    if (groups[i].has('param_names') && !ng.has('param_names')) ng.set('param_names', groups[i].get('param_names')!);
    return ng;
  });
  o.dict!.set('state', state);
  o.dict!.set('param_groups', new PyList(newGroups));
  o.defaults.has('differentiable') || o.defaults.set('differentiable', false);
  for (const t of o.cls.mro) {
    const fill = setStateDefaults.get(t);
    if (fill) for (const g of newGroups) for (const [k, v] of fill) if (!g.has(k)) g.set(k, v);
  }
  return null;
});
