// The multiplicative-factor schedulers: LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR,
// LinearLR, ExponentialLR and PolynomialLR. Each sets its attributes in PyTorch's order (state_dict
// shows it), then runs the base constructor, whose initial step() applies epoch 0. get_lr() is the
// chainable form (from the groups' current lrs), _get_closed_form_lr() the one `step(epoch)` uses;
// the arithmetic is CPython's, operand order included (pynum.ts).

import { PyError } from '../../../../../errors';
import { PyDict, PyList, PyTuple, call, type PyValue } from '../../../../object';
import { num } from '../../convert';
import { attr, dictWithout, init, groupsOf, intAttr, method, schedulerType, setAttr, updateDict, warnGetLr } from './base';
import { F, add, div, ifloordiv, imod, mul, pow, sub } from './pynum';

const list = (xs: PyValue[]): PyList => new PyList(xs);

// ---- LambdaLR / MultiplicativeLR ---------------------------------------------------------------

function lambdas(self: PyValue, v: Map<string, PyValue>): void {
  const opt = v.get('optimizer')!;
  setAttr(self, 'optimizer', opt);
  const n = groupsOf(self).length;
  const f = v.get('lr_lambda')!;
  if (f instanceof PyList || f instanceof PyTuple) {
    if (f.items.length !== n) throw new PyError('ValueError', `Expected ${n} lr_lambdas, but got ${f.items.length}`);
    setAttr(self, 'lr_lambdas', list([...f.items]));
  } else setAttr(self, 'lr_lambdas', list(new Array(n).fill(f)));
}

async function lambdaStateDict(self: PyValue): Promise<PyDict> {
  const sd = dictWithout(self, ['optimizer', 'lr_lambdas']);
  const { PyFunction } = await import('../../../../interp/function');
  const fns = (attr(self, 'lr_lambdas') as PyList).items;
  // plain functions are not saved; a callable object's __dict__ is
  sd.set('lr_lambdas', list(fns.map((fn) => (fn instanceof PyFunction ? null : PyDict.fromEntries([...((fn as { dict: Map<string, PyValue> | null }).dict ?? new Map()).entries()])))));
  return sd;
}

async function lambdaLoad(self: PyValue, sd: PyValue): Promise<void> {
  const d = sd as PyDict;
  const saved = d.get('lr_lambdas');
  d.delete('lr_lambdas');
  updateDict(self, d);
  if (saved !== undefined) d.set('lr_lambdas', saved);
  const fns = (attr(self, 'lr_lambdas') as PyList).items;
  ((saved as PyList | undefined)?.items ?? []).forEach((s, i) => {
    if (s instanceof PyDict) for (const [k, val] of s.entries()) (fns[i] as { dict: Map<string, PyValue> }).dict.set(String(k), val);
  });
}

export const LambdaLRType = schedulerType('LambdaLR');
init(LambdaLRType, '(self, optimizer, lr_lambda, last_epoch=-1, verbose="deprecated")', lambdas);
method(LambdaLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const fns = (attr(self, 'lr_lambdas') as PyList).items;
  const bases = (attr(self, 'base_lrs') as PyList).items;
  const out: PyValue[] = [];
  for (let i = 0; i < Math.min(fns.length, bases.length); i++) out.push(await mul(bases[i], await call(fns[i], [attr(self, 'last_epoch')])));
  return list(out);
});
method(LambdaLRType, 'state_dict', (self) => lambdaStateDict(self));
method(LambdaLRType, 'load_state_dict', async (self, [sd]) => (await lambdaLoad(self, sd), null));

export const MultiplicativeLRType = schedulerType('MultiplicativeLR');
init(MultiplicativeLRType, '(self, optimizer, lr_lambda, last_epoch=-1, verbose="deprecated")', lambdas);
method(MultiplicativeLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const groups = groupsOf(self);
  if (intAttr(self, 'last_epoch') > 0) {
    const fns = (attr(self, 'lr_lambdas') as PyList).items;
    const out: PyValue[] = [];
    for (let i = 0; i < Math.min(fns.length, groups.length); i++) out.push(await mul(groups[i].get('lr')!, await call(fns[i], [attr(self, 'last_epoch')])));
    return list(out);
  }
  return list(groups.map((g) => g.get('lr')!));
});
method(MultiplicativeLRType, 'state_dict', (self) => lambdaStateDict(self));
method(MultiplicativeLRType, 'load_state_dict', async (self, [sd]) => (await lambdaLoad(self, sd), null));

