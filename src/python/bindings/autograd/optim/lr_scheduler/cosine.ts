// The cosine schedulers: CosineAnnealingLR (PyTorch's recursive chainable form — each lr derived
// from the previous one, so its values drift from the closed form in the last bits exactly as
// PyTorch's do), CosineAnnealingWarmRestarts (closed form from T_cur / T_i, with its own step) and
// OneCycleLR (phases of cosine or linear annealing between initial/max/min lr, cycling momentum or
// beta1). math.cos is the correctly rounded crCos.

import { PyError } from '../../../../../errors';
import { PyDict, PyFloat, PyList, PyTuple, callMethod, typeOf, type PyValue } from '../../../../object';
import { str } from '../../../../builtins/repr';
import { binder } from '../../../args';
import { num } from '../../convert';
import type { OptimizerObject } from '../optimizer';
import { applyLrs, attr, baseInit, checkOptimizer, formatParam, groupsOf, init, method, schedulerType, setAttr, warnGetLr, withinStep } from './base';
import { F, PI, add, cos, div, imod, mul, pow, sub, value } from './pynum';

const isInt = (v: PyValue): boolean => typeof v === 'number' || typeof v === 'boolean';

// ---- CosineAnnealingLR -------------------------------------------------------------------------

export const CosineAnnealingLRType = schedulerType('CosineAnnealingLR');
init(CosineAnnealingLRType, '(self, optimizer, T_max, eta_min=0.0, last_epoch=-1, verbose="deprecated")', (self, v) => {
  setAttr(self, 'T_max', v.get('T_max')!);
  setAttr(self, 'eta_min', v.get('eta_min')!);
});
method(CosineAnnealingLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const [e, T, eta] = [attr(self, 'last_epoch'), attr(self, 'T_max'), attr(self, 'eta_min')];
  const groups = groupsOf(self);
  const bases = (attr(self, 'base_lrs') as PyList).items;
  const out: PyValue[] = [];
  if (num(e) === 0) return new PyList(groups.map((g) => g.get('lr')!));
  if (attr(self, '_step_count') === 1 && num(e) > 0) {
    // eta_min + (base_lr - eta_min) * (1 + cos(last_epoch * pi / T_max)) / 2
    const c = await add(1, cos(await div(await mul(e, PI), T)));
    for (const b of bases) out.push(await add(eta, await div(await mul(await sub(b, eta), c), 2)));
  } else if (imod(num(e) - 1 - num(T), 2 * num(T)) === 0) {
    // lr + (base_lr - eta_min) * (1 - cos(pi / T_max)) / 2
    const c = await sub(1, cos(await div(PI, T)));
    for (let i = 0; i < Math.min(bases.length, groups.length); i++)
      out.push(await add(groups[i].get('lr')!, await div(await mul(await sub(bases[i], eta), c), 2)));
  } else {
    // (1 + cos(pi * e / T)) / (1 + cos(pi * (e - 1) / T)) * (lr - eta_min) + eta_min
    const ratio = await div(await add(1, cos(await div(await mul(PI, e), T))), await add(1, cos(await div(await mul(PI, await sub(e, 1)), T))));
    for (const g of groups) out.push(await add(await mul(ratio, await sub(g.get('lr')!, eta)), eta));
  }
  return new PyList(out);
});
method(CosineAnnealingLRType, '_get_closed_form_lr', async (self) => {
  const [e, T, eta] = [attr(self, 'last_epoch'), attr(self, 'T_max'), attr(self, 'eta_min')];
  const c = await add(1, cos(await div(await mul(PI, e), T)));
  const out: PyValue[] = [];
  for (const b of (attr(self, 'base_lrs') as PyList).items) out.push(await add(eta, await div(await mul(await sub(b, eta), c), 2)));
  return new PyList(out);
});

// ---- CosineAnnealingWarmRestarts ---------------------------------------------------------------

