# Small MLP fit with Adam + momentum SGD, weight decay, and a manual lr schedule.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1)
x = torch.linspace(-2, 2, 16).unsqueeze(-1)
y = x ** 2

net = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))
opt = torch.optim.Adam(net.parameters(), lr=0.05)
losses = []
for it in range(50):
    opt.zero_grad()
    loss = F.mse_loss(net(x), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
print([round(l, 4) for l in losses[::10]])
print(len(opt.state), sorted(opt.state[net[0].weight].keys()))
print(opt.state[net[0].bias]['step'])

net2 = nn.Linear(1, 1)
opt2 = torch.optim.SGD(net2.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-3)
for it in range(5):
    opt2.zero_grad()
    l = ((net2(x) - y) ** 2).mean()
    l.backward()
    opt2.step()
    for g in opt2.param_groups:
        g['lr'] *= 0.5
    print(it, f"{l.item():.5f}", opt2.param_groups[0]['lr'])
print(net2.weight.data, net2.bias.data)
