# RNNCell / LSTMCell / GRUCell (nn/ additions): init draws and versions, reprs, batched and
# unbatched steps with and without a given state, grad_fns, a gradient, the input-size error.
import torch
import torch.nn as nn
c1 = nn.RNNCell(3, 4)
c2 = nn.LSTMCell(3, 2)
c3 = nn.GRUCell(3, 2, bias=False)
c4 = nn.RNNCell(3, 2, nonlinearity="relu")
print(c1, c2, c3, c4)
print([(k, tuple(v.shape), v._version) for k, v in c2.named_parameters()])
x = torch.arange(6.0).reshape(2, 3).sin()
h = c1(x); print(h, h.grad_fn.name())
h, c = c2(x); print(h, c, h.grad_fn.name(), c.grad_fn.name())
h2, c2b = c2(x[0], (h[0], c[0])); print(h2, c2b)
g = c3(x, torch.ones(2, 2)); print(g, g.grad_fn.name())
print(c4(x[1]))
try:
    c1(torch.ones(2, 5))
except Exception as e:
    print(type(e).__name__, e)
xs = x.clone().requires_grad_()
h, c = c2(xs)
(h.sum() + c.pow(2).sum()).backward()
print(xs.grad, c2.weight_hh.grad[:3], sep='\n')
