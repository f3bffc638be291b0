// torch.distributions.Distribution (and ExponentialFamily), the native base every distribution
// here extends and a script's own Python subclass can extend too. It keeps PyTorch's state in the
// instance dict (`_batch_shape`, `_event_shape`, the parameters, `_validate_args` when given), so
// `d.__dict__`, `expand` and Python subclasses see what they see in PyTorch, and implements the
// base behaviour of torch/distributions/distribution.py: argument validation against
// `arg_constraints` with PyTorch's error texts, `_validate_sample`, `_extended_shape`, `sample`
// as `rsample` under no_grad, `stddev` from `variance`, `perplexity`, `sample_n`'s FutureWarning,
// the repr `Normal(loc: 0.0, scale: 1.0)` and `set_default_validate_args`. Lazy properties
// (Bernoulli's `probs` / `logits`) are computed on first read under enable_grad and stored in the
// instance dict, as utils.lazy_property does.

import { PyError } from '../../../../errors';
import { Tensor } from '../../../../tensor/tensor';
import { formatValue } from '../../../builtins/format';
import { repr, str } from '../../../builtins/repr';
import { truthyAsync } from '../../../builtins/truth';
import { eqBool } from '../../../builtins/compare';
import { inplaceOp } from '../../../builtins/ops';
import { importModule } from '../../../interp';
import { warn } from '../../../builtins/warnings';
import { PyBuiltinFunction, PyDict, PyObject, PyStaticMethod, PyTuple, MISSING, call, getattr, makeType, nativeProperty, setattr, typeOf, type PyType, type PyValue } from '../../../object';
import { binder } from '../../args';
import { isDependent } from './constraints';
import { type V, m, mul, neg, shapeOf, size, toSize, torch, withGrad } from './ops';

const MODULE = 'torch.distributions.distribution';
export const DistributionType = makeType('Distribution', [], MODULE);
export const ExponentialFamilyType = makeType('ExponentialFamily', [DistributionType], 'torch.distributions.exp_family');

/** `__debug__`: validation is on unless a script turns it off (reset at the start of every run). */
export function resetValidateArgsDefault(): void {
  DistributionType.dict!.set('_validate_args', true);
}
resetValidateArgsDefault();

// ---- lazy properties ------------------------------------------------------------------------------

type Getter = (self: PyObject) => Promise<V>;
const LAZY = new Map<PyType, Map<string, Getter>>();

/** Declare `@lazy_property def name(self)` on a class. */
export function lazyProperty(t: PyType, name: string, get: Getter): void {
  let l = LAZY.get(t);
  if (!l) LAZY.set(t, (l = new Map()));
  l.set(name, get);
}
function lazyOf(t: PyType, name: string): Getter | undefined {
  for (const b of t.mro) {
    const g = LAZY.get(b)?.get(name);
    if (g) return g;
    if (b.dict!.has(name)) return undefined;
  }
  return undefined;
}
DistributionType.slots.getattr = async (obj, name) => {
  const g = lazyOf(typeOf(obj), name);
  if (!g) return MISSING;
  const v = await withGrad(true, () => g(obj as PyObject));
  await setattr(obj, name, v);
  return v;
};

// ---- small accessors --------------------------------------------------------------------------------

export const own = (self: V): Map<string, PyValue> => (self as PyObject).dict!;
export const get = (self: V, name: string): Promise<V> => getattr(self, name);
export const set = (self: V, name: string, v: V): Promise<void> => setattr(self, name, v);
export const batchShape = (self: V): number[] => shapeOf(own(self).get('_batch_shape') ?? size([]));
export const eventShape = (self: V): number[] => shapeOf(own(self).get('_event_shape') ?? size([]));
export const validating = async (self: V): Promise<boolean> => truthyAsync(await get(self, '_validate_args'));

/** `sample_shape=torch.Size()`: the binders use None for the default. */
export const sampleShapeArg = async (v: V): Promise<PyTuple> => (v === null ? size([]) : toSize(v));

/** Distribution._extended_shape: sample_shape + batch_shape + event_shape. */
export async function extendedShape(self: V, sampleShape: V = null): Promise<PyTuple> {
  const s = await sampleShapeArg(sampleShape);
  return size([...shapeOf(s), ...batchShape(self), ...eventShape(self)]);
}

// ---- __init__ and validation -------------------------------------------------------------------------

