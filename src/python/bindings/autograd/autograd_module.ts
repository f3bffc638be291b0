// `torch.autograd`: grad and backward over the engine (tensor/autograd/api.ts), next to the
// grad-mode context managers the torch bindings already provide (no_grad, enable_grad, ...).

import { backward, grad } from '../../../tensor/autograd';
import { PyBuiltinFunction, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { NoGradType, EnableGradType, SetGradEnabledType, InferenceModeType } from '../torch/grad_mode';
import { optBool, optionalTensors, tensors, truthy } from './convert';

const bindGrad = binder(
  'grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False)',
);
const bindBackward = binder('backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None)');

export const autogradGradFn = new PyBuiltinFunction('grad', async (a, kw) => {
  const [outputs, inputs, gradOutputs, retain, create, , allowUnused, , materialize] = bindGrad(a, kw).values;
  const outs = tensors(outputs, 'outputs');
  const ins = tensors(inputs, 'inputs');
  const res = await grad(outs, ins, optionalTensors(gradOutputs, outs.length), {
    retainGraph: optBool(retain),
    createGraph: truthy(create),
    allowUnused: optBool(allowUnused),
    materializeGrads: truthy(materialize),
  });
  return new PyTuple(res);
}, 'torch.autograd.grad');

export const autogradBackwardFn = new PyBuiltinFunction('backward', async (a, kw) => {
  const [ts, gradTensors, retain, create, , inputs] = bindBackward(a, kw).values;
  const outs = tensors(ts);
  await backward(outs, optionalTensors(gradTensors, outs.length), {
    retainGraph: optBool(retain),
    createGraph: truthy(create),
    inputs: inputs === null ? null : tensors(inputs, 'inputs'),
  });
  return null;
}, 'torch.autograd.backward');

export function autogradEntries(): [string, PyValue][] {
  return [
    ['grad', autogradGradFn],
    ['backward', autogradBackwardFn],
    ['no_grad', NoGradType],
    ['enable_grad', EnableGradType],
    ['set_grad_enabled', SetGradEnabledType],
    ['inference_mode', InferenceModeType],
  ];
}
