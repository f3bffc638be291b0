# Tensor creation helpers and their defaults.
import torch

print(torch.zeros(2, 3), torch.ones(2, dtype=torch.int64))
print(torch.full((2, 2), 3.5), torch.full((2,), 3))
print(torch.arange(5), torch.arange(1, 4), torch.arange(0, 1, 0.25), torch.arange(5.0))
print(torch.linspace(0, 1, steps=4), torch.logspace(0, 2, 3))
print(torch.eye(2, 3))
print(torch.tensor([[1, 2.0], [3, 4]]))
print(torch.tensor([True, 1]))
print(torch.tensor([]), torch.tensor([]).shape, torch.tensor([[]]).shape)
x = torch.arange(6.).reshape(2, 3)
print(torch.zeros_like(x), torch.ones_like(x, dtype=torch.long), torch.full_like(x, 7))
print(x.new_zeros(2), x.new_ones((1, 2)), x.new_full((2,), -1.0), x.new_tensor([1, 2]))
print(torch.as_tensor([1, 2, 3]), torch.as_tensor(x) is x)
y = x.clone()
y[0, 0] = 100
print(x[0, 0], y[0, 0])
z = x.detach()
z[0, 0] = -5
print(x[0, 0])
print(torch.tensor(x.tolist()).dtype, torch.tensor(5).shape, torch.tensor([5]).shape)
print(torch.empty(2, 3).shape, torch.zeros(0, 3).shape, torch.zeros((2, 2)).shape, torch.zeros([1, 2]).shape)
print(torch.tril(torch.ones(3, 3)), torch.triu(torch.ones(3, 3), 1))
print(torch.diag(torch.tensor([1, 2, 3])), torch.diag(torch.arange(9).reshape(3, 3)))
print(torch.arange(10).view(2, 5).T.contiguous().view(-1))
try:
    torch.tensor([[1, 2], [3]])
except ValueError as e:
    print("ValueError:", e)
try:
    torch.arange(0, 1, 0)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.zeros(3, dtype=torch.float16).dtype, torch.tensor(1.0, dtype=torch.float64))
print(torch.Tensor([1, 2]), torch.FloatTensor([1.5]), torch.LongTensor([1, 2]))
print(torch.Tensor(2, 3).shape)
