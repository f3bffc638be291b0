# torch.logsumexp as ATen computes it (masked max, vector exp, the CPU sum's order, log, + max):
# values to the last bit, infinities, empty inputs and LogsumexpBackward0.
import torch
torch.manual_seed(0)
x = torch.randn(50, 37)
r = torch.logsumexp(x, 1)
print(sum(r.tolist()), r[:3].tolist(), torch.logsumexp(x, (0, 1)).item(), torch.logsumexp(x.double(), 0)[:2].tolist())
print(torch.logsumexp(torch.tensor([[float('inf'), 1.0], [float('-inf'), float('-inf')]]), 1), torch.logsumexp(torch.zeros(0, 3), 0))
y = torch.randn(4, 5, requires_grad=True)
torch.logsumexp(y, -1, keepdim=True).sum().backward()
print(y.grad[0].tolist(), torch.logsumexp(y, -1, keepdim=True).grad_fn.name())
