# Last-bit parity of a small training run, printed at full precision: a Linear → Tanh → Linear MLP
# with mse_loss (tanh_backward, mse_loss_backward, the bias grads summed over the batch), SGD with
# momentum and weight decay (add with alpha), Adam (lerp, addcmul, addcdiv), then one MAML-style
# outer step through torch.func.functional_call with create_graph=True (second-order gradients
# through addmm's double backward), a double backward through tanh, and the fused kernels on their own (add/sub with alpha,
# including a broadcast column, lerp with scalar and tensor weights, addcmul, addcdiv).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call

torch.set_printoptions(precision=10)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
x = torch.randn(8, 4)
y = torch.randn(8, 1)

loss = F.mse_loss(model(x), y)
loss.backward()
print("loss", loss)
for name, p in model.named_parameters():
    print(name, "grad", p.grad)

opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
for step in range(3):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    print("sgd", step, loss.item())
print("after sgd", model[0].weight, model[2].bias)

opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(3):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    print("adam", step, loss.item())
print("after adam", model[0].bias, model[2].weight)

# MAML: one inner SGD step kept in the graph, the outer loss differentiated through it (a ReLU
# net: the order in which the double backward of addmm adds its gradients shows here)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
params = dict(model.named_parameters())
inner = F.mse_loss(functional_call(model, params, (x,)), y)
grads = torch.autograd.grad(inner, list(params.values()), create_graph=True)
fast = {k: p - 0.1 * g for (k, p), g in zip(params.items(), grads)}
xq = torch.randn(5, 4)
yq = torch.randn(5, 1)
outer = F.mse_loss(functional_call(model, fast, (xq,)), yq)
meta = torch.autograd.grad(outer, list(params.values()))
print("outer", outer)
for (name, _), g in zip(params.items(), meta):
    print("meta", name, g)

# tanh's double backward (TanhBackwardBackward0) on values whose tanh rounds the same everywhere
t = torch.linspace(-2, 2, 9, requires_grad=True)
(gt,) = torch.autograd.grad(torch.tanh(t).sum(), t, create_graph=True)
print(gt, torch.autograd.grad((gt * torch.arange(9.)).sum(), t))

# the fused kernels themselves
a = torch.randn(37)
b = torch.randn(37)
c = torch.rand(37) + 0.5
print(a.add(b, alpha=-0.1))
print(torch.sub(a, b, alpha=0.3))
print(torch.lerp(a, b, 0.3), torch.lerp(a, b, 0.8))
print(torch.lerp(a, b, torch.rand(37) * 2 - 0.5))
print(torch.addcmul(a, b, c, value=-0.1))
print(torch.addcdiv(a, b, c, value=0.7))
print(torch.add(a.view(1, 37).expand(3, 37), torch.randn(3, 1), alpha=0.3))
