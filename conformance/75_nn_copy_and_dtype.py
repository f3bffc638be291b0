# copy.deepcopy / copy.copy of modules (nn/ additions): independent parameters with the same
# values, ties and shared submodules preserved, Parametrized classes kept; Module.double()/.float()
# keep Parameter identity while converting, buffers are replaced; functional_call on a copy.
import copy
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P
from torch.func import functional_call


class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = self.a
        self.extra = self.a.weight
        self.register_buffer('count', torch.zeros(()))

    def forward(self, x):
        return self.b(x) + self.count


m = Tied()
with torch.no_grad():
    m.a.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    m.a.bias.fill_(0.5)
c = copy.deepcopy(m)
deep_facts = [c.a is c.b, c.extra is c.a.weight, c.a.weight is not m.a.weight,
              torch.equal(c.a.weight, m.a.weight), isinstance(c.a.weight, nn.Parameter),
              c.a.weight.requires_grad, [n for n, _ in c.named_parameters(remove_duplicate=False)]]
with torch.no_grad():
    c.a.weight.add_(1.0)
original_untouched = m.a.weight.tolist()
s = copy.copy(m)
shallow_facts = [s is not m, s.a is m.a, s._parameters is m._parameters]
x = torch.tensor([[1.0, 1.0]])
out_copy = functional_call(c, {'a.bias': torch.zeros(2)}, x)


class Double(nn.Module):
    def forward(self, X):
        return 2 * X


lin = nn.Linear(2, 2)
P.register_parametrization(lin, 'weight', Double())
lin2 = copy.deepcopy(lin)
param_facts = [type(lin2).__name__, type(lin2) is type(lin), P.is_parametrized(lin2, 'weight'),
               torch.equal(lin2.weight, lin.weight)]

conv = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
w_obj = conv[0].weight
rm_obj = conv[1].running_mean
conv.double()
dtype_facts = [conv[0].weight.dtype, conv[0].weight is w_obj, conv[1].running_mean.dtype,
               conv[1].running_mean is rm_obj, conv[1].num_batches_tracked.dtype, isinstance(conv[0].weight, nn.Parameter)]
conv.float()
back = [conv[0].weight.dtype, conv[0].weight is w_obj]
y = conv(torch.ones(3, 2))
try:
    copy.deepcopy(m.a.weight * 2)
except RuntimeError as e:
    nonleaf_err = str(e)
print(deep_facts, original_untouched, shallow_facts, out_copy)
print(param_facts, dtype_facts, back, y.dtype)
print(nonleaf_err)
del m, c, s, lin, lin2, conv, w_obj, rm_obj
