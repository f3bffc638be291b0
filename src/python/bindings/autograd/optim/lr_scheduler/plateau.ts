// ReduceLROnPlateau: lowers each group's lr by `factor` once the watched metric has not improved
// for `patience` steps (relative or absolute threshold, min or max mode, cooldown, per-group
// floors). It does not run the base constructor — no initial step, no optimizer wrapping — and
// its step takes the metric. Attribute order, texts and arithmetic are PyTorch 2.6's.

import { PyError } from '../../../../../errors';
import { PyList, PyTuple, nativeProperty, type PyValue } from '../../../../object';
import { warn } from '../../../../builtins/warnings';
import { binder } from '../../../args';
import { num } from '../../convert';
import type { OptimizerObject } from '../optimizer';
import { EPOCH_DEPRECATION_WARNING, LRSchedulerType, attr, checkOptimizer, checkVerbose, dictWithout, groupsOf, lrsOf, method, schedulerType, setAttr, updateDict } from './base';
import { F, add, mul, sub, value } from './pynum';

export const ReduceLROnPlateauType = schedulerType('ReduceLROnPlateau', LRSchedulerType);

const bindInit = binder(
  'ReduceLROnPlateau.__init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=0.0001, threshold_mode="rel", cooldown=0, min_lr=0, eps=1e-08, verbose="deprecated")',
);

async function initIsBetter(self: PyValue, mode: PyValue, threshold: PyValue, thresholdMode: PyValue): Promise<void> {
  if (mode !== 'min' && mode !== 'max') throw new PyError('ValueError', `mode ${String(mode)} is unknown!`);
  if (thresholdMode !== 'rel' && thresholdMode !== 'abs') throw new PyError('ValueError', `threshold mode ${String(thresholdMode)} is unknown!`);
  setAttr(self, 'mode_worse', F(mode === 'min' ? Infinity : -Infinity));
  setAttr(self, 'mode', mode);
  setAttr(self, 'threshold', threshold);
  setAttr(self, 'threshold_mode', thresholdMode);
}

function reset(self: PyValue): void {
  setAttr(self, 'best', attr(self, 'mode_worse'));
  setAttr(self, 'cooldown_counter', 0);
  setAttr(self, 'num_bad_epochs', 0);
}

method(ReduceLROnPlateauType, '__init__', async (self, a, kw) => {
  const [, opt, mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps, verbose] = bindInit([self, ...a], kw).values;
  if (num(factor) >= 1.0) throw new PyError('ValueError', 'Factor should be < 1.0.');
  setAttr(self, 'factor', factor);
  checkOptimizer(opt);
  setAttr(self, 'optimizer', opt);
  const n = (opt as OptimizerObject).groups.length;
  if (minLr instanceof PyList || minLr instanceof PyTuple) {
    if (minLr.items.length !== n) throw new PyError('ValueError', `expected ${n} min_lrs, got ${minLr.items.length}`);
    setAttr(self, 'default_min_lr', null);
    setAttr(self, 'min_lrs', new PyList([...minLr.items]));
  } else {
    setAttr(self, 'default_min_lr', minLr);
    setAttr(self, 'min_lrs', new PyList(new Array(n).fill(minLr)));
  }
  setAttr(self, 'patience', patience);
  setAttr(self, 'verbose', await checkVerbose(verbose));
  setAttr(self, 'cooldown', cooldown);
  setAttr(self, 'cooldown_counter', 0);
  setAttr(self, 'mode', mode);
  setAttr(self, 'threshold', threshold);
  setAttr(self, 'threshold_mode', thresholdMode);
  setAttr(self, 'eps', eps);
  setAttr(self, 'last_epoch', 0);
  setAttr(self, '_last_lr', new PyList(lrsOf(self)));
  await initIsBetter(self, mode, threshold, thresholdMode);
  reset(self);
  return null;
});

async function isBetter(self: PyValue, a: number, best: number): Promise<boolean> {
  const t = value(attr(self, 'threshold'));
  const mode = attr(self, 'mode');
  const rel = attr(self, 'threshold_mode') === 'rel';
  if (mode === 'min') return rel ? a < best * (1.0 - t) : a < best - t;
  return rel ? a > best * (t + 1.0) : a > best + t;
}

const bindStep = binder('step(self, metrics, epoch=None)');
method(ReduceLROnPlateauType, 'step', async (self, a, kw) => {
  const [, metrics, epochIn] = bindStep([self, ...a], kw).values;
  const current = num(metrics);
  let epoch = epochIn;
  if (epoch === null) epoch = await add(attr(self, 'last_epoch'), 1);
  else await warn('UserWarning', EPOCH_DEPRECATION_WARNING);
  setAttr(self, 'last_epoch', epoch);
  if (await isBetter(self, current, value(attr(self, 'best')))) {
    setAttr(self, 'best', F(current));
    setAttr(self, 'num_bad_epochs', 0);
  } else setAttr(self, 'num_bad_epochs', num(attr(self, 'num_bad_epochs')) + 1);
  if (num(attr(self, 'cooldown_counter')) > 0) {
    setAttr(self, 'cooldown_counter', num(attr(self, 'cooldown_counter')) - 1);
    setAttr(self, 'num_bad_epochs', 0);
  }
  if (num(attr(self, 'num_bad_epochs')) > num(attr(self, 'patience'))) {
    await reduceLr(self);
    setAttr(self, 'cooldown_counter', attr(self, 'cooldown'));
    setAttr(self, 'num_bad_epochs', 0);
  }
  setAttr(self, '_last_lr', new PyList(lrsOf(self)));
  return null;
});

async function reduceLr(self: PyValue): Promise<void> {
  const groups = groupsOf(self);
  let minLrs = (attr(self, 'min_lrs') as PyList).items;
  if (groups.length !== minLrs.length) {
    const dflt = attr(self, 'default_min_lr');
    if (dflt === null)
      throw new PyError(
        'RuntimeError',
        `The number of param groups in the \`optimizer\` (${groups.length}) differs from when \`ReduceLROnPlateau\` was initialized (${minLrs.length}), usually due to a new param group being added to the optimizer. Please modify the \`min_lrs\` field to match the length of the \`optimizer\` param groups.`,
      );
    minLrs = new Array(groups.length).fill(dflt);
    setAttr(self, 'min_lrs', new PyList(minLrs));
  }
  for (const [i, g] of groups.entries()) {
    const oldLr = F(num(g.get('lr')!));
    const scaled = await mul(oldLr, attr(self, 'factor'));
    // max() keeps the first of equal values
    const newLr: PyValue = num(minLrs[i]) > value(scaled) ? minLrs[i] : scaled;
    if (value(await sub(oldLr, newLr)) > num(attr(self, 'eps'))) g.set('lr', newLr);
  }
}

method(ReduceLROnPlateauType, 'state_dict', (self) => dictWithout(self, ['optimizer']));
method(ReduceLROnPlateauType, 'load_state_dict', async (self, [sd]) => {
  updateDict(self, sd);
  await initIsBetter(self, attr(self, 'mode'), attr(self, 'threshold'), attr(self, 'threshold_mode'));
  return null;
});
method(ReduceLROnPlateauType, 'is_better', async (self, [x, best]) => isBetter(self, num(x), num(best)));
ReduceLROnPlateauType.dict!.set('in_cooldown', nativeProperty('in_cooldown', (self) => num(attr(self, 'cooldown_counter')) > 0));

