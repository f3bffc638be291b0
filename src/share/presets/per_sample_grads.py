# Per-sample gradients: vmap(grad(loss)) over functional_call gives one
# gradient per example in one call. A plain loop of grad calls agrees.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call, grad, vmap

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
params = {k: v.detach() for k, v in model.named_parameters()}

x = torch.randn(5, 3)
y = torch.tensor([0, 1, 1, 0, 1])

def loss_fn(params, xi, yi):
    out = functional_call(model, params, (xi.unsqueeze(0),))
    return F.cross_entropy(out, yi.unsqueeze(0))

per_sample = vmap(grad(loss_fn), in_dims=(None, 0, 0))(params, x, y)
for k, g in per_sample.items():
    print(k, tuple(g.shape))

# the same gradients, one example at a time
for i in range(x.shape[0]):
    g_i = grad(loss_fn)(params, x[i], y[i])
    print(i, all(torch.allclose(g_i[k], per_sample[k][i], atol=1e-6) for k in params))

# the batch gradient is the mean of the per-sample ones
g_batch = grad(lambda p: F.cross_entropy(functional_call(model, p, (x,)), y))(params)
print(torch.allclose(g_batch['0.weight'], per_sample['0.weight'].mean(0), atol=1e-6))
print(per_sample['2.bias'])
