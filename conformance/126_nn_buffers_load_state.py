# Custom module with buffers (persistent / not), state_dict round trip, load_state_dict results.
import torch
import torch.nn as nn

class Normalizer(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer('mean', torch.zeros(n))
        self.register_buffer('std', torch.ones(n))
        self.register_buffer('calls', torch.tensor(0), persistent=False)
        self.scale = nn.Parameter(torch.ones(n))

    def forward(self, x):
        self.calls += 1
        return (x - self.mean) / self.std * self.scale

m = Normalizer(3)
print(m)
print(m.state_dict())
print(dict(m.named_buffers()))
m.mean.fill_(1.0)
print(m(torch.tensor([1.0, 2.0, 3.0])), m.calls)
sd = m.state_dict()
m2 = Normalizer(3)
res = m2.load_state_dict(sd)
print(res)
print(m2.mean, m2.calls)
res = m2.load_state_dict({'mean': torch.ones(3), 'extra': torch.zeros(1)}, strict=False)
print(res)
print(res.missing_keys, res.unexpected_keys)
try:
    m2.load_state_dict({'mean': torch.ones(4), 'std': torch.ones(3), 'scale': torch.ones(3)})
except RuntimeError as e:
    print(e)
try:
    m2.load_state_dict({'mean': torch.ones(3)})
except RuntimeError as e:
    print(e)
print(m2.mean.data_ptr() == m2.state_dict()['mean'].data_ptr())
