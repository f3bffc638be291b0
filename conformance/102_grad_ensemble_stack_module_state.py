# Model ensembling tutorial: stack_module_state + vmap over a 'meta' base model.
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import stack_module_state, functional_call, vmap

torch.manual_seed(0)

class SimpleMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.fc2 = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))

num_models = 3
models = [SimpleMLP() for _ in range(num_models)]
minibatch = torch.randn(4, 3)
predictions_diff_minibatch_loop = [model(minibatch) for model in models]

params, buffers = stack_module_state(models)
print({k: tuple(v.shape) for k, v in params.items()})
print(buffers)
print(params['fc1.bias'].requires_grad, params['fc1.bias'].is_leaf)

base_model = copy.deepcopy(models[0])
base_model = base_model.to('meta')
print(base_model.fc1.weight.device)

def fmodel(params, buffers, x):
    return functional_call(base_model, (params, buffers), (x,))

predictions = vmap(fmodel, in_dims=(0, 0, None))(params, buffers, minibatch)
print(predictions.shape)
assert torch.allclose(predictions, torch.stack(predictions_diff_minibatch_loop), atol=1e-3, rtol=1e-5)
print(predictions[1])
