// The `torch.optim.lr_scheduler` module object: every scheduler class by its PyTorch name.

import { PyModule } from '../../../../object';
import { LRSchedulerType } from './base';
import { ConstantLRType, ExponentialLRType, LambdaLRType, LinearLRType, MultiStepLRType, MultiplicativeLRType, PolynomialLRType, StepLRType } from './simple';
import { CosineAnnealingLRType, CosineAnnealingWarmRestartsType, OneCycleLRType } from './cosine';
import { ReduceLROnPlateauType } from './plateau';
import { ChainedSchedulerType, SequentialLRType } from './sequential';

export function lrSchedulerModule(): PyModule {
  const types = [
    LRSchedulerType, LambdaLRType, MultiplicativeLRType, StepLRType, MultiStepLRType, ConstantLRType, LinearLRType, ExponentialLRType,
    SequentialLRType, CosineAnnealingLRType, ChainedSchedulerType, ReduceLROnPlateauType, CosineAnnealingWarmRestartsType, OneCycleLRType,
    PolynomialLRType,
  ];
  const m = new PyModule('torch.optim.lr_scheduler', new Map(types.map((t) => [t.name, t])));
  m.dict!.set('_LRScheduler', LRSchedulerType);
  return m;
}
