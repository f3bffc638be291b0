// RMSprop, Adagrad, Adadelta and Adamax: the per-coordinate adaptive optimizers, each PyTorch
// 2.6's single-tensor CPU rule op for op (torch/optim/{rmsprop,adagrad,adadelta,adamax}.py), with
// state created in PyTorch's key order (state_dict() and `sorted(opt.state[p])` show it). Adagrad
// creates its state in the constructor, the others on the first step of a parameter with a grad.

import * as A from '../../../../tensor/ops/arith';
import * as U from '../../../../tensor/ops/unary';
import { copy_ } from '../../../../tensor/ops/copy';
import { fullLike, zerosLike } from '../../../../tensor/ops/creation';
import type { Tensor } from '../../../../tensor/tensor';
import type { Scalar } from '../../../../tensor/scalar';
import { PyError } from '../../../../errors';
import { PyList } from '../../../object';
import { num } from '../convert';
import { crPow } from '../../../libm';
import { BETAS_DEFAULT, atLeastZero, invalid, betas, bumpStep, checkBetas, defineOptimizer, f, flag, stepTensor, tensorLr } from './define';
import { paramsWithGrad } from './optimizer';

const grad0 = (p: Tensor, maximize: boolean): Tensor => (maximize ? U.neg(p.grad!) : p.grad!);

export const RMSpropType = defineOptimizer({
  name: 'RMSprop',
  module: 'torch.optim.rmsprop',
  signature: 'RMSprop(self, params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, capturable=False, foreach=None, maximize=False, differentiable=False)',
  async validate(a) {
    tensorLr(a.get('lr')!);
    await atLeastZero(a.get('lr')!, 'Invalid learning rate');
    await atLeastZero(a.get('eps')!, 'Invalid epsilon value');
    await atLeastZero(a.get('momentum')!, 'Invalid momentum value');
    await atLeastZero(a.get('weight_decay')!, 'Invalid weight_decay value');
    await atLeastZero(a.get('alpha')!, 'Invalid alpha value');
  },
  defaults: ['lr', 'momentum', 'alpha', 'eps', 'centered', 'weight_decay', 'capturable', 'foreach', 'maximize', 'differentiable'],
  setstate: [['momentum', 0], ['centered', false], ['foreach', null], ['maximize', false], ['differentiable', false], ['capturable', false]],
  update(o, g) {
    const [lr, alpha, eps, wd, momentum] = [f(g, 'lr'), f(g, 'alpha'), f(g, 'eps'), f(g, 'weight_decay'), f(g, 'momentum')];
    const [centered, maximize] = [flag(g, 'centered'), flag(g, 'maximize')];
    for (const p of paramsWithGrad(g)) {
      const st = o.stateOf(p);
      if (st.size === 0) {
        st.set('step', stepTensor());
        st.set('square_avg', zerosLike(p));
        if (momentum > 0) st.set('momentum_buffer', zerosLike(p));
        if (centered) st.set('grad_avg', zerosLike(p));
      }
      let grad = grad0(p, maximize);
      bumpStep(st);
      if (wd !== 0) grad = A.add(grad, p, wd);
      const squareAvg = st.get('square_avg') as Tensor;
      A.addcmul_(A.mul_(squareAvg, alpha), grad, grad, 1 - alpha);
      let avg: Tensor;
      if (centered) {
        const gradAvg = st.get('grad_avg') as Tensor;
        A.lerp_(gradAvg, grad, 1 - alpha);
        avg = U.sqrt_(A.addcmul(squareAvg, gradAvg, gradAvg, -1));
      } else avg = U.sqrt(squareAvg);
      A.add_(avg, eps);
      if (momentum > 0) {
        const buf = st.get('momentum_buffer') as Tensor;
        A.addcdiv_(A.mul_(buf, momentum), grad, avg);
        A.add_(p, buf, -lr);
      } else A.addcdiv_(p, grad, avg, -lr);
    }
  },
});

export const AdagradType = defineOptimizer({
  name: 'Adagrad',
  module: 'torch.optim.adagrad',
  signature: 'Adagrad(self, params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None)',
  async validate(a) {
    tensorLr(a.get('lr')!);
    await atLeastZero(a.get('lr')!, 'Invalid learning rate');
    await atLeastZero(a.get('lr_decay')!, 'Invalid lr_decay value');
    await atLeastZero(a.get('weight_decay')!, 'Invalid weight_decay value');
    await atLeastZero(a.get('initial_accumulator_value')!, 'Invalid initial_accumulator_value value');
    await atLeastZero(a.get('eps')!, 'Invalid epsilon value');
  },
  defaults: ['lr', 'lr_decay', 'eps', 'weight_decay', 'initial_accumulator_value', 'foreach', 'maximize', 'differentiable', 'fused'],
  setstate: [['foreach', null], ['maximize', false], ['differentiable', false], ['fused', null]],
  afterInit(o) {
    const init = o.defaults.get('initial_accumulator_value')! as Scalar;
    for (const g of o.groups)
      for (const p of (g.get('params') as PyList).items as Tensor[]) {
        const st = o.stateOf(p);
        st.set('step', stepTensor());
        st.set('sum', fullLike(p, init));
      }
  },
  update(o, g) {
    const [lr, wd, lrDecay, eps] = [f(g, 'lr'), f(g, 'weight_decay'), f(g, 'lr_decay'), f(g, 'eps')];
    const maximize = flag(g, 'maximize');
    for (const p of paramsWithGrad(g)) {
      const st = o.stateOf(p);
      // a group added after construction has no state: PyTorch's `state["sum"]` raises KeyError
      const sum = st.get('sum') as Tensor | undefined;
      if (sum === undefined || !st.has('step')) throw new PyError('KeyError', sum === undefined ? "'sum'" : "'step'");
      const step = bumpStep(st);
      let grad = grad0(p, maximize);
      if (wd !== 0) grad = A.add(grad, p, wd);
      const clr = lr / (1 + (step - 1) * lrDecay);
      A.addcmul_(sum, grad, grad, 1);
      const std = A.add_(U.sqrt(sum), eps);
      A.addcdiv_(p, grad, std, -clr);
    }
  },
});

