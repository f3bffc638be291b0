# Plain-name overrides of a parametrized tensor (nn/ additions): how often the parametrization and
# right_inverse run for one call, an nn.Parameter value hitting register_parameter's KeyError, a
# read-only property key, strict's verdict, and the write-back value.
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P
from torch.func import functional_call

counts = {'forward': 0, 'inverse': 0}


class Scale2(nn.Module):
    def forward(self, X):
        counts['forward'] += 1
        return 2 * X

    def right_inverse(self, W):
        counts['inverse'] += 1
        return W / 2


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 1, bias=False)
        with torch.no_grad():
            self.lin.weight.copy_(torch.tensor([[1.0, 2.0]]))

    def double_w(self):
        return self.lin.weight * 2

    double_w = property(double_w)

    def forward(self, x):
        return self.lin(x)


net = Net()
P.register_parametrization(net.lin, 'weight', Scale2())
counts_after_register = dict(counts)
counts['forward'] = 0
counts['inverse'] = 0
x = torch.tensor([[1.0, 1.0]])
d = {'lin.weight': torch.tensor([[4.0, 4.0]])}
out = functional_call(net, d, x)
call_counts = dict(counts)
written_back = d['lin.weight']
try:
    functional_call(net, {'lin.weight': nn.Parameter(torch.ones(1, 2))}, x)
except KeyError as e:
    param_err = str(e)
try:
    functional_call(net, {'double_w': torch.ones(1, 2)}, x)
except AttributeError as e:
    prop_err = str(e)
try:
    functional_call(net, {'lin.weight': torch.ones(1, 2)}, x, strict=True)
except RuntimeError as e:
    strict_err = str(e)
print(counts_after_register, call_counts, out, written_back)
print(param_err)
print(prop_err)
print(strict_err)
del net
