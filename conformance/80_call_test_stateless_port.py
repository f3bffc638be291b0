# Behaviors from PyTorch's test/test_stateless.py (2.6) ported to deterministic inputs (nn/
# additions): member references during the call, special values (None, a non-tensor with its own
# repr, a float attribute, a missing submodule), attributes that exist only for the call, spectral
# norm with an nn.Parameter original, a failing forward leaving spectral norm intact, nn.Buffer
# reassignment vs in-place, and BatchNorm running stats.
import torch
import torch.nn as nn
import torch.nn.utils.stateless as stateless
from torch.func import functional_call


class MockModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(1, 1)
        self.buffer = nn.Buffer(torch.ones(1))
        self.foo = 0.0

    def forward(self, x):
        return self.l1(x) + self.buffer


class Members(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(1, 1)
        self.buffer = nn.Buffer(torch.ones(1))

    def forward(self, x):
        return self.l1(x) + self.buffer, tuple(self.parameters()), tuple(self.buffers())


x = torch.tensor([[0.5]])
weight, bias, buffer, extra = torch.tensor([[2.0]]), torch.tensor([5.0]), torch.tensor([3.0]), torch.tensor([1.0])
extra_p = nn.Parameter(extra)
mm = Members()
member_rows = []
for params in [{'l1.weight': weight, 'l1.bias': bias, 'buffer': buffer},
               {'l1.weight': weight, 'l1.extra': extra_p},
               {'l1.weight': weight, 'l1.bias': None}]:
    out, ps, bs = functional_call(mm, params, x)
    member_rows.append([out.tolist(), [p is weight or p is bias or p is extra_p for p in ps], len(ps), len(bs)])


class NonTensor:
    def __repr__(self):
        return f'<{self.__class__.__name__}>'


m = MockModule()
special = []
for params in [{'l1.weight': weight, 'l1.bias': None, 'buffer': buffer},
               {'l1.weight': NonTensor()},
               {'l1.weight': weight, 'foo': torch.tensor([1.0])},
               {'l1.weight': weight, 'l2.bias': bias}]:
    try:
        special.append(functional_call(m, params, x).tolist())
    except (TypeError, AttributeError) as e:
        special.append(type(e).__name__ + ': ' + str(e))


class Bar(nn.Module):
    def forward(self, x):
        return x + self.extra


bar = Bar()
setattr_rows = [functional_call(bar, {'extra': torch.zeros(())}, torch.ones(())).item(), hasattr(bar, 'extra')]
for strict in [False, True]:
    try:
        functional_call(bar, {}, torch.ones(()), strict=strict)
    except AttributeError as e:
        setattr_rows.append(str(e))

sn = MockModule()
nn.utils.parametrizations.spectral_norm(sn.l1)
sn_weight = sn.l1.weight.detach().clone()
res = functional_call(sn, {'l1.parametrizations.weight.original': nn.Parameter(torch.tensor([[1.0]])),
                           'l1.bias': torch.tensor([0.0]), 'buffer': torch.tensor([0.0])}, x)
try:
    stateless.functional_call(sn, {'l1.parametrizations.weight.original': nn.Parameter(torch.tensor([[1.0]]))},
                              torch.ones(4, 5))
except RuntimeError as e:
    shape_err = str(e)
sn_still = ['l1.parametrizations.weight.original' in dict(sn.named_parameters()),
            torch.equal(sn_weight, sn.l1.weight.detach())]


class Foo(nn.Module):
    def __init__(self, inplace):
        super().__init__()
        self.foo = nn.Buffer(torch.tensor([0.0]))
        self.inplace = inplace

    def forward(self, x):
        if self.inplace:
            self.foo.add_(1)
        else:
            self.foo = self.foo + 1
        return x + self.foo


buffer_rows = []
for inplace in [False, True]:
    f = torch.tensor([2.0])
    a = {'foo': f}
    mod = Foo(inplace)
    functional_call(mod, a, torch.zeros(1))
    buffer_rows.append([mod.foo.item(), a['foo'].item(), f.item(), a['foo'] is f])

bn = nn.BatchNorm1d(10)
rm = torch.zeros(10)
functional_call(bn, {'running_mean': rm}, torch.full((20, 10), 128.0))
bn_rows = [rm[0].item(), bn.running_mean[0].item()]
functional_call(bn, {}, torch.full((20, 10), 128.0))
bn_rows.append(bn.running_mean[0].item())
for row in member_rows + special + setattr_rows:
    print(row)
print(res, shape_err, sn_still)
print(buffer_rows, bn_rows)
del mm, m, bar, sn, mod, bn, extra_p
