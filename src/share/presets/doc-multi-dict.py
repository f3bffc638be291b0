# From the torch.func.functional_call docs: passing multiple dictionaries.
# torch.func merges a tuple of dicts (parameters, buffers) into one override.
import torch
import torch.nn as nn
from torch.func import functional_call


class Bar(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.full((n_out, n_in), 3.0))
        self.register_buffer("buffer", torch.full((n_out,), 5.0))

    def forward(self, x):
        return self.weight @ x + self.buffer


a = ({'weight': torch.ones(1, 1)}, {'buffer': torch.zeros(1)})
mod = Bar(1, 1)
x = torch.tensor([[0.75]])
out = functional_call(mod, a, x)
print(out)         # same as x
print(mod.weight)  # unchanged
