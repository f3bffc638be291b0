# From the torch.func.functional_call docs: tied weights.
# foo and foo_tied are one Parameter. With tie_weights=True (the default) an
# override of 'foo' also replaces 'foo_tied'; with tie_weights=False it does not.
import torch
import torch.nn as nn
from torch.func import functional_call


class Foo(nn.Module):
    def __init__(self):
        super().__init__()
        self.foo = nn.Parameter(torch.ones(()))
        self.foo_tied = self.foo

    def forward(self, x):
        return x + self.foo + self.foo_tied


mod = Foo()
print(mod(torch.zeros(())))  # tensor(2.)

tied = functional_call(mod, {'foo': torch.zeros(())}, torch.zeros(()))
print(tied)  # tensor(0.): foo_tied followed foo

untied = functional_call(mod, {'foo': torch.zeros(())}, torch.zeros(()), tie_weights=False)
print(untied)  # tensor(1.): foo_tied kept its value
