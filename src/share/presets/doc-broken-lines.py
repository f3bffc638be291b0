# The functional_call docs' own broken lines, run as written, each caught so
# you can read what real Python says:
#   functional_call(mod, new_a, torch.zeros())   - torch.zeros() needs a size
#   the same line with torch.zeros(())           - two values for one tie
#   mod = nn.Bar(1, 1)                           - torch.nn has no Bar
# The working versions are the other "Docs:" presets.
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
new_a = {'foo': torch.zeros(()), 'foo_tied': torch.zeros(())}
try:
    functional_call(mod, new_a, torch.zeros())  # the docs: "tensor(0.)"
except TypeError as e:
    print("TypeError:", e)

# With a 0-dim input the line still fails: two different tensors for two
# tied names is ambiguous (the docs promise tensor(0.)).
try:
    functional_call(mod, new_a, torch.zeros(()))
except ValueError as e:
    print("ValueError:", e)
print(functional_call(mod, new_a, torch.zeros(()), tie_weights=False))

try:
    bar = nn.Bar(1, 1)  # the docs: "return self.weight @ x + self.buffer"
except AttributeError as e:
    print("AttributeError:", e)
