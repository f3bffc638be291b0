# Broadcasting and reductions: sum/mean/max/min/argmax/std/var/prod/cumsum, keepdim, dims.
import torch

a = torch.arange(12, dtype=torch.float32).reshape(3, 4)
b = torch.tensor([1.0, 10.0, 100.0, 1000.0])
print(a + b)
print(a * b[:, None][:3] if False else a * torch.tensor([[1.0], [2.0], [3.0]]))
print(a.sum(), a.sum(0), a.sum(dim=1, keepdim=True))
print(a.mean(), a.mean(-1))
vals, idx = a.max(dim=1)
print(vals, idx)
print(a.max(), a.argmax(), a.argmin(dim=0))
print(torch.max(a, 0))
print(a.min(1).values, a.min(1).indices)
print(a.std(), a.var(dim=0), a.std(dim=1, unbiased=False))
print(a.prod(1), a.cumsum(1), a.cumprod(0))
print(a.norm(), a.norm(dim=1), torch.linalg.norm(a, dim=0))
print(a.amax(dim=(0, 1)), a.logsumexp(1))
print(a.median(), a.median(dim=1))
print(torch.sort(torch.tensor([3.0, 1.0, 2.0]), descending=True))
print(torch.topk(a.flatten(), 3))
print(a.all(), (a > 0).any(dim=1), (a > -1).all())
print(torch.count_nonzero(a), a.sum(dtype=torch.float64))
i = torch.arange(6).reshape(2, 3)
print(i.sum(), i.mean(dtype=torch.float32), i.float().mean())
try:
    i.mean()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a + torch.ones(3)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.ones(2, 1, 3) + torch.ones(4, 1), (torch.ones(2, 1, 3) + torch.ones(4, 1)).shape)