// ---- StepLR / MultiStepLR / ExponentialLR ------------------------------------------------------

/** `[f(group['lr']) for group in optimizer.param_groups]`. */
async function perGroup(self: PyValue, f: (lr: PyValue) => Promise<PyValue>): Promise<PyList> {
  const out: PyValue[] = [];
  for (const g of groupsOf(self)) out.push(await f(g.get('lr')!));
  return list(out);
}
async function perBase(self: PyValue, f: (base: PyValue) => Promise<PyValue>): Promise<PyList> {
  const out: PyValue[] = [];
  for (const b of (attr(self, 'base_lrs') as PyList).items) out.push(await f(b));
  return list(out);
}
const same = async (lr: PyValue): Promise<PyValue> => lr;

export const StepLRType = schedulerType('StepLR');
init(StepLRType, '(self, optimizer, step_size, gamma=0.1, last_epoch=-1, verbose="deprecated")', (self, v) => {
  setAttr(self, 'step_size', v.get('step_size')!);
  setAttr(self, 'gamma', v.get('gamma')!);
});
method(StepLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const e = intAttr(self, 'last_epoch');
  if (e === 0 || imod(e, intAttr(self, 'step_size')) !== 0) return perGroup(self, same);
  return perGroup(self, (lr) => mul(lr, attr(self, 'gamma')));
});
method(StepLRType, '_get_closed_form_lr', async (self) =>
  perBase(self, async (b) => mul(b, await pow(attr(self, 'gamma'), ifloordiv(intAttr(self, 'last_epoch'), intAttr(self, 'step_size'))))),
);

/** MultiStepLR keeps `milestones` as a count per epoch (PyTorch's collections.Counter; a dict here). */
export const MultiStepLRType = schedulerType('MultiStepLR');
init(MultiStepLRType, '(self, optimizer, milestones, gamma=0.1, last_epoch=-1, verbose="deprecated")', async (self, v) => {
  const counts = new PyDict();
  const ms = v.get('milestones')!;
  const items = ms instanceof PyList || ms instanceof PyTuple ? ms.items : ((await call((await import('../../../../interp')).BUILTINS.get('list')!, [ms])) as PyList).items;
  for (const m of items) counts.set(m, ((counts.get(m) as number | undefined) ?? 0) + 1);
  setAttr(self, 'milestones', counts);
  setAttr(self, 'gamma', v.get('gamma')!);
});
method(MultiStepLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const counts = attr(self, 'milestones') as PyDict;
  const e = attr(self, 'last_epoch');
  if (!counts.has(e)) return perGroup(self, same);
  return perGroup(self, async (lr) => mul(lr, await pow(attr(self, 'gamma'), counts.get(e)!)));
});
method(MultiStepLRType, '_get_closed_form_lr', async (self) => {
  const counts = attr(self, 'milestones') as PyDict;
  const e = intAttr(self, 'last_epoch');
  let passed = 0; // bisect_right(sorted(milestones.elements()), last_epoch)
  for (const [m, c] of counts.entries()) if (num(m) <= e) passed += num(c);
  return perBase(self, async (b) => mul(b, await pow(attr(self, 'gamma'), passed)));
});

export const ExponentialLRType = schedulerType('ExponentialLR');
init(ExponentialLRType, '(self, optimizer, gamma, last_epoch=-1, verbose="deprecated")', (self, v) => setAttr(self, 'gamma', v.get('gamma')!));
method(ExponentialLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  if (intAttr(self, 'last_epoch') === 0) return perGroup(self, same);
  return perGroup(self, (lr) => mul(lr, attr(self, 'gamma')));
});
method(ExponentialLRType, '_get_closed_form_lr', async (self) => perBase(self, async (b) => mul(b, await pow(attr(self, 'gamma'), attr(self, 'last_epoch')))));

// ---- ConstantLR / LinearLR / PolynomialLR ------------------------------------------------------