/** Distribution.__init__(batch_shape, event_shape, validate_args). */
export async function distInit(self: V, batch: V, event: V, validateArgs: V): Promise<void> {
  const d = own(self);
  d.set('_batch_shape', batch);
  d.set('_event_shape', event);
  if (validateArgs !== null) d.set('_validate_args', validateArgs);
  if (!(await validating(self))) return;
  let constraints: V;
  try {
    constraints = await get(self, 'arg_constraints');
  } catch (e) {
    if (!(e instanceof PyError && e.isInstanceOf('NotImplementedError'))) throw e;
    constraints = new PyDict();
    await warn('UserWarning', `${await str(typeOf(self))} does not define \`arg_constraints\`. Please set \`arg_constraints = {}\` or initialize the distribution with \`validate_args=False\` to turn off validation.`);
  }
  for (const [param, constraint] of (constraints as PyDict).entries()) {
    if (isDependent(constraint)) continue;
    const name = param as string;
    if (!d.has(name) && lazyOf(typeOf(self), name)) continue;
    const value = await get(self, name);
    const valid = await call(await getattr(constraint, 'check'), [value]);
    if (!(await truthyAsync(await m(valid, 'all')))) {
      throw new PyError('ValueError',
        `Expected parameter ${name} (${typeOf(value).name} of shape ${await repr(new PyTuple(shapeOf(value)))}) ` +
        `of distribution ${await repr(self)} to satisfy the constraint ${await repr(constraint)}, but found invalid values:\n${await formatValue(value, "")}`);
    }
  }
}

/** Distribution._validate_sample(value), PyTorch's checks and texts. */
export async function validateSample(self: V, value: V): Promise<void> {
  if (!(value instanceof Tensor)) throw new PyError('ValueError', 'The value argument to log_prob must be a Tensor');
  const ev = eventShape(self);
  const actual = [...value.shape];
  const start = actual.length - ev.length;
  const tail = actual.slice(Math.max(start, 0));
  if (start < 0 || tail.length !== ev.length || tail.some((x, i) => x !== ev[i]))
    throw new PyError('ValueError', `The right-most size of value must match event_shape: ${await repr(size(actual))} vs ${await repr(size(ev))}.`);
  const expected = [...batchShape(self), ...ev];
  for (let k = 1; k <= Math.min(actual.length, expected.length); k++) {
    const i = actual[actual.length - k], j = expected[expected.length - k];
    if (i !== 1 && j !== 1 && i !== j)
      throw new PyError('ValueError', `Value is not broadcastable with batch_shape+event_shape: ${await repr(size(actual))} vs ${await repr(size(expected))}.`);
  }
  let support: V;
  try {
    support = await get(self, 'support');
  } catch (e) {
    if (!(e instanceof PyError && e.isInstanceOf('NotImplementedError'))) throw e;
    await warn('UserWarning', `${await str(typeOf(self))} does not define \`support\` to enable sample validation. Please initialize the distribution with \`validate_args=False\` to turn off validation.`);
    return;
  }
  const valid = await call(await getattr(support, 'check'), [value]);
  if (!(await truthyAsync(await m(valid, 'all'))))
    throw new PyError('ValueError',
      `Expected value argument (${typeOf(value).name} of shape ${await repr(new PyTuple(actual))}) to be within the support (${await repr(support)}) ` +
      `of the distribution ${await repr(self)}, but found invalid values:\n${await formatValue(value, "")}`);
}

/** `if self._validate_args: self._validate_sample(value)`. */
export async function maybeValidate(self: V, value: V): Promise<void> {
  if (await validating(self)) await validateSample(self, value);
}

/** Distribution._get_checked_instance(cls, _instance). */
export async function checkedInstance(self: V, cls: PyType, instance: V): Promise<PyObject> {
  const t = typeOf(self);
  if (instance === null && t.lookup('__init__') !== cls.lookup('__init__'))
    throw new PyError('NotImplementedError', `Subclass ${t.name} of ${cls.name} that defines a custom __init__ method must also define a custom .expand() method.`);
  return instance === null ? new PyObject(t) : (instance as PyObject);
}

/** The common tail of every `expand`: base __init__ without validation, then copy `_validate_args`. */
export async function finishExpand(self: V, inst: PyObject, batch: PyTuple, event: V = own(self).get('_event_shape') ?? size([])): Promise<PyObject> {
  await distInit(inst, batch, event, false);
  inst.dict!.set('_validate_args', await get(self, '_validate_args'));
  return inst;
}

// ---- the Python-visible class ------------------------------------------------------------------------

const D = DistributionType.dict!;
const def = (t: PyType, sig: string, fn: (self: V, a: V[], extra: Map<string, PyValue>) => V | Promise<V>): void => {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  t.dict!.set(name, new PyBuiltinFunction(name, async (a, kw) => {
    const b = bind(a, kw);
    return fn(b.values[0], b.values.slice(1), b.extra);
  }, `${t.name}.${name}`));
};
export { def as defineMethod };
const notImplemented = (): never => {
  throw new PyError('NotImplementedError', '');
};

