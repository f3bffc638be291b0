// torch.func.stack_module_state(models) → (params, buffers): each named parameter / buffer stacked
// across the models along a new leading dim — the input functional_call + vmap want for model
// ensembling. As torch/_functorch/functional_call.py: the models must share a class and a
// training mode; a stacked entry is a fresh leaf that requires grad when every model's entry does
// (all or none, else an error naming the entry). Keys come from the first model, in its
// named_parameters() / named_buffers() order.

import { PyError } from '../../../errors';
import { stack } from '../../../tensor/ops/join';
import { detach } from '../../../tensor/ops/views';
import { Tensor } from '../../../tensor/tensor';
import { toArray } from '../../builtins/iter';
import { PyBuiltinFunction, PyDict, PyTuple, callMethod, getattr, typeOf, type PyValue } from '../../object';
import { binder } from '../args';
import { truthy } from './convert';

const bind = binder('stack_module_state(models)');

/** dict(model.named_parameters()) or dict(model.named_buffers()), in order. */
async function namedState(model: PyValue, method: 'named_parameters' | 'named_buffers'): Promise<Map<string, Tensor>> {
  const out = new Map<string, Tensor>();
  for (const pair of await toArray(await callMethod(model, method, []))) {
    const [k, v] = (pair as PyTuple).items;
    out.set(k as string, v as Tensor);
  }
  return out;
}

/** construct_stacked_leaf: stack, then detach().requires_grad_() when all require grad. */
function stackedLeaf(tensors: Tensor[], name: string): Tensor {
  const all = tensors.every((t) => t.requiresGrad);
  if (!all && tensors.some((t) => t.requiresGrad))
    throw new PyError('RuntimeError', `Expected ${name} from each model to have the same .requires_grad`);
  const result = stack(tensors, 0);
  if (!all) return result;
  const leaf = detach(result);
  leaf.requiresGrad = true;
  return leaf;
}

async function stacked(models: PyValue[], method: 'named_parameters' | 'named_buffers'): Promise<PyDict> {
  const states = await Promise.all(models.map((m) => namedState(m, method)));
  const d = new PyDict();
  for (const k of states[0].keys()) d.set(k, stackedLeaf(states.map((s) => s.get(k)!), k));
  return d;
}

export const stackModuleStateFn = new PyBuiltinFunction('stack_module_state', async (a, kw) => {
  const [modelsArg] = bind(a, kw).values;
  const models = await toArray(modelsArg);
  if (models.length === 0) throw new PyError('RuntimeError', 'stack_module_state: Expected at least one model, got 0.');
  const modes = await Promise.all(models.map(async (m) => truthy(await getattr(m, 'training'))));
  if (!(modes.every((t) => t) || modes.every((t) => !t)))
    throw new PyError('RuntimeError', 'stack_module_state: Expected all models to have the same training/eval mode.');
  const cls = typeOf(models[0]);
  if (!models.every((m) => typeOf(m) === cls)) throw new PyError('RuntimeError', 'stack_module_state: Expected all models to be of the same class.');
  return new PyTuple([await stacked(models, 'named_parameters'), await stacked(models, 'named_buffers')]);
}, 'torch.func.stack_module_state');
