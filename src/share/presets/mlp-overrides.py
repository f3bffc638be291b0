# A small MLP: override some parameters for one call and watch the module
# come back untouched. Click a leaf in the tree to add it to the dict, or flip
# strict= to see which keys a full override needs.
import torch
import torch.nn as nn
from torch.func import functional_call

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
x = torch.ones(1, 4)

out = functional_call(model, {'0.bias': torch.zeros(3), '2.weight': torch.ones(2, 3)}, (x,))
print(out)
print(model(x))
