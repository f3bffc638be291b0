# The 'meta' device: .to('meta') on tensors and modules, printing, .device/.is_meta, no data to read.
import torch, torch.nn as nn
t = torch.ones(4, 3).to('meta')
print(t)
print(t.device, t.shape, t.dtype, t.is_meta)
l = nn.Linear(3, 2).to('meta')
print(l.weight)
print(l.weight.device, type(l.weight).__name__)
print(torch.tensor(2.).to('meta'))
print(torch.zeros(0).to('meta'))
print(torch.arange(3).to('meta'))
try:
    t.item()
except Exception as e:
    print(type(e).__name__, e)
try:
    t.tolist()
except Exception as e:
    print(type(e).__name__, e)
try:
    t.to('cpu')
except Exception as e:
    print(type(e).__name__, e)
