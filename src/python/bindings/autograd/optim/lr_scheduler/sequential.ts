// SequentialLR and ChainedScheduler: schedulers over schedulers. SequentialLR hands the epochs to
// one child after another at the milestones (a child entered at a milestone gets `step(0)`, the
// closed form — and PyTorch's epoch-deprecation warning with it); ChainedScheduler steps every
// child each time. Neither runs the base constructor. PyTorch 2.6's checks and texts.

import { PyError } from '../../../../../errors';
import { PyList, PyTuple, callMethod, hasattr, isinstance, typeOf, type PyValue } from '../../../../object';
import { str } from '../../../../builtins/repr';
import { binder } from '../../../args';
import { num } from '../../convert';
import { attr, checkVerbose, dictWithout, groupsOf, method, schedulerType, setAttr, updateDict } from './base';
import { ReduceLROnPlateauType } from './plateau';
import { PyDict } from '../../../../object';

async function checkChildren(cls: string, optimizer: PyValue, scheds: PyValue[]): Promise<void> {
  for (const [i, s] of scheds.entries()) {
    if (!(await hasattr(s, 'optimizer'))) throw new PyError('TypeError', `${cls} at index ${i} should have \`optimizer\` as its attribute.`);
    if (isinstance(s, ReduceLROnPlateauType))
      throw new PyError(
        'ValueError',
        `${cls} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`,
      );
    const so = attr(s, 'optimizer');
    if (so !== optimizer)
      throw new PyError(
        'ValueError',
        `${cls} expects all schedulers to belong to the same optimizer, but got scheduler ${typeOf(s).name} at index ${i} has ${await str(so)}, which is different from ${typeOf(optimizer).name}.`,
      );
  }
}

const items = (v: PyValue): PyValue[] => [...(v as PyList | PyTuple).items];

export const SequentialLRType = schedulerType('SequentialLR');
const bindSeq = binder('SequentialLR.__init__(self, optimizer, schedulers, milestones, last_epoch=-1, verbose="deprecated")');
method(SequentialLRType, '__init__', async (self, a, kw) => {
  const [, opt, schedulers, milestones, lastEpoch, verbose] = bindSeq([self, ...a], kw).values;
  const scheds = items(schedulers);
  if (scheds.length < 1) throw new PyError('ValueError', 'SequentialLR expects at least one scheduler, but got no scheduler.');
  await checkChildren('SequentialLR', opt, scheds);
  const ms = items(milestones);
  if (ms.length !== scheds.length - 1)
    throw new PyError(
      'ValueError',
      `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${scheds.length} and the number of milestones to be equal to ${ms.length}`,
    );
  await checkVerbose(verbose);
  setAttr(self, '_schedulers', schedulers);
  setAttr(self, '_milestones', milestones);
  setAttr(self, 'last_epoch', num(lastEpoch) + 1);
  setAttr(self, 'optimizer', opt);
  for (const g of groupsOf(self)) g.set('lr', g.get('initial_lr')!);
  await undo(self);
  await callMethod(scheds[0], '_initial_step', []);
  setAttr(self, '_last_lr', await callMethod(scheds[0], 'get_last_lr', []));
  return null;
});

/** `recursive_undo`: every (nested) child's last_epoch goes back one. */
async function undo(s: PyValue): Promise<void> {
  if (await hasattr(s, '_schedulers')) for (const c of items(attr(s, '_schedulers'))) await undoChild(c);
}
async function undoChild(s: PyValue): Promise<void> {
  if (await hasattr(s, '_schedulers')) return undo(s);
  if (await hasattr(s, 'last_epoch')) setAttr(s, 'last_epoch', num(attr(s, 'last_epoch')) - 1);
}

method(SequentialLRType, 'step', async (self) => {
  const e = num(attr(self, 'last_epoch')) + 1;
  setAttr(self, 'last_epoch', e);
  const ms = items(attr(self, '_milestones')).map(num);
  let idx = 0; // bisect_right
  while (idx < ms.length && ms[idx] <= e) idx++;
  const s = items(attr(self, '_schedulers'))[idx];
  if (idx > 0 && ms[idx - 1] === e) await callMethod(s, 'step', [0]);
  else await callMethod(s, 'step', []);
  setAttr(self, '_last_lr', await callMethod(s, 'get_last_lr', []));
  return null;
});

async function nestedStateDict(self: PyValue): Promise<PyDict> {
  const sd = dictWithout(self, ['optimizer', '_schedulers']);
  const out: PyValue[] = [];
  for (const s of items(attr(self, '_schedulers'))) out.push(await callMethod(s, 'state_dict', []));
  sd.set('_schedulers', new PyList(out));
  return sd;
}
async function nestedLoad(self: PyValue, sd: PyValue): Promise<void> {
  const d = sd as PyDict;
  const saved = d.get('_schedulers');
  d.delete('_schedulers');
  updateDict(self, d);
  if (saved !== undefined) d.set('_schedulers', saved);
  const scheds = items(attr(self, '_schedulers'));
  for (const [i, s] of items(saved ?? new PyList()).entries()) await callMethod(scheds[i], 'load_state_dict', [s]);
}
method(SequentialLRType, 'state_dict', (self) => nestedStateDict(self));
method(SequentialLRType, 'load_state_dict', async (self, [sd]) => (await nestedLoad(self, sd), null));

export const ChainedSchedulerType = schedulerType('ChainedScheduler');
const bindChain = binder('ChainedScheduler.__init__(self, schedulers, optimizer=None)');
method(ChainedSchedulerType, '__init__', async (self, a, kw) => {
  const [, schedulers, optIn] = bindChain([self, ...a], kw).values;
  const list = new PyList(items(schedulers));
  if (list.items.length < 1) throw new PyError('ValueError', 'ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.');
  const opt = optIn ?? attr(list.items[0], 'optimizer');
  await checkChildren('ChainedScheduler', opt, list.items);
  setAttr(self, '_schedulers', schedulers);
  setAttr(self, 'optimizer', opt);
  setAttr(self, '_last_lr', new PyList(groupsOf(list.items[list.items.length - 1]).map((g) => g.get('lr')!)));
  return null;
});
method(ChainedSchedulerType, 'step', async (self) => {
  const scheds = items(attr(self, '_schedulers'));
  for (const s of scheds) await callMethod(s, 'step', []);
  setAttr(self, '_last_lr', new PyList(groupsOf(scheds[scheds.length - 1]).map((g) => g.get('lr')!)));
  return null;
});
method(ChainedSchedulerType, 'state_dict', (self) => nestedStateDict(self));
method(ChainedSchedulerType, 'load_state_dict', async (self, [sd]) => (await nestedLoad(self, sd), null));