D.set('has_rsample', false);
D.set('has_enumerate_support', false);
D.set('set_default_validate_args', new PyStaticMethod(new PyBuiltinFunction('set_default_validate_args', async (a) => {
  const v = a[0];
  if (!((await eqBool(v, true)) || (await eqBool(v, false)))) throw new PyError('ValueError', '');
  D.set('_validate_args', v);
  return null;
}, 'Distribution.set_default_validate_args')));

def(DistributionType, '__init__(self, batch_shape=None, event_shape=None, validate_args=None)', async (self, [b, e, v]) => {
  await distInit(self, b ?? size([]), e ?? size([]), v);
  return null;
});
def(DistributionType, 'expand(self, batch_shape, _instance=None)', notImplemented);
D.set('batch_shape', nativeProperty('batch_shape', (s) => own(s).get('_batch_shape') ?? null));
D.set('event_shape', nativeProperty('event_shape', (s) => own(s).get('_event_shape') ?? null));
for (const p of ['arg_constraints', 'support', 'mean', 'variance']) D.set(p, nativeProperty(p, notImplemented));
D.set('mode', nativeProperty('mode', async (s) => {
  throw new PyError('NotImplementedError', `${await str(typeOf(s))} does not implement mode`);
}));
D.set('stddev', nativeProperty('stddev', async (s) => m(await get(s, 'variance'), 'sqrt')));
def(DistributionType, 'sample(self, sample_shape=None)', (self, [s]) => withGrad(false, async () => m(self, 'rsample', [await sampleShapeArg(s)])));
def(DistributionType, 'rsample(self, sample_shape=None)', notImplemented);
def(DistributionType, 'sample_n(self, n)', async (self, [n]) => {
  await warn('FutureWarning', '`sample_n(n)` will be deprecated. Use `sample((n,))` instead.', 2);
  return m(self, 'sample', [size([Number(n)])]);
});
for (const name of ['log_prob(self, value)', 'cdf(self, value)', 'icdf(self, value)', 'enumerate_support(self, expand=True)', 'entropy(self)']) def(DistributionType, name, notImplemented);
def(DistributionType, 'perplexity(self)', async (self) => torch('exp', [await m(self, 'entropy')]));
def(DistributionType, '_extended_shape(self, sample_shape=None)', (self, [s]) => extendedShape(self, s));
def(DistributionType, '_validate_sample(self, value)', async (self, [v]) => (await validateSample(self, v), null));
def(DistributionType, '_get_checked_instance(self, cls, _instance=None)', (self, [cls, inst]) => checkedInstance(self, cls as PyType, inst));
def(DistributionType, '__repr__(self)', async (self) => {
  const d = own(self);
  const parts: string[] = [];
  for (const k of (await get(self, 'arg_constraints') as PyDict).keys()) {
    const v = d.get(k as string);
    if (v === undefined) continue;
    const shown = Number(await m(v, 'numel')) === 1 ? await formatValue(v, '') : await str(await m(v, 'size'));
    parts.push(`${k as string}: ${shown}`);
  }
  return `${typeOf(self).name}(${parts.join(', ')})`;
});

// ExponentialFamily.entropy: the Bregman divergence of the log normalizer, through autograd
// (`result = -carrier; result += lg; result -= (np * g).reshape(...).sum(-1)` — the last in place).
def(ExponentialFamilyType, 'entropy(self)', async (self) => {
  let result = await neg(await get(self, '_mean_carrier_measure'));
  const nat = (await get(self, '_natural_params')) as PyTuple;
  const nparams: V[] = [];
  for (const p of nat.items) nparams.push(await m(await m(p, 'detach'), 'requires_grad_'));
  const lg = await m(self, '_log_normalizer', nparams);
  const autograd = await getattr(importModule('torch'), 'autograd');
  const grads = (await call(await getattr(autograd, 'grad'), [await m(lg, 'sum'), new PyTuple(nparams)], new Map([['create_graph', true]]))) as PyTuple;
  result = await inplaceOp('Add', result, lg);
  for (let i = 0; i < nparams.length; i++) {
    const prod = await mul(nparams[i], grads.items[i]);
    result = await inplaceOp('Sub', result, await m(await m(prod, 'reshape', [size([...batchShape(self), -1])]), 'sum', [-1]));
  }
  return result;
});
for (const p of ['_natural_params', '_mean_carrier_measure']) ExponentialFamilyType.dict!.set(p, nativeProperty(p, notImplemented));
def(ExponentialFamilyType, '_log_normalizer(self, *natural_params)', notImplemented);
