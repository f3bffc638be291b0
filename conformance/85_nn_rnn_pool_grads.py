# Recurrent layers and gradients through the new layers (nn/ additions): RNN/LSTM/GRU construction
# (draw order, reprs, parameter names and versions), forwards (multi-layer, batch_first,
# bidirectional, proj_size, unbatched, given hx, relu RNN), functional_call over an LSTM, and
# backward through LSTM, pooling, PReLU and InstanceNorm.
import torch
import torch.nn as nn
from torch.func import functional_call

r = nn.RNN(3, 4)
l = nn.LSTM(3, 4, num_layers=2, batch_first=True)
g = nn.GRU(3, 2, bidirectional=True)
rr = nn.RNN(3, 2, nonlinearity='relu', bias=False)
lp = nn.LSTM(3, 4, proj_size=2)
print(r, l, g, rr, lp)
print([(k, tuple(v.shape), v._version) for k, v in lp.named_parameters()])
print(r.weight_ih_l0, l._flat_weights_names, r.nonlinearity, rr.mode, l.hidden_size, l.num_layers)
x = torch.arange(2 * 5 * 3, dtype=torch.float32).reshape(2, 5, 3).sin()
out, h = r(x)
print(out.grad_fn.name(), h.grad_fn.name(), out[0], h, sep='\n')
out, (h, c) = l(x)
print(out.grad_fn.name(), out[1], h, c, sep='\n')
out, h = g(x)
print(out.shape, h.shape, out[-1], h, sep='\n')
out, h = g(x[0])
print(out.shape, h.shape, out.grad_fn.name())
out, (h, c) = lp(x, (torch.ones(1, 5, 2), torch.zeros(1, 5, 4)))
print(out[1], h, c, sep='\n')
print(rr(x)[0][1])

weights = {k: torch.full_like(v, 0.1) for k, v in l.named_parameters()}
fo, (fh, fc) = functional_call(l, weights, (x,))
print(fo[0], fh.shape, l.weight_ih_l0[0])

xs = x.clone().requires_grad_()
out, (h, c) = l(xs)
(out.sum() + c.pow(2).sum()).backward()
print(xs.grad[0], l.weight_hh_l1.grad[:2], l.bias_ih_l0.grad[:4], sep='\n')

img = torch.arange(1 * 2 * 4 * 5, dtype=torch.float32).reshape(1, 2, 4, 5).sin().requires_grad_()
net = nn.Sequential(nn.Conv2d(2, 3, 2), nn.PReLU(3), nn.InstanceNorm2d(3, affine=True), nn.MaxPool2d(2, ceil_mode=True),
                    nn.AvgPool2d(2, 1, 1, count_include_pad=False), nn.Flatten(), nn.Linear(27, 2))
y = net(img)
print(net, y, y.grad_fn.name(), sep='\n')
(y * torch.tensor([[1.0, -2.0]])).sum().backward()
print(img.grad, net[1].weight.grad, net[2].weight.grad, net[0].bias.grad, sep='\n')
pooled = nn.AdaptiveAvgPool2d((3, 2))(img)
pooled.pow(2).sum().backward()
print(pooled, img.grad[0, 1], sep='\n')
