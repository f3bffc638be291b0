# Module.register_full_backward_hook / register_full_backward_pre_hook (nn/ additions): the
# hooked module's output grad_fn, the (grad_input, grad_output) tuples the hooks see, replacing
# grad_input or grad_output, a module whose input does not require grad (grad_input None), a
# two-input module, removing a hook, and hooks inside a Sequential.
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -1.0, 0.5], [2.0, 0.0, -0.5]]))
    lin.bias.fill_(0.1)
def show(mod, gin, gout):
    print('full hook', type(mod).__name__, [None if g is None else g.tolist() for g in gin], [g.tolist() for g in gout])
_h = lin.register_full_backward_hook(show)
x = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
y = lin(x)
print(y.grad_fn.name(), y)
y.sum().backward()
print(x.grad, lin.weight.grad)

x.grad = None
lin.weight.grad = None
_h.remove()
_h2 = lin.register_full_backward_hook(lambda mod, gin, gout: (gin[0] * 10,))
lin(x).sum().backward()
print(x.grad, lin.weight.grad)
_h2.remove()

x.grad = None
lin.weight.grad = None
def pre(mod, gout):
    print('pre hook', [g.tolist() for g in gout])
    return (gout[0] * 2,)
_h3 = lin.register_full_backward_pre_hook(pre)
lin(x).sum().backward()
print(x.grad, lin.weight.grad)
_h3.remove()

lin.weight.grad = None
_h4 = lin.register_full_backward_hook(show)
lin(torch.ones(1, 3)).pow(2).sum().backward()
print(lin.weight.grad)
_h4.remove()

class Two(nn.Module):
    def forward(self, a, b):
        return a * b, a + b
two = Two()
two.register_full_backward_hook(lambda mod, gin, gout: print('two', [g.tolist() for g in gin], [g.tolist() for g in gout]))
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, -1.0], requires_grad=True)
p, s = two(a, b)
(p.sum() * 2 + s.sum()).backward()
print(a.grad, b.grad)

net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    for i, prm in enumerate(net.parameters()):
        prm.copy_(torch.arange(prm.numel(), dtype=torch.float32).reshape(prm.shape) * 0.5 - i * 0.25)
for i, m in enumerate(net):
    m.register_full_backward_hook(lambda mod, gin, gout, i=i: print('layer', i, type(mod).__name__, [None if g is None else g.tolist() for g in gin], [g.tolist() for g in gout]))
net(torch.tensor([[1.0, -2.0]])).sum().backward()
