# reshape / view / permute / transpose / flatten / unflatten / squeeze chains and contiguity.
import torch

x = torch.arange(24).reshape(2, 3, 4)
y = x.permute(2, 0, 1)
print(y.shape, y.is_contiguous(), y.stride())
print(y.contiguous().stride())
try:
    y.view(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
print(y.reshape(4, 6))
print(x.transpose(0, 1).shape, x.mT.shape, x.flatten(1).shape, x.flatten().shape)
print(x.unflatten(2, (2, 2)).shape)
print(x.view(2, -1).shape, x.view(-1, 4)[-1])
print(x.unsqueeze(0).unsqueeze(-1).shape, x[:, :1].squeeze().shape, x[:, :1].squeeze(1).shape)
print(torch.arange(6).view(2, 3).t())
print(x.movedim(0, -1).shape, x.swapaxes(1, 2).shape)
print(x.expand(3, 2, 3, 4).shape if False else x[None].expand(3, -1, -1, -1).shape)
print(x.repeat(1, 2, 1).shape, x.tile((2,)).shape)
try:
    x.view(5, 5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.reshape(-1, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.permute(0, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
img = torch.arange(2 * 3 * 2 * 2).reshape(2, 3, 2, 2)
print(img.permute(0, 2, 3, 1).reshape(-1, 3))
print(img.size(), img.size(1), img.dim(), img.ndim, img.numel(), len(img))
print(x.T.shape if x.ndim == 2 else x.permute(*reversed(range(x.ndim))).shape)
print(torch.flatten(img, start_dim=1, end_dim=2).shape)
