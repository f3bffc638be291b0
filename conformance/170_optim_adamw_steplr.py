# A small regression trained the usual way: AdamW + StepLR + clip_grad_norm_, losses and learning
# rates printed each epoch, then the optimizer's and scheduler's state_dict and a resume check.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(32, 4)
true_w = torch.tensor([[1.5], [-2.0], [0.5], [3.0]])
y = X @ true_w + 0.1 * torch.randn(32, 1)

model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.AdamW(model.parameters(), lr=0.05, weight_decay=0.01)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=5, gamma=0.5)
loss_fn = nn.MSELoss()

for epoch in range(15):
    for i in range(0, 32, 8):
        xb, yb = X[i:i + 8], y[i:i + 8]
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        opt.step()
    sched.step()
    print(f"epoch {epoch:2d} loss {loss.item():.4f} grad_norm {norm.item():.4f} lr {sched.get_last_lr()[0]}")

with torch.no_grad():
    final = loss_fn(model(X), y).item()
print(f'final {final:.4f}')
print(model[0].weight)
sd = opt.state_dict()
print(sorted(sd['state'].keys()), sd['param_groups'][0]['lr'], sd['param_groups'][0]['initial_lr'])
print(sd['state'][0]['step'], sd['state'][3]['exp_avg_sq'])
print(sched.state_dict())
print(opt)
last_lr = sched.get_last_lr()
del sched  # a scheduler's repr holds its memory address
