# MAML inner step: adapt the parameters with one gradient step taken by
# torch.func.grad over functional_call, then backpropagate the query loss
# through that step into the original parameters (second-order gradients).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call, grad

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
params = dict(model.named_parameters())

x_support = torch.linspace(-1, 1, 6).unsqueeze(1)
y_support = torch.sin(3 * x_support)
x_query = torch.linspace(-0.9, 0.9, 5).unsqueeze(1)
y_query = torch.sin(3 * x_query)

def loss_fn(p, x, y):
    return F.mse_loss(functional_call(model, p, (x,)), y)

inner_lr = 0.1
grads = grad(loss_fn)(params, x_support, y_support)
adapted = {k: p - inner_lr * grads[k] for k, p in params.items()}
print('support loss before:', round(loss_fn(params, x_support, y_support).item(), 4))
print('support loss after: ', round(loss_fn(adapted, x_support, y_support).item(), 4))

query_loss = loss_fn(adapted, x_query, y_query)
query_loss.backward()
print(query_loss)
meta_grads = {k: p.grad for k, p in model.named_parameters()}
for k, g in meta_grads.items():
    print(k, tuple(g.shape), round(g.norm().item(), 4))
print(adapted['2.bias'])
