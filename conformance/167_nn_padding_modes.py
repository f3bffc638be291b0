# Non-constant padding: F.pad reflect/replicate (values, node names, gradients, the size error),
# the padding layers, Conv2d(padding_mode='reflect'/'replicate') padding before the conv, and
# nn.Embedding(max_norm=...) renormalizing the looked-up rows in place.
import torch
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn as nn
import torch.nn.functional as F
x = torch.arange(10.).reshape(1, 2, 5).requires_grad_()
for mode in ['reflect', 'replicate']:
    y = F.pad(x, (2, 1), mode=mode)
    print(mode, y, y.grad_fn.name())
    (y * torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape)).sum().backward()
    print(x.grad)
    x.grad = None
z = torch.arange(18.).reshape(1, 2, 3, 3).requires_grad_()
for mode in ['reflect', 'replicate']:
    y = F.pad(z, (1, 1, 2, 0), mode=mode)
    print(mode, y[0, 0], y.grad_fn.name())
try:
    F.pad(x, (5, 5), mode='reflect')
except RuntimeError as e:
    print(e)
x = torch.arange(10.).reshape(1, 2, 5)
z = torch.arange(18.).reshape(1, 2, 3, 3)
ls = [nn.ReflectionPad1d(2), nn.ReflectionPad1d((1, 3)), nn.ReplicationPad1d((1, 2)), nn.ConstantPad1d(2, 3.5), nn.ZeroPad1d(1)]
for l in ls: print(l, l(x)[0, 0].tolist(), l(x).grad_fn)
ls2 = [nn.ReflectionPad2d(1), nn.ReplicationPad2d((1, 0, 2, 1)), nn.ZeroPad2d(1), nn.ConstantPad2d((1, 1), -1.0)]
for l in ls2: print(l, l(z).shape, l(z)[0, 1, 0].tolist())
print(nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(2, 1, 3)))
torch.manual_seed(0)
z = torch.arange(18.).reshape(1, 2, 3, 3)
for m in ['zeros', 'reflect', 'replicate']:
    c = nn.Conv2d(2, 1, 3, padding=1, padding_mode=m)
    print(c, round(c(z).sum().item(), 3))
c1 = nn.Conv1d(2, 1, 3, padding=1, padding_mode='reflect')
print(c1(torch.ones(1, 2, 4)).shape)
torch.manual_seed(0)
e = nn.Embedding(5, 4, max_norm=1.0)
print(e.weight.norm(dim=1))
out = e(torch.tensor([1, 2]))
print(out, e.weight.norm(dim=1))
print(e)
del l, ls, ls2, c, c1, e