export const ConstantLRType = schedulerType('ConstantLR');
init(ConstantLRType, '(self, optimizer, factor=0.3333333333333333, total_iters=5, last_epoch=-1, verbose="deprecated")', (self, v) => {
  const factor = num(v.get('factor')!);
  if (factor > 1.0 || factor < 0) throw new PyError('ValueError', 'Constant multiplicative factor expected to be between 0 and 1.');
  setAttr(self, 'factor', v.get('factor')!);
  setAttr(self, 'total_iters', v.get('total_iters')!);
});
method(ConstantLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const e = intAttr(self, 'last_epoch');
  if (e === 0) return perGroup(self, (lr) => mul(lr, attr(self, 'factor')));
  if (e !== intAttr(self, 'total_iters')) return perGroup(self, same);
  return perGroup(self, async (lr) => mul(lr, await div(F(1), attr(self, 'factor'))));
});
method(ConstantLRType, '_get_closed_form_lr', async (self) => {
  const factor = attr(self, 'factor');
  const reached = intAttr(self, 'last_epoch') >= intAttr(self, 'total_iters') ? 1 : 0;
  return perBase(self, async (b) => mul(b, await add(factor, await mul(reached, await sub(1, factor)))));
});

export const LinearLRType = schedulerType('LinearLR');
init(LinearLRType, '(self, optimizer, start_factor=0.3333333333333333, end_factor=1.0, total_iters=5, last_epoch=-1, verbose="deprecated")', (self, v) => {
  const [s, e] = [num(v.get('start_factor')!), num(v.get('end_factor')!)];
  if (s > 1.0 || s <= 0) throw new PyError('ValueError', 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
  if (e > 1.0 || e < 0) throw new PyError('ValueError', 'Ending multiplicative factor expected to be between 0 and 1.');
  setAttr(self, 'start_factor', v.get('start_factor')!);
  setAttr(self, 'end_factor', v.get('end_factor')!);
  setAttr(self, 'total_iters', v.get('total_iters')!);
});
method(LinearLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const [s, e, total, epoch] = [attr(self, 'start_factor'), attr(self, 'end_factor'), attr(self, 'total_iters'), attr(self, 'last_epoch')];
  if (num(epoch) === 0) return perGroup(self, (lr) => mul(lr, s));
  if (num(epoch) > num(total)) return perGroup(self, same);
  // lr * (1.0 + (end - start) / (total_iters * start + (last_epoch - 1) * (end - start)))
  const d = await sub(e, s);
  const factor = await add(F(1), await div(d, await add(await mul(total, s), await mul(await sub(epoch, 1), d))));
  return perGroup(self, (lr) => mul(lr, factor));
});
method(LinearLRType, '_get_closed_form_lr', async (self) => {
  const [s, e, total, epoch] = [attr(self, 'start_factor'), attr(self, 'end_factor'), attr(self, 'total_iters'), attr(self, 'last_epoch')];
  const m = Math.min(num(total), num(epoch));
  // base * (start + (end - start) * min(total_iters, last_epoch) / total_iters)
  return perBase(self, async (b) => mul(b, await add(s, await div(await mul(await sub(e, s), m), total))));
});

export const PolynomialLRType = schedulerType('PolynomialLR');
init(PolynomialLRType, '(self, optimizer, total_iters=5, power=1.0, last_epoch=-1, verbose="deprecated")', (self, v) => {
  setAttr(self, 'total_iters', v.get('total_iters')!);
  setAttr(self, 'power', v.get('power')!);
});
method(PolynomialLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const [total, epoch, power] = [attr(self, 'total_iters'), attr(self, 'last_epoch'), attr(self, 'power')];
  if (num(epoch) === 0 || num(epoch) > num(total)) return perGroup(self, same);
  const num1 = await sub(F(1), await div(epoch, total));
  const den = await sub(F(1), await div(await sub(epoch, 1), total));
  const decay = await pow(await div(num1, den), power);
  return perGroup(self, (lr) => mul(lr, decay));
});
method(PolynomialLRType, '_get_closed_form_lr', async (self) => {
  const [total, epoch, power] = [attr(self, 'total_iters'), attr(self, 'last_epoch'), attr(self, 'power')];
  const m = Math.min(num(total), num(epoch));
  return perBase(self, async (b) => mul(b, await pow(await sub(F(1), await div(m, total)), power)));
});

