# cat / stack / split / chunk / unbind / hstack / vstack and their errors.
import torch

a = torch.arange(6).reshape(2, 3)
b = torch.arange(6, 12).reshape(2, 3)
print(torch.cat([a, b]))
print(torch.cat((a, b), dim=1))
print(torch.stack([a, b]).shape, torch.stack([a, b], dim=-1).shape)
print(torch.hstack([a, b]).shape, torch.vstack([a, b]).shape, torch.dstack([a, b]).shape)
print(torch.split(torch.arange(10), 3))
print(torch.arange(10).split([2, 8]))
print(torch.chunk(torch.arange(7), 3))
print(a.unbind(1))
print(torch.cat([torch.zeros(0), torch.ones(2)]))
parts = [torch.full((1, 2), float(i)) for i in range(3)]
print(torch.cat(parts, 0))
try:
    torch.cat([a, torch.ones(3, 2)], dim=1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.stack([a, torch.ones(3, 2)])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.cat([a, b], dim=2)
except IndexError as e:
    print("IndexError:", e)
print(torch.cat([a, b.float()]).dtype)
print(torch.column_stack([torch.arange(3), torch.arange(3)]))
x, y = torch.meshgrid(torch.arange(2), torch.arange(3), indexing='ij')
print(x, y)
print(torch.tensor_split(torch.arange(7), 3))
