# Last-bit parity of values users print, at precision 10: torch.linspace / arange / logspace (the
# kernels' fused multiply-adds and arange's vector lanes), sigmoid (torch., F., nn.) and its relatives on a tensor long
# enough for a vector loop and a scalar tail (SLEEF's exp against glibc's), the elu family, and the
# losses whose reductions follow ATen's order (smooth_l1, huber, bce, nll's cascade, weighted cross
# entropy), tanh's ±1 cutoff, plus add/lerp/addcmul on float16.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_printoptions(precision=10)
torch.manual_seed(0)

print(torch.linspace(-3, 3, 7))
print(torch.linspace(0, 1, 11))
print(torch.linspace(-3, 3, 37))
print(torch.linspace(0, 2 * 3.141592653589793, 50)[20:30])
print(torch.linspace(0, 1, 11, dtype=torch.float64))
print(torch.linspace(0, 10, 7, dtype=torch.int64))
print(torch.arange(0, 3, 0.1))
print(torch.arange(-1, 1, 0.05)[::5])
print(torch.logspace(-3, 3, 13))
print(torch.logspace(0, 1, 5, base=2))

x = torch.randn(70) * 3
print(torch.sigmoid(x))
print(F.sigmoid(x[:40]))
print(nn.Sigmoid()(x[5:45]))
print(F.silu(x))
print(F.elu(x, 0.5))
print(F.selu(x[:40]))
print(F.celu(x, 2.0))
print(torch.exp(x[:20]))
y = x.clone()
y.sigmoid_()
print(y[30:])
print(torch.sigmoid(torch.linspace(-6, 6, 13)))
print(torch.tanh(torch.linspace(8.5, 9.1, 7)), torch.tanh(x[:6]))

a = torch.randn(200)
b = torch.randn(200)
print(F.mse_loss(a, b), F.l1_loss(a, b))
print(F.smooth_l1_loss(a, b), F.smooth_l1_loss(a, b, beta=0.3, reduction='sum'))
print(F.huber_loss(a, b), F.huber_loss(a, b, delta=2.5, reduction='sum'))
p = torch.rand(200) * 0.98 + 0.01
q = torch.rand(200)
print(F.binary_cross_entropy(p, q), F.binary_cross_entropy(p, q, weight=q + 0.5, reduction='sum'))
print(F.binary_cross_entropy_with_logits(a, q))
logits = torch.randn(60, 5)
target = torch.randint(0, 5, (60,))
target[::7] = -100
w = torch.rand(5) + 0.5
lp = F.log_softmax(logits, 1)
print(F.nll_loss(lp, target), F.nll_loss(lp, target, weight=w), F.nll_loss(lp, target, reduction='sum'))
print(F.cross_entropy(logits, target, weight=w))
print(F.kl_div(lp, F.softmax(logits.flip(0), 1), reduction='batchmean'))

h = torch.randn(100).half()
g = torch.randn(100).half()
print(torch.add(h, g, alpha=0.3)[90:])
print(torch.lerp(h, g, 0.3)[90:])
print(torch.addcmul(h, h, g, value=0.5)[90:])