export const AdadeltaType = defineOptimizer({
  name: 'Adadelta',
  module: 'torch.optim.adadelta',
  signature: 'Adadelta(self, params, lr=1.0, rho=0.9, eps=1e-06, weight_decay=0, foreach=None, *, capturable=False, maximize=False, differentiable=False)',
  async validate(a) {
    tensorLr(a.get('lr')!);
    await atLeastZero(a.get('lr')!, 'Invalid learning rate');
    const rho = num(a.get('rho')!);
    if (!(rho >= 0 && rho <= 1)) await invalid(a.get('rho')!, 'Invalid rho value');
    await atLeastZero(a.get('eps')!, 'Invalid epsilon value');
    await atLeastZero(a.get('weight_decay')!, 'Invalid weight_decay value');
  },
  defaults: ['lr', 'rho', 'eps', 'weight_decay', 'maximize', 'capturable', 'foreach', 'differentiable'],
  setstate: [['foreach', null], ['maximize', false], ['differentiable', false], ['capturable', false]],
  update(o, g) {
    const [lr, rho, eps, wd] = [f(g, 'lr'), f(g, 'rho'), f(g, 'eps'), f(g, 'weight_decay')];
    const maximize = flag(g, 'maximize');
    for (const p of paramsWithGrad(g)) {
      const st = o.stateOf(p);
      if (st.size === 0) {
        st.set('step', stepTensor());
        st.set('square_avg', zerosLike(p));
        st.set('acc_delta', zerosLike(p));
      }
      bumpStep(st);
      let grad = grad0(p, maximize);
      if (wd !== 0) grad = A.add(grad, p, wd);
      const squareAvg = st.get('square_avg') as Tensor;
      const accDelta = st.get('acc_delta') as Tensor;
      A.addcmul_(A.mul_(squareAvg, rho), grad, grad, 1 - rho);
      const std = U.sqrt_(A.add(squareAvg, eps));
      const delta = U.sqrt_(A.add(accDelta, eps));
      A.mul_(A.div_(delta, std), grad);
      A.addcmul_(A.mul_(accDelta, rho), delta, delta, 1 - rho);
      A.add_(p, delta, -lr);
    }
  },
});

export const AdamaxType = defineOptimizer({
  name: 'Adamax',
  module: 'torch.optim.adamax',
  signature: `Adamax(self, params, lr=0.002, betas=${BETAS_DEFAULT}, eps=1e-08, weight_decay=0, foreach=None, *, maximize=False, differentiable=False, capturable=False)`,
  async validate(a) {
    tensorLr(a.get('lr')!);
    await atLeastZero(a.get('lr')!, 'Invalid learning rate');
    await atLeastZero(a.get('eps')!, 'Invalid epsilon value');
    await checkBetas(a.get('betas')!);
    await atLeastZero(a.get('weight_decay')!, 'Invalid weight_decay value');
  },
  defaults: ['lr', 'betas', 'eps', 'weight_decay', 'foreach', 'maximize', 'differentiable', 'capturable'],
  setstate: [['foreach', null], ['maximize', false], ['differentiable', false], ['capturable', false]],
  update(o, g) {
    const [lr, eps, wd] = [f(g, 'lr'), f(g, 'eps'), f(g, 'weight_decay')];
    const [b1, b2] = betas(g);
    const maximize = flag(g, 'maximize');
    for (const p of paramsWithGrad(g)) {
      const st = o.stateOf(p);
      if (st.size === 0) {
        st.set('step', stepTensor());
        st.set('exp_avg', zerosLike(p));
        st.set('exp_inf', zerosLike(p));
      }
      let grad = grad0(p, maximize);
      const step = bumpStep(st);
      if (wd !== 0) grad = A.add(grad, p, wd);
      const expAvg = st.get('exp_avg') as Tensor;
      const expInf = st.get('exp_inf') as Tensor;
      A.lerp_(expAvg, grad, 1 - b1);
      copy_(expInf, A.maximum(A.mul_(expInf, b2), A.add_(U.abs(grad), eps)));
      const clr = lr / (1 - crPow(b1, step));
      A.addcdiv_(p, expAvg, expInf, -clr);
    }
  },
});