export const CosineAnnealingWarmRestartsType = schedulerType('CosineAnnealingWarmRestarts');
init(CosineAnnealingWarmRestartsType, '(self, optimizer, T_0, T_mult=1, eta_min=0.0, last_epoch=-1, verbose="deprecated")', async (self, v) => {
  const [T0, Tm, eta] = [v.get('T_0')!, v.get('T_mult')!, v.get('eta_min')!];
  if (typeof T0 !== 'number' || T0 <= 0) throw new PyError('ValueError', `Expected positive integer T_0, but got ${await str(T0)}`);
  if (typeof Tm !== 'number' || Tm < 1) throw new PyError('ValueError', `Expected integer T_mult >= 1, but got ${await str(Tm)}`);
  if (!(isInt(eta) || eta instanceof PyFloat))
    throw new PyError('ValueError', `Expected float or int eta_min, but got ${await str(eta)} of type ${await str(typeOf(eta))}`);
  setAttr(self, 'T_0', T0);
  setAttr(self, 'T_i', T0);
  setAttr(self, 'T_mult', Tm);
  setAttr(self, 'eta_min', eta);
  setAttr(self, 'T_cur', v.get('last_epoch')!);
});
method(CosineAnnealingWarmRestartsType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const eta = attr(self, 'eta_min');
  // eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2
  const c = await add(1, cos(await div(await mul(PI, attr(self, 'T_cur')), attr(self, 'T_i'))));
  const out: PyValue[] = [];
  for (const b of (attr(self, 'base_lrs') as PyList).items) out.push(await add(eta, await div(await mul(await sub(b, eta), c), 2)));
  return new PyList(out);
});
const bindWarmStep = binder('step(self, epoch=None)');
method(CosineAnnealingWarmRestartsType, 'step', async (self, a, kw) => {
  let epoch = bindWarmStep([self, ...a], kw).values[1];
  if (epoch === null && num(attr(self, 'last_epoch')) < 0) epoch = 0;
  if (epoch === null) {
    epoch = await add(attr(self, 'last_epoch'), 1);
    setAttr(self, 'T_cur', await add(attr(self, 'T_cur'), 1));
    if (num(attr(self, 'T_cur')) >= num(attr(self, 'T_i'))) {
      setAttr(self, 'T_cur', await sub(attr(self, 'T_cur'), attr(self, 'T_i')));
      setAttr(self, 'T_i', await mul(attr(self, 'T_i'), attr(self, 'T_mult')));
    }
  } else {
    if (num(epoch) < 0) throw new PyError('ValueError', `Expected non-negative epoch, but got ${await str(epoch)}`);
    const [T0, Tm] = [attr(self, 'T_0'), attr(self, 'T_mult')];
    if (num(epoch) >= num(T0)) {
      if (num(Tm) === 1) setAttr(self, 'T_cur', isInt(epoch) ? imod(num(epoch), num(T0)) : F(value(epoch) - Math.floor(value(epoch) / num(T0)) * num(T0)));
      else {
        const n = Math.trunc(Math.log(num(epoch) / num(T0) * (num(Tm) - 1) + 1) / Math.log(num(Tm)));
        setAttr(self, 'T_cur', await sub(epoch, await div(await mul(T0, await sub(await pow(Tm, n), 1)), await sub(Tm, 1))));
        setAttr(self, 'T_i', await mul(T0, await pow(Tm, n)));
      }
    } else {
      setAttr(self, 'T_i', T0);
      setAttr(self, 'T_cur', epoch);
    }
  }
  setAttr(self, 'last_epoch', Math.floor(num(epoch)));
  const lrs = await withinStep(self, async () => (await callMethod(self, 'get_lr', [])) as PyList);
  applyLrs(self, lrs.items);
  return null;
});

// ---- OneCycleLR --------------------------------------------------------------------------------

export const OneCycleLRType = schedulerType('OneCycleLR');
const bindOneCycle = binder(
  'OneCycleLR.__init__(self, optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None, pct_start=0.3, anneal_strategy="cos", cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=10000.0, three_phase=False, last_epoch=-1, verbose="deprecated")',
);
const phase = (end: PyValue, sl: string, el: string, sm: string, em: string): PyDict =>
  PyDict.fromEntries([['end_step', end], ['start_lr', sl], ['end_lr', el], ['start_momentum', sm], ['end_momentum', em]]);

