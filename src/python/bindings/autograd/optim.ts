// The `torch.optim` module: the optimizer classes (optim/*.ts, each PyTorch 2.6's single-tensor
// CPU rule) and `torch.optim.lr_scheduler` (optim/lr_scheduler/). index.ts registers both names;
// `import torch` attaches torch.optim, and torch.optim carries lr_scheduler as an attribute from the
// start, as PyTorch's package does.

import { PyModule, type PyValue } from '../../object';
import { rt } from '../../interp';
import { lrSchedulerModule } from './optim/lr_scheduler/index';
import { OptimizerType } from './optim/optimizer';
import { AdamType, AdamWType, SGDType } from './optim/sgd_adam';
import { AdadeltaType, AdagradType, AdamaxType, RMSpropType } from './optim/adaptive';
import { NAdamType, RAdamType } from './optim/nadam_radam';

export { OptimizerType };

export function optimEntries(): [string, PyValue][] {
  return [
    ['Optimizer', OptimizerType], ['SGD', SGDType], ['Adam', AdamType], ['AdamW', AdamWType], ['RMSprop', RMSpropType],
    ['Adagrad', AdagradType], ['Adadelta', AdadeltaType], ['Adamax', AdamaxType], ['NAdam', NAdamType], ['RAdam', RAdamType],
  ];
}

/** The run's `torch.optim` module, with `lr_scheduler` already an attribute. */
export function optimModule(): PyModule {
  const m = new PyModule('torch.optim', new Map(optimEntries()));
  m.dict!.set('lr_scheduler', lrSchedulerModule());
  return m;
}

/** `torch.optim.lr_scheduler`: the attribute of this run's torch.optim (imported first). */
export function lrSchedulerOfRun(): PyValue {
  const optim = rt().modules.get('torch.optim') as PyModule;
  return optim.dict!.get('lr_scheduler')!;
}
