# torch.func.functional_call takes a tuple of dicts (say, params and
# buffers) and merges them. A key in two dicts is an error, even with the
# same tensor.
import torch
import torch.nn as nn
from torch.func import functional_call

model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
model.eval()
params = {k: torch.zeros_like(v) for k, v in model.named_parameters()}
buffers = dict(model.named_buffers())
x = torch.ones(1, 2)

print(functional_call(model, (params, buffers), (x,)))

try:
    functional_call(model, (params, {'0.bias': torch.ones(2)}), (x,))
except ValueError as e:
    print(e)
