# nn.Upsample / UpsamplingNearest2d / UpsamplingBilinear2d and F.interpolate (nn/ additions):
# nearest (1-d, 2-d, size or scale_factor, non-integer scales), linear and bilinear with and
# without align_corners, reprs, grad_fns and gradients, argument errors.
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(1 * 2 * 3 * 4, dtype=torch.float32).reshape(1, 2, 3, 4).sin().requires_grad_()
x1 = torch.arange(2 * 5, dtype=torch.float32).reshape(1, 2, 5).cos()
mods = [nn.Upsample(scale_factor=2), nn.Upsample(size=(5, 7), mode='bilinear'), nn.Upsample(scale_factor=(1.5, 2.5), mode='bilinear', align_corners=True),
        nn.UpsamplingNearest2d(size=5), nn.UpsamplingBilinear2d(scale_factor=2)]
for m in mods:
    y = m(x)
    print(m, y.shape, y.grad_fn.name())
    print(y[0, 1])
print(F.interpolate(x1, size=8), F.interpolate(x1, scale_factor=1.7, mode='linear'), F.interpolate(x1, size=3, mode='linear', align_corners=True), sep='\n')
print(F.interpolate(x, scale_factor=0.5)[0, 0], F.interpolate(x, size=(2, 3), mode='bilinear')[0, 0], sep='\n')
y = F.interpolate(x, size=(4, 6), mode='bilinear')
(y * torch.arange(48.0).reshape(1, 2, 4, 6)).sum().backward()
print(x.grad[0, 0])
x.grad = None
F.interpolate(x, scale_factor=(1.5, 1.5)).pow(2).sum().backward()
print(x.grad[0, 1])
for bad in [lambda: F.interpolate(x, size=4, scale_factor=2), lambda: F.interpolate(x), lambda: F.interpolate(x, size=4, align_corners=True)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
