# From the torch.func.functional_call docs: in-place re-assignment.
# forward does self.foo = self.foo + 1. The module keeps its own buffer;
# the caller's dict receives the new tensor (write-back).
import torch
import torch.nn as nn
from torch.func import functional_call


class Foo(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("foo", torch.zeros(()))

    def forward(self, x):
        self.foo = self.foo + 1
        return x + self.foo


a = {'foo': torch.zeros(())}
mod = Foo()
print(mod.foo)  # tensor(0.)
out = functional_call(mod, a, torch.ones(()))
print(mod.foo)  # tensor(0.)
print(a['foo'])  # tensor(1.)
print(out)
