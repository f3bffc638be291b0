# Subclasses overriding Module's attribute dunders (nn/ additions): a __getattr__ that falls back to
# an inner module after super().__getattr__, a logging __setattr__ that delegates to
# super().__setattr__ (registration still happens), and functional_call through both.
import torch
import torch.nn as nn
from torch.func import functional_call


class Wrapper(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except AttributeError:
            return getattr(self.inner, name)

    def forward(self, x):
        return self.inner(x)


class Logged(nn.Module):
    def __init__(self):
        super().__init__()
        self.log = []
        self.w = nn.Parameter(torch.ones(1))

    def __setattr__(self, name, value):
        if name != 'log' and hasattr(self, 'log'):
            self.log.append(name)
        super().__setattr__(name, value)

    def forward(self, x):
        return x * self.w


w = Wrapper(nn.Linear(2, 3))
forwarded = [w.out_features, w.inner.in_features, hasattr(w, 'nothing_here'), w.weight is w.inner.weight]
try:
    w.nothing_here
except AttributeError as e:
    wrapper_err = str(e)
out = functional_call(w, {'inner.bias': torch.zeros(3)}, torch.zeros(1, 2))
l = Logged()
l.w = nn.Parameter(torch.zeros(1))
l.extra = 5
fc = functional_call(l, {'w': torch.tensor([3.0]), 'tmp': torch.ones(1)}, torch.tensor([2.0]))
print(forwarded, wrapper_err, out)
print(l.log, [n for n, _ in l.named_parameters()], fc, hasattr(l, 'tmp'))
del w, l
