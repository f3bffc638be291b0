// NAdam and RAdam: Adam variants whose step sizes are Python-float formulas of the step count
// (NAdam's momentum schedule `beta1 * (1 - 0.5 * 0.96 ** (step * momentum_decay))` with a float32
// running product `mu_product`; RAdam's variance rectification `rho_t`). PyTorch 2.6's single-tensor
// CPU rules (torch/optim/{nadam,radam}.py), in its evaluation order: Python evaluates `a * b * c`
// left to right, and each tensor product rounds to float32.

import * as A from '../../../../tensor/ops/arith';
import * as U from '../../../../tensor/ops/unary';
import { zerosLike } from '../../../../tensor/ops/creation';
import { Tensor } from '../../../../tensor/tensor';
import { getDefaultDtype } from '../../../../tensor/promotion';
import type { PyDict } from '../../../object';
import { crPow } from '../../../libm';
import { BETAS_DEFAULT, type Args, atLeastZero, betas, bumpStep, checkBetas, defineOptimizer, f, flag, stepTensor, tensorLr } from './define';
import type { OptimizerObject } from './optimizer';
import { paramsWithGrad } from './optimizer';

async function validate(a: Args, momentumDecay: boolean): Promise<void> {
  tensorLr(a.get('lr')!);
  await atLeastZero(a.get('lr')!, 'Invalid learning rate');
  await atLeastZero(a.get('eps')!, 'Invalid epsilon value');
  await checkBetas(a.get('betas')!);
  await atLeastZero(a.get('weight_decay')!, 'Invalid weight_decay value');
  if (momentumDecay) await atLeastZero(a.get('momentum_decay')!, 'Invalid momentum_decay value');
}

/** `torch.tensor(1.0, dtype=_get_scalar_dtype())`. */
const oneScalar = (): Tensor =>
  getDefaultDtype() === 'float64' ? Tensor.fromArray(Float64Array.from([1]), [], 'float64') : Tensor.fromArray(Float32Array.from([1]), [], 'float32');

function nadamUpdate(o: OptimizerObject, g: PyDict): void {
  const [lr, eps, wd, momentumDecay] = [f(g, 'lr'), f(g, 'eps'), f(g, 'weight_decay'), f(g, 'momentum_decay')];
  const [b1, b2] = betas(g);
  const [decoupled, maximize] = [flag(g, 'decoupled_weight_decay'), flag(g, 'maximize')];
  for (const p of paramsWithGrad(g)) {
    const st = o.stateOf(p);
    if (st.size === 0) {
      st.set('step', stepTensor());
      st.set('mu_product', oneScalar());
      st.set('exp_avg', zerosLike(p));
      st.set('exp_avg_sq', zerosLike(p));
    }
    let grad = maximize ? U.neg(p.grad!) : p.grad!;
    const step = bumpStep(st);
    const bc2 = 1 - crPow(b2, step);
    if (wd !== 0) {
      if (decoupled) A.mul_(p, 1 - lr * wd);
      else grad = A.add(grad, p, wd);
    }
    const mu = b1 * (1 - 0.5 * crPow(0.96, step * momentumDecay));
    const muNext = b1 * (1 - 0.5 * crPow(0.96, (step + 1) * momentumDecay));
    const muProduct = st.get('mu_product') as Tensor;
    A.mul_(muProduct, mu);
    const expAvg = st.get('exp_avg') as Tensor;
    const expAvgSq = st.get('exp_avg_sq') as Tensor;
    A.lerp_(expAvg, grad, 1 - b1);
    A.addcmul_(A.mul_(expAvgSq, b2), grad, grad, 1 - b2);
    const denom = U.sqrt(A.div(expAvgSq, bc2));
    const mp = Number(muProduct.item());
    const mpNext = mp * muNext;
    A.add_(denom, eps);
    A.addcdiv_(p, grad, denom, (-lr * (1 - mu)) / (1 - mp));
    A.addcdiv_(p, expAvg, denom, (-lr * muNext) / (1 - mpNext));
  }
}

export const NAdamType = defineOptimizer({
  name: 'NAdam',
  module: 'torch.optim.nadam',
  signature: `NAdam(self, params, lr=0.002, betas=${BETAS_DEFAULT}, eps=1e-08, weight_decay=0, momentum_decay=0.004, decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False, differentiable=False)`,
  validate: (a) => validate(a, true),
  defaults: ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay', 'maximize', 'foreach', 'capturable', 'differentiable'],
  setstate: [['maximize', false], ['foreach', null], ['capturable', false], ['differentiable', false], ['decoupled_weight_decay', false]],
  update: nadamUpdate,
});

function radamUpdate(o: OptimizerObject, g: PyDict): void {
  const [lr, eps, wd] = [f(g, 'lr'), f(g, 'eps'), f(g, 'weight_decay')];
  const [b1, b2] = betas(g);
  const [decoupled, maximize] = [flag(g, 'decoupled_weight_decay'), flag(g, 'maximize')];
  for (const p of paramsWithGrad(g)) {
    const st = o.stateOf(p);
    if (st.size === 0) {
      st.set('step', stepTensor());
      st.set('exp_avg', zerosLike(p));
      st.set('exp_avg_sq', zerosLike(p));
    }
    let grad = maximize ? U.neg(p.grad!) : p.grad!;
    const step = bumpStep(st);
    if (wd !== 0) {
      if (decoupled) A.mul_(p, 1 - lr * wd);
      else grad = A.add(grad, p, wd);
    }
    const expAvg = st.get('exp_avg') as Tensor;
    const expAvgSq = st.get('exp_avg_sq') as Tensor;
    A.lerp_(expAvg, grad, 1 - b1);
    A.addcmul_(A.mul_(expAvgSq, b2), grad, grad, 1 - b2);
    const bc1 = 1 - crPow(b1, step);
    const bc2 = 1 - crPow(b2, step);
    const corrected = A.div(expAvg, bc1);
    const rhoInf = 2 / (1 - b2) - 1;
    const rhoT = rhoInf - ((2 * step * crPow(b2, step)) / bc2);
    if (rhoT > 5.0) {
      const scaled = A.mul(corrected, lr);
      const adaptive = A.rdiv(A.add_(U.sqrt(expAvgSq), eps), Math.sqrt(bc2));
      const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      A.add_(p, A.mul(A.mul(scaled, adaptive), rect), -1.0);
    } else A.add_(p, A.mul(corrected, lr), -1.0);
  }
}

export const RAdamType = defineOptimizer({
  name: 'RAdam',
  module: 'torch.optim.radam',
  signature: `RAdam(self, params, lr=0.001, betas=${BETAS_DEFAULT}, eps=1e-08, weight_decay=0, decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False, differentiable=False)`,
  validate: (a) => validate(a, false),
  defaults: ['lr', 'betas', 'eps', 'weight_decay', 'maximize', 'foreach', 'capturable', 'decoupled_weight_decay', 'differentiable'],
  setstate: [['foreach', null], ['maximize', false], ['differentiable', false], ['capturable', false], ['decoupled_weight_decay', false]],
  update: radamUpdate,
});
