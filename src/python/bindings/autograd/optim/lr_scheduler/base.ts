// torch.optim.lr_scheduler.LRScheduler, natively: the base every scheduler here extends and a
// script's own `class MyLR(LRScheduler)` can extend too. As in PyTorch every piece of scheduler
// state is an instance attribute (state_dict() is the instance __dict__ minus `optimizer`, in
// insertion order), `step()` calls `self.get_lr()` through attribute lookup (so an override runs),
// and the optimizer's `step` is wrapped per instance to notice "scheduler stepped before the
// optimizer" — PyTorch's warning texts, word for word (torch/optim/lr_scheduler.py, 2.6).

import { PyError } from '../../../../../errors';
import { Tensor } from '../../../../../tensor/tensor';
import { fill_ } from '../../../../../tensor/ops/copy';
import { clone } from '../../../../../tensor/ops/copy';
import { warn } from '../../../../builtins/warnings';
import { PyBuiltinFunction, PyDict, PyList, PyObject, PyTuple, call, callMethod, getattr, hasattr, isinstance, makeType, typeOf, type KwArgs, type PyType, type PyValue } from '../../../../object';
import { binder } from '../../../args';
import { num } from '../../convert';
import { OptimizerObject, OptimizerType } from '../optimizer';
import { add } from './pynum';

export const LRSchedulerType: PyType = makeType('LRScheduler', [], 'torch.optim.lr_scheduler');
LRSchedulerType.dict!.set('_get_lr_called_within_step', false);

export const EPOCH_DEPRECATION_WARNING =
  'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.';

/** Instance attribute (the scheduler's state lives in its __dict__). */
export function attr(self: PyValue, name: string): PyValue {
  const d = (self as PyObject).dict!;
  if (d.has(name)) return d.get(name)!;
  const c = typeOf(self).lookup(name);
  if (c !== undefined) return c;
  throw new PyError('AttributeError', `'${typeOf(self).name}' object has no attribute '${name}'`);
}
export const setAttr = (self: PyValue, name: string, v: PyValue): void => void (self as PyObject).dict!.set(name, v);
export const intAttr = (self: PyValue, name: string): number => num(attr(self, name));

export function optimizerOf(self: PyValue): OptimizerObject {
  return attr(self, 'optimizer') as OptimizerObject;
}
export const groupsOf = (self: PyValue): PyDict[] => optimizerOf(self).groups;
export const lrsOf = (self: PyValue): PyValue[] => groupsOf(self).map((g) => g.get('lr')!);

export function checkOptimizer(o: PyValue): void {
  if (!isinstance(o, OptimizerType)) throw new PyError('TypeError', `${typeOf(o).name} is not an Optimizer`);
}

/** `_check_verbose_deprecated_warning`. */
export async function checkVerbose(verbose: PyValue): Promise<PyValue> {
  if (verbose !== 'deprecated') {
    await warn('UserWarning', 'The verbose parameter is deprecated. Please use get_last_lr() to access the learning rate.');
    return verbose;
  }
  return false;
}

/** `_warn_get_lr_called_within_step`: get_lr() called by the script, not by step(). */
export async function warnGetLr(self: PyValue): Promise<void> {
  if (attr(self, '_get_lr_called_within_step') !== true)
    await warn('UserWarning', 'To get the last learning rate computed by the scheduler, please use `get_last_lr()`.', 2);
}

/** The optimizer's `step`, wrapped per instance so it records `_opt_called` (PyTorch's
 * `patch_track_step_called`); the marker is the class. */
class WrappedStep extends PyBuiltinFunction {}

async function patchStep(opt: PyValue): Promise<void> {
  const step = await getattr(opt, 'step');
  if (step instanceof WrappedStep) return;
  const o = opt as PyObject;
  o.dict!.set('step', new WrappedStep('step', (a, kw) => {
    o.dict!.set('_opt_called', true);
    return call(step, a, kw);
  }, `${o.cls.name}.step`));
}

