# A tiny encoder/decoder image model (U-Net style) built from the pooling and resampling layers:
# MaxPool2d(ceil_mode), AdaptiveMaxPool2d with a None size, nn.Upsample in 'bicubic' and
# 'nearest-exact', F.interpolate(mode='area') thumbnails, AdaptiveMaxPool1d(return_indices) over a
# sequence branch. functional_call swaps in halved weights; gradients flow back through every
# resampling op to the override tensors; a legacy register_backward_hook on the head shows what it
# sees (and its FutureWarning); wrong input ranks fail with PyTorch's errors.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, ceil_mode=True)
        self.mid = nn.Conv2d(4, 4, 3, padding=1)
        self.squeeze = nn.AdaptiveMaxPool2d((2, None))
        self.up = nn.Upsample(scale_factor=2, mode='bicubic')
        self.fit = nn.Upsample(size=(5, 7), mode='nearest-exact')
        self.head = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        e = torch.relu(self.enc(x))
        m = torch.relu(self.mid(self.pool(e)))
        u = self.fit(self.up(m))
        return self.head(torch.cat([e, u], dim=1)), self.squeeze(m)


torch.manual_seed(0)
model = TinyUNet()
print(model)
x = torch.linspace(-1, 1, 2 * 5 * 7).reshape(2, 1, 5, 7).sin()
out, code = model(x)
print(out.shape, out.grad_fn.name(), code.shape, code.grad_fn.name())
print(out[1, 0])

thumb = F.interpolate(out, scale_factor=0.5, mode='area')
print('thumbnail', thumb.shape, thumb.grad_fn.name())
print(thumb[0, 0])

halved = {k: (v.detach() * 0.5).requires_grad_() for k, v in model.named_parameters()}
seen = []
handle = model.head.register_backward_hook(lambda m, gin, gout: seen.append(([None if g is None else tuple(g.shape) for g in gin], tuple(gout[0].shape))))
out2, code2 = functional_call(model, halved, (x,))
loss = out2.pow(2).mean() + code2.abs().mean()
grads = torch.autograd.grad(loss, list(halved.values()))
print('loss', round(loss.item(), 5))
for (k, _), g in zip(halved.items(), grads):
    print(k, tuple(g.shape), round(g.norm().item(), 4))
print('head hook saw', seen)
handle.remove()
del handle
print('own weights untouched:', all(p.grad is None for p in model.parameters()))

seq = torch.linspace(0, 3, 2 * 3 * 10).reshape(2, 3, 10).cos()
peaks, where = nn.AdaptiveMaxPool1d(4, return_indices=True)(seq)
print(peaks[0], where[0], sep='\n')
smooth = nn.AvgPool1d(3, stride=2, padding=1, count_include_pad=False)(seq)
print(smooth.shape, smooth[1, 2])

for bad in [lambda: model.up(x[0]), lambda: F.interpolate(x, size=3, mode='trilinear'), lambda: nn.MaxPool2d(4, padding=3)(x)]:
    try:
        bad()
    except (NotImplementedError, RuntimeError) as e:
        print(type(e).__name__ + ':', e)
