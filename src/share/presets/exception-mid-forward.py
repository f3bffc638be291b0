# forward raises halfway through the call. functional_call restores the
# module's own tensors in a finally block, so after the exception the module
# is exactly as before - the override never leaks out.
import torch
import torch.nn as nn
from torch.func import functional_call


class Fragile(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)

    def forward(self, x):
        h = self.lin(x)
        if h.sum() > 0:
            raise ValueError(f"activation too large: {h.sum().item():.1f}")
        return h


m = Fragile()
before = m.lin.weight.clone()
try:
    functional_call(m, {'lin.weight': torch.ones(2, 2), 'lin.bias': torch.ones(2)}, (torch.ones(1, 2),))
except ValueError as e:
    print("caught:", e)
print(torch.equal(m.lin.weight, before))
print(type(m.lin.weight).__name__)