/** LRScheduler.__init__(optimizer, last_epoch=-1, verbose="deprecated"). */
export async function baseInit(self: PyValue, optimizer: PyValue, lastEpoch: PyValue, verbose: PyValue): Promise<void> {
  checkOptimizer(optimizer);
  setAttr(self, 'optimizer', optimizer);
  const groups = (optimizer as OptimizerObject).groups;
  if (num(lastEpoch) === -1) {
    for (const g of groups) {
      let initial = g.get('lr')!;
      if (initial instanceof Tensor) initial = clone(initial);
      if (!g.has('initial_lr')) g.set('initial_lr', initial);
    }
  } else {
    groups.forEach((g, i) => {
      if (!g.has('initial_lr')) throw new PyError('KeyError', `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
    });
  }
  setAttr(self, 'base_lrs', new PyList(groups.map((g) => g.get('initial_lr')!)));
  setAttr(self, 'last_epoch', lastEpoch);
  await patchStep(optimizer);
  setAttr(self, 'verbose', await checkVerbose(verbose));
  await callMethod(self, '_initial_step', []);
}

async function listOf(v: PyValue): Promise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  const l = await call((await import('../../../../interp')).BUILTINS.get('list')!, [v]);
  return (l as PyList).items;
}

/** Write new lrs into the groups (a tensor lr is filled in place) and record `_last_lr`. */
export function applyLrs(self: PyValue, values: PyValue[]): void {
  const groups = groupsOf(self);
  for (let i = 0; i < Math.min(groups.length, values.length); i++) {
    const cur = groups[i].get('lr');
    if (cur instanceof Tensor) fill_(cur, num(values[i]));
    else groups[i].set('lr', values[i]);
  }
  setAttr(self, '_last_lr', new PyList(lrsOf(self)));
}

/** Run `f` with `_get_lr_called_within_step` set (PyTorch's `_enable_get_lr_call`). */
export async function withinStep<T>(self: PyValue, f: () => Promise<T>): Promise<T> {
  setAttr(self, '_get_lr_called_within_step', true);
  try {
    return await f();
  } finally {
    setAttr(self, '_get_lr_called_within_step', false);
  }
}

const STEP_BEFORE_OPT =
  'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate';
const STEP_OVERRIDDEN =
  'Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate';

/** LRScheduler.step(epoch=None). */
async function baseStep(self: PyValue, epoch: PyValue): Promise<void> {
  if (attr(self, '_step_count') === 1) {
    const opt = optimizerOf(self);
    if (!((await getattr(opt, 'step')) instanceof WrappedStep)) await warn('UserWarning', STEP_OVERRIDDEN);
    else if (opt.dict!.get('_opt_called') !== true) await warn('UserWarning', STEP_BEFORE_OPT);
  }
  setAttr(self, '_step_count', await add(attr(self, '_step_count'), 1));
  const values = await withinStep(self, async () => {
    if (epoch === null) {
      setAttr(self, 'last_epoch', await add(attr(self, 'last_epoch'), 1));
      return callMethod(self, 'get_lr', []);
    }
    await warn('UserWarning', EPOCH_DEPRECATION_WARNING);
    setAttr(self, 'last_epoch', epoch);
    if (await hasattr(self, '_get_closed_form_lr')) return callMethod(self, '_get_closed_form_lr', []);
    return callMethod(self, 'get_lr', []);
  });
  applyLrs(self, await listOf(values));
}

type Method = (self: PyValue, args: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>;

/** Define a native method on a scheduler type. */
export function method(t: PyType, name: string, f: Method): void {
  t.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => f(a[0], a.slice(1), kw), `${t.name}.${name}`));
}

/** `self.__dict__` minus the given keys, in insertion order (the schedulers' state_dict). */
export function dictWithout(self: PyValue, skip: string[]): PyDict {
  return PyDict.fromEntries([...(self as PyObject).dict!.entries()].filter(([k]) => !skip.includes(k)));
}

/** `self.__dict__.update(state_dict)`. */
export function updateDict(self: PyValue, sd: PyValue): void {
  if (!(sd instanceof PyDict)) throw new PyError('TypeError', `'${typeOf(sd).name}' object is not iterable`);
  for (const [k, v] of sd.entries()) setAttr(self, String(k), v);
}

const bindInit = binder('LRScheduler.__init__(self, optimizer, last_epoch=-1, verbose="deprecated")');
method(LRSchedulerType, '__init__', async (self, a, kw) => {
  const [, optimizer, lastEpoch, verbose] = bindInit([self, ...a], kw).values;
  await baseInit(self, optimizer, lastEpoch, verbose);
  return null;
});
method(LRSchedulerType, '_initial_step', async (self) => {
  setAttr(self, '_step_count', 0);
  await callMethod(self, 'step', []);
  return null;
});
const bindStep = binder('step(self, epoch=None)');
method(LRSchedulerType, 'step', async (self, a, kw) => {
  await baseStep(self, bindStep([self, ...a], kw).values[1]);
  return null;
});
method(LRSchedulerType, 'get_last_lr', (self) => attr(self, '_last_lr'));
method(LRSchedulerType, 'get_lr', () => {
  throw new PyError('NotImplementedError', '');
});
method(LRSchedulerType, 'state_dict', (self) => dictWithout(self, ['optimizer']));
method(LRSchedulerType, 'load_state_dict', (self, [sd]) => (updateDict(self, sd), null));
LRSchedulerType.slots.create = (cls) => new PyObject(cls, new Map());

/** A scheduler class on the LRScheduler base. */
export function schedulerType(name: string, base: PyType = LRSchedulerType): PyType {
  return makeType(name, [base], 'torch.optim.lr_scheduler');
}

/** `_format_param(name, optimizer, param)`: one value per group (tensors cloned). */
export function formatParam(name: string, opt: OptimizerObject, param: PyValue): PyValue[] {
  const n = opt.groups.length;
  let items: PyValue[];
  if (param instanceof PyList || param instanceof PyTuple) {
    if (param.items.length !== n)
      throw new PyError('ValueError', `${name} must have the same length as optimizer.param_groups. ${name} has ${param.items.length} values, param_groups has ${n}.`);
    items = [...param.items];
  } else items = new Array(n).fill(param);
  return items.map((v) => (v instanceof Tensor ? clone(v) : v));
}

/** Define `__init__` from a signature: `pre` sets the class's own attributes, then the base init. */
export function init(t: PyType, sig: string, pre: (self: PyValue, v: Map<string, PyValue>) => void | Promise<void>): void {
  const bind = binder(`${t.name}.__init__${sig}`);
  const names = sig.slice(1, -1).split(',').map((p) => p.trim().split('=')[0]).filter((p) => p !== '*');
  method(t, '__init__', async (self, a, kw) => {
    const values = bind([self, ...a], kw).values;
    const v = new Map(names.map((n, i) => [n, values[i]]));
    await pre(self, v);
    await baseInit(self, v.get('optimizer')!, v.get('last_epoch')!, v.get('verbose')!);
    return null;
  });
}