method(OneCycleLRType, '__init__', async (self, a, kw) => {
  const [, opt, maxLr, totalSteps, epochs, spe, pctStart, anneal, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDiv, threePhase, lastEpoch, verbose] =
    bindOneCycle([self, ...a], kw).values;
  checkOptimizer(opt);
  setAttr(self, 'optimizer', opt);
  if (totalSteps !== null) {
    if (typeof totalSteps !== 'number' || totalSteps <= 0) throw new PyError('ValueError', `Expected positive integer total_steps, but got ${await str(totalSteps)}`);
    setAttr(self, 'total_steps', totalSteps);
  } else if (epochs !== null && spe !== null) {
    if (typeof epochs !== 'number' || epochs <= 0) throw new PyError('ValueError', `Expected positive integer epochs, but got ${await str(epochs)}`);
    if (typeof spe !== 'number' || spe <= 0) throw new PyError('ValueError', `Expected positive integer steps_per_epoch, but got ${await str(spe)}`);
    setAttr(self, 'total_steps', epochs * spe);
  } else throw new PyError('ValueError', 'You must define either total_steps OR (epochs AND steps_per_epoch)');
  const total = attr(self, 'total_steps');
  const firstEnd = await sub(F(value(await mul(pctStart, total))), 1);
  const phases = threePhase === true || (threePhase !== false && threePhase !== null && num(threePhase) !== 0)
    ? [
        phase(firstEnd, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'),
        phase(await sub(F(value(await mul(await mul(2, pctStart), total))), 2), 'max_lr', 'initial_lr', 'base_momentum', 'max_momentum'),
        phase(await sub(total, 1), 'initial_lr', 'min_lr', 'max_momentum', 'max_momentum'),
      ]
    : [phase(firstEnd, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'), phase(await sub(total, 1), 'max_lr', 'min_lr', 'base_momentum', 'max_momentum')];
  setAttr(self, '_schedule_phases', new PyList(phases));
  const pct = num(pctStart);
  if (pct < 0 || pct > 1 || !(pctStart instanceof PyFloat)) throw new PyError('ValueError', `Expected float between 0 and 1 pct_start, but got ${await str(pctStart)}`);
  if (anneal !== 'cos' && anneal !== 'linear') throw new PyError('ValueError', `anneal_strategy must be one of 'cos' or 'linear', instead got ${await str(anneal)}`);
  setAttr(self, '_anneal_func_type', anneal);
  const o = opt as OptimizerObject;
  const maxLrs = formatParam('max_lr', o, maxLr);
  if (num(lastEpoch) === -1)
    for (const [i, g] of o.groups.entries()) {
      g.set('initial_lr', await div(maxLrs[i], divFactor));
      g.set('max_lr', maxLrs[i]);
      g.set('min_lr', await div(g.get('initial_lr')!, finalDiv));
    }
  setAttr(self, 'cycle_momentum', cycleMomentum);
  if (cycleMomentum !== false && cycleMomentum !== null && cycleMomentum !== 0) {
    if (!o.defaults.has('momentum') && !o.defaults.has('betas'))
      throw new PyError('ValueError', 'optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
    const useBeta1 = o.defaults.has('betas');
    setAttr(self, 'use_beta1', useBeta1);
    const maxMs = formatParam('max_momentum', o, maxMomentum);
    const baseMs = formatParam('base_momentum', o, baseMomentum);
    if (num(lastEpoch) === -1)
      o.groups.forEach((g, i) => {
        if (useBeta1) g.set('betas', new PyTuple([maxMs[i], ...(g.get('betas') as PyTuple).items.slice(1)]));
        else g.set('momentum', maxMs[i]);
        g.set('max_momentum', maxMs[i]);
        g.set('base_momentum', baseMs[i]);
      });
  }
  await baseInit(self, opt, lastEpoch, verbose);
  return null;
});

async function anneal(self: PyValue, start: PyValue, end: PyValue, pct: PyValue): Promise<PyValue> {
  if (attr(self, '_anneal_func_type') === 'cos') {
    // end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
    const c = await add(cos(await mul(PI, pct)), 1);
    return add(end, await mul(await div(await sub(start, end), F(2)), c));
  }
  return add(await mul(await sub(end, start), pct), start);
}

method(OneCycleLRType, 'get_lr', async (self) => {
  await warnGetLr(self);
  const step = attr(self, 'last_epoch');
  const total = attr(self, 'total_steps');
  if (num(step) > num(total)) throw new PyError('ValueError', `Tried to step ${await str(step)} times. The specified number of total steps is ${await str(total)}`);
  const phases = (attr(self, '_schedule_phases') as PyList).items as PyDict[];
  const cycle = attr(self, 'cycle_momentum');
  const cycling = cycle !== false && cycle !== null && cycle !== 0;
  const lrs: PyValue[] = [];
  for (const g of groupsOf(self)) {
    let start: PyValue = F(0);
    let lr: PyValue = null;
    let momentum: PyValue = null;
    for (const [i, ph] of phases.entries()) {
      const end = ph.get('end_step')!;
      if (num(step) <= num(end) || i === phases.length - 1) {
        const pct = await div(await sub(step, start), await sub(end, start));
        lr = await anneal(self, g.get(ph.get('start_lr') as string)!, g.get(ph.get('end_lr') as string)!, pct);
        if (cycling) momentum = await anneal(self, g.get(ph.get('start_momentum') as string)!, g.get(ph.get('end_momentum') as string)!, pct);
        break;
      }
      start = end;
    }
    lrs.push(lr);
    if (cycling) {
      if (attr(self, 'use_beta1') === true) g.set('betas', new PyTuple([momentum, ...(g.get('betas') as PyTuple).items.slice(1)]));
      else g.set('momentum', momentum);
    }
  }
  return new PyList(lrs);
});

