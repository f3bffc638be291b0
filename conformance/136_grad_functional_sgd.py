# Functional training: keep params in a dict, update with torch.func.grad + functional_call.
import torch
import torch.nn as nn
from torch.func import functional_call, grad

model = nn.Linear(2, 1)
params = {k: torch.zeros_like(v) for k, v in model.named_parameters()}
X = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 0.0], [0.0, 3.0]])
y = X @ torch.tensor([[2.0], [-1.0]]) + 0.5

def loss_fn(p, x, t):
    return ((functional_call(model, p, (x,)) - t) ** 2).mean()

for step in range(100):
    g = grad(loss_fn)(params, X, y)
    params = {k: params[k] - 0.05 * g[k] for k in params}
    if step % 25 == 0:
        print(step, round(loss_fn(params, X, y).item(), 5))
print({k: v.round(decimals=3) for k, v in params.items()})
print(model.weight.requires_grad, params['weight'].requires_grad)
print(model.weight.shape == params['weight'].shape)
print(sorted(g.keys()), type(g).__name__)
