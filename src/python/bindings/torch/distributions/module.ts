// The torch.distributions package as the interpreter imports it: the package module with every
// class, kl_divergence and the constraints module, plus the submodules scripts import from
// (`from torch.distributions.normal import Normal`, `torch.distributions.kl.kl_divergence`).
// makeTorchModules calls distributionsModules() once per run, which also resets the one piece of
// process-wide state, `Distribution._validate_args` (set_default_validate_args).

import { PyModule, type PyType, type PyValue } from '../../../object';
import { constraintsModule } from './constraints';
import { DistributionType, ExponentialFamilyType, resetValidateArgsDefault } from './distribution';
import { NormalType } from './normal';
import { IndependentType } from './independent';
import { klEntries, klModule } from './kl';
import { BernoulliType, CategoricalType, OneHotCategoricalStraightThroughType, OneHotCategoricalType } from './discrete';
import { ExponentialType, LaplaceType, UniformType } from './continuous';

const PKG = 'torch.distributions';

/** Class name → (submodule, class), in the order `torch.distributions` lists them. */
function classes(): [string, string, PyType][] {
  return [
    ['Distribution', 'distribution', DistributionType],
    ['ExponentialFamily', 'exp_family', ExponentialFamilyType],
    ['Normal', 'normal', NormalType],
    ['Uniform', 'uniform', UniformType],
    ['Exponential', 'exponential', ExponentialType],
    ['Laplace', 'laplace', LaplaceType],
    ['Bernoulli', 'bernoulli', BernoulliType],
    ['Categorical', 'categorical', CategoricalType],
    ['OneHotCategorical', 'one_hot_categorical', OneHotCategoricalType],
    ['OneHotCategoricalStraightThrough', 'one_hot_categorical', OneHotCategoricalStraightThroughType],
    ['Independent', 'independent', IndependentType],
  ];
}

/** torch.distributions and its submodules, keyed by dotted name (one fresh set per run). */
export function distributionsModules(): Map<string, PyModule> {
  resetValidateArgsDefault();
  const out = new Map<string, PyModule>();
  const pkg = new Map<string, PyValue>();
  const subs = new Map<string, Map<string, PyValue>>();
  for (const [name, sub, t] of classes()) {
    pkg.set(name, t);
    let s = subs.get(sub);
    if (!s) subs.set(sub, (s = new Map()));
    s.set(name, t);
  }
  const kl = klEntries();
  for (const [k, v] of kl) pkg.set(k, v);
  const klMod = klModule(kl);
  pkg.set('kl', klMod);
  out.set(`${PKG}.kl`, klMod);
  const constraints = constraintsModule();
  pkg.set('constraints', constraints);
  out.set(`${PKG}.constraints`, constraints);
  for (const [sub, entries] of subs) {
    const mod = new PyModule(`${PKG}.${sub}`, entries);
    out.set(`${PKG}.${sub}`, mod);
    pkg.set(sub, mod);
  }
  out.set(PKG, new PyModule(PKG, pkg));
  return out;
}
