# MAML-style inner loop with functional_call: adapt params on a support set, evaluate on query.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1))
params = dict(model.named_parameters())

x_support = torch.linspace(-1, 1, 10).unsqueeze(1)
y_support = torch.sin(3 * x_support)
x_query = torch.linspace(-0.9, 0.9, 5).unsqueeze(1)
y_query = torch.sin(3 * x_query)

inner_lr = 0.1
fast = params
for step in range(3):
    pred = functional_call(model, fast, (x_support,))
    loss = F.mse_loss(pred, y_support)
    grads = torch.autograd.grad(loss, list(fast.values()), create_graph=True)
    fast = {name: p - inner_lr * g for (name, p), g in zip(fast.items(), grads)}
    print(f"inner step {step}: loss={loss.item():.6f}")

query_pred = functional_call(model, fast, (x_query,))
meta_loss = F.mse_loss(query_pred, y_query)
meta_loss.backward()
print("meta loss:", meta_loss)
for name, p in model.named_parameters():
    print(name, tuple(p.grad.shape), round(p.grad.norm().item(), 4))
print(fast['0.weight'].grad_fn.name(), type(fast['0.weight'].grad_fn).__name__)
print(query_pred.squeeze())
