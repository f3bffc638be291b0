# Indexing: basic, advanced, boolean masks, None/Ellipsis, assignment through indices.
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x[0])
print(x[:, 1])
print(x[..., -1])
print(x[1, :, ::2])
print(x[None, 0, 0].shape)
print(x[:, [0, 2]])
print(x[[0, 1], [1, 2]])
print(x[[0, 1], :, [3, 0]])
print(x[x % 5 == 0])
print(x[0][x[0] > 5])
print(x[torch.tensor([1]), 0])
y = torch.zeros(3, 4)
y[1] = 1
y[:, 2] = torch.tensor([5.0, 6.0, 7.0])
y[y == 0] = -1
y[0, [0, 3]] = 9
print(y)
z = torch.arange(10)
z[2:5] += 100
print(z)
print(z[-3:], z[::3], z[8:2:-1] if False else z.flip(0)[:3])
idx = torch.tensor([[0, 1], [2, 3]])
print(z[idx])
print(x[1, 2, 3], x[1, 2, 3].item(), type(x[1, 2, 3].item()).__name__)
print(torch.arange(6).reshape(2, 3)[:, None, :].shape)
m = torch.tensor([True, False, True])
print(torch.arange(9).reshape(3, 3)[m])
print(torch.arange(9).reshape(3, 3)[:, m])
try:
    print(x[2])
except IndexError as e:
    print("IndexError:", e)
try:
    print(x[0, 0, 4])
except IndexError as e:
    print("IndexError:", e)
