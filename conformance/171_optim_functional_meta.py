# Meta-learning with torch.func.functional_call: a MAML-style loop. The inner loop adapts a copy of
# the parameters with plain SGD steps taken by hand (create_graph=True keeps the second-order path),
# the outer loop updates the real parameters with Adam under CosineAnnealingLR; the module itself is
# never modified by the inner loop.
import math
import torch
import torch.nn as nn
from torch.func import functional_call

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1))
meta_opt = torch.optim.Adam(model.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(meta_opt, T_max=8, eta_min=0.001)


def task(phase, n=10):
    x = torch.rand(n, 1) * 6 - 3
    return x, torch.sin(x + phase)


def adapt(params, x, y, steps=2, inner_lr=0.1):
    for _ in range(steps):
        loss = nn.functional.mse_loss(functional_call(model, params, (x,)), y)
        grads = torch.autograd.grad(loss, list(params.values()), create_graph=True)
        params = {k: p - inner_lr * g for (k, p), g in zip(params.items(), grads)}
    return params


before = {k: v.detach().clone() for k, v in model.named_parameters()}
for it in range(8):
    meta_opt.zero_grad()
    total = 0.0
    for t in range(3):
        phase = (it * 3 + t) * 0.4
        xs, ys = task(phase)
        xq, yq = task(phase)
        fast = adapt(dict(model.named_parameters()), xs, ys)
        q_loss = nn.functional.mse_loss(functional_call(model, fast, (xq,)), yq)
        q_loss.backward()
        total += q_loss.item()
    meta_opt.step()
    sched.step()
    print(f"iter {it} meta-loss {total / 3:.6f} lr {sched.get_last_lr()[0]!r}")

moved = {k: (v - before[k]).abs().max().item() for k, v in model.named_parameters()}
print({k: round(m, 6) for k, m in moved.items()})
print(meta_opt.state[model[0].weight]['step'], sorted(meta_opt.state_dict()['state'].keys()))
x, y = task(1.0)
adapted = adapt(dict(model.named_parameters()), x, y, steps=3)
print(f'{nn.functional.mse_loss(functional_call(model, adapted, (x,)), y).item():.6f} {nn.functional.mse_loss(model(x), y).item():.6f}')
print(all(p.grad is not None for p in model.parameters()), model[0].weight.grad.shape)
del sched  # a scheduler's repr holds its memory address
