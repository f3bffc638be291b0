# BatchNorm's running stats are buffers. In train mode forward updates them
# in place: if they are not in the dict, the MODULE's own buffers change
# (functional_call does not undo that); if they are, your tensors change.
# In eval mode nothing is updated.
import torch
import torch.nn as nn
from torch.func import functional_call

bn = nn.BatchNorm1d(2)
x = torch.tensor([[1.0, 2.0], [3.0, 6.0]])

functional_call(bn, {'weight': torch.ones(2)}, (x,))
print(bn.running_mean)

stats = {'running_mean': torch.zeros(2), 'running_var': torch.ones(2)}
functional_call(bn, stats, (x,))
print(stats['running_mean'])
print(bn.running_mean)

bn.eval()
out = functional_call(bn, stats, (x,))
print(out)
print(stats['running_mean'])
