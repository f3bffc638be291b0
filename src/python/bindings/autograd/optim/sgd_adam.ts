// SGD, Adam and AdamW: PyTorch 2.6's single-tensor CPU update rules (_single_tensor_sgd /
// _single_tensor_adam / _single_tensor_adamw), op for op, so float32 results agree bit for bit. The
// Python-float parts (bias corrections, step sizes) are computed in float64 as CPython does, with a
// correctly rounded `**` (crmath.ts) where V8's would differ.

import * as A from '../../../../tensor/ops/arith';
import * as U from '../../../../tensor/ops/unary';
import { clone, copy_ } from '../../../../tensor/ops/copy';
import { detach } from '../../../../tensor/ops/views';
import { zerosLike } from '../../../../tensor/ops/creation';
import type { Tensor } from '../../../../tensor/tensor';
import { PyError } from '../../../../errors';
import { num, truthy } from '../convert';
import { crPow } from '../../../libm';
import { BETAS_DEFAULT, type Args, atLeastZero, betas, betasSameKind, bumpStep, checkBetas, defineOptimizer, f, flag, stepTensor, tensorLr } from './define';
import { type OptimizerObject, paramsWithGrad } from './optimizer';
import type { PyDict, PyValue } from '../../../object';

export const SGDType = defineOptimizer({
  name: 'SGD',
  module: 'torch.optim.sgd',
  signature: 'SGD(self, params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)',
  async validate(a) {
    tensorLr(a.get('lr')!);
    // SGD writes `lr < 0.0` (not `not 0.0 <= lr`): NaN passes
    for (const [k, label] of [['lr', 'Invalid learning rate'], ['momentum', 'Invalid momentum value'], ['weight_decay', 'Invalid weight_decay value']])
      if (num(a.get(k)!) < 0) await atLeastZero(a.get(k)!, label);
    if (truthy(a.get('nesterov')!) && (num(a.get('momentum')!) <= 0 || num(a.get('dampening')!) !== 0))
      throw new PyError('ValueError', 'Nesterov momentum requires a momentum and zero dampening');
  },
  defaults: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov', 'maximize', 'foreach', 'differentiable', 'fused'],
  setstate: [['nesterov', false], ['maximize', false], ['foreach', null], ['differentiable', false], ['fused', null]],
  update(o, g) {
    const [lr, momentum, dampening, wd] = [f(g, 'lr'), f(g, 'momentum'), f(g, 'dampening'), f(g, 'weight_decay')];
    const [nesterov, maximize] = [flag(g, 'nesterov'), flag(g, 'maximize')];
    for (const p of paramsWithGrad(g)) {
      let grad = maximize ? U.neg(p.grad!) : p.grad!;
      if (wd !== 0) grad = A.add(grad, p, wd);
      if (momentum !== 0) {
        const st = o.stateOf(p);
        let buf = (st.get('momentum_buffer') ?? null) as Tensor | null;
        if (buf === null) buf = detach(clone(grad));
        else A.add_(A.mul_(buf, momentum), grad, 1 - dampening);
        grad = nesterov ? A.add(grad, buf, momentum) : buf;
        // the step writes the buffer back into state after the update (same object)
        st.set('momentum_buffer', buf);
      }
      A.add_(p, grad, -lr);
    }
  },
});

/** The Adam/AdamW update; `decoupled` is AdamW's `param.mul_(1 - lr * weight_decay)`. */
function adamUpdate(decoupled: boolean) {
  return (o: OptimizerObject, g: PyDict): void => {
    const [lr, eps, wd] = [f(g, 'lr'), f(g, 'eps'), f(g, 'weight_decay')];
    const [b1, b2] = betas(g);
    const [amsgrad, maximize] = [flag(g, 'amsgrad'), flag(g, 'maximize')];
    for (const p of paramsWithGrad(g)) {
      const st = o.stateOf(p);
      if (st.size === 0) {
        st.set('step', stepTensor());
        st.set('exp_avg', zerosLike(p));
        st.set('exp_avg_sq', zerosLike(p));
        if (amsgrad) st.set('max_exp_avg_sq', zerosLike(p));
      }
      let grad = maximize ? U.neg(p.grad!) : p.grad!;
      const step = bumpStep(st);
      if (decoupled) A.mul_(p, 1 - lr * wd);
      else if (wd !== 0) grad = A.add(grad, p, wd);
      const expAvg = st.get('exp_avg') as Tensor;
      const expAvgSq = st.get('exp_avg_sq') as Tensor;
      A.lerp_(expAvg, grad, 1 - b1);
      A.addcmul_(A.mul_(expAvgSq, b2), grad, grad, 1 - b2);
      const bc1 = 1 - crPow(b1, step);
      const bc2 = 1 - crPow(b2, step);
      const stepSize = lr / bc1;
      const bc2Sqrt = Math.sqrt(bc2);
      let denom: Tensor;
      if (amsgrad) {
        const mx = st.get('max_exp_avg_sq') as Tensor;
        copy_(mx, A.maximum(mx, expAvgSq));
        denom = A.add_(A.div(U.sqrt(mx), bc2Sqrt), eps);
      } else denom = A.add_(A.div(U.sqrt(expAvgSq), bc2Sqrt), eps);
      A.addcdiv_(p, expAvg, denom, -stepSize);
    }
  };
}

const adamSignature = (name: string, lr: string, wd: string): string =>
  `${name}(self, params, lr=${lr}, betas=${BETAS_DEFAULT}, eps=1e-08, weight_decay=${wd}, amsgrad=False, *, maximize=False, foreach=None, capturable=False, differentiable=False, fused=None)`;

async function validateAdam(a: Args): Promise<void> {
  const g = (k: string): PyValue => a.get(k)!;
  tensorLr(g('lr'));
  await atLeastZero(g('lr'), 'Invalid learning rate');
  await atLeastZero(g('eps'), 'Invalid epsilon value');
  await checkBetas(g('betas'));
  await atLeastZero(g('weight_decay'), 'Invalid weight_decay value');
  betasSameKind(g('betas'));
}

const adamSetstate: [string, PyValue][] = [
  ['amsgrad', false], ['maximize', false], ['foreach', null], ['capturable', false], ['differentiable', false], ['fused', null],
];

export const AdamType = defineOptimizer({
  name: 'Adam',
  module: 'torch.optim.adam',
  signature: adamSignature('Adam', '0.001', '0'),
  validate: validateAdam,
  defaults: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable', 'differentiable', 'fused'],
  setstate: adamSetstate,
  update: adamUpdate(false),
});

export const AdamWType = defineOptimizer({
  name: 'AdamW',
  module: 'torch.optim.adamw',
  signature: adamSignature('AdamW', '0.001', '0.01'),
  validate: validateAdam,
  defaults: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'foreach', 'maximize', 'capturable', 'differentiable', 'fused'],
  setstate: adamSetstate,
  update: adamUpdate(true),
});
