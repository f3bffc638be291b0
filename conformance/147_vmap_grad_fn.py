# vmap outputs that require grad print the grad_fn of PyTorch's batched op, which is usually the
# per-sample op's node and sometimes another overload (sum -> SumBackward1, mse_loss -> mean).
import torch
import torch.nn as nn
from torch.func import functional_call, grad, vmap

torch.manual_seed(0)
t = torch.randn(3, 4, requires_grad=True)
W = torch.randn(4, 2, requires_grad=True)
fs = {
    'mul': lambda x: x * 2, 'sum': lambda x: x.sum(), 'mean': lambda x: x.mean(), 'mm': lambda x: x @ W,
    'idx': lambda x: x[0], 'relu': lambda x: torch.relu(x), 'dot': lambda x: torch.dot(x, x),
    'exp': lambda x: x.exp(), 'view': lambda x: x.view(2, 2), 'add': lambda x: x + W.sum(),
    'sin_sum': lambda x: x.sin().sum(), 'norm': lambda x: x.norm(), 'softmax': lambda x: x.softmax(0),
    'mse': lambda x: torch.nn.functional.mse_loss(x, torch.zeros(4)),
    'linear': lambda x: torch.nn.functional.linear(x, W.T), 'unsqueeze': lambda x: x.unsqueeze(0),
    't': lambda x: x.view(2, 2).t(),
}
for k, f in fs.items():
    per_sample = f(t[0]).grad_fn.name()
    batched = vmap(f)(t)
    print(f'{k:10s} {per_sample:28s} {batched.grad_fn.name():20s} {type(batched.grad_fn).__name__}')
print(vmap(fs['sum'])(t))

# per-sample gradients without detaching the parameters: the results stay differentiable
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
params = dict(model.named_parameters())
x = torch.randn(5, 3)
y = torch.zeros(5, 1)

def loss(p, xi, yi):
    out = functional_call(model, p, (xi.unsqueeze(0),))
    return ((out - yi.unsqueeze(0)) ** 2).mean()

per_sample_grads = vmap(grad(loss), in_dims=(None, 0, 0))(params, x, y)
print(per_sample_grads['2.bias'])
print({k: v.grad_fn.name() for k, v in per_sample_grads.items()})
del fs, f
