# More functional_call paths (nn/ additions): keys resolved through a property, hooks seeing the
# swapped tensors, a submodule replaced during forward (restore lands in the old one), a reference
# cycle (RecursionError with tie_weights, fine without), a non-mapping kwargs argument, and a
# restore error that replaces the forward's exception (with __context__).
import torch
import torch.nn as nn
from torch.func import functional_call


class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = nn.Linear(1, 1, bias=False)
        with torch.no_grad():
            self.inner.weight.fill_(2.0)

    alias = property(lambda self: self.inner)

    def forward(self, x):
        return self.inner(x)


h = Holder()
x = torch.tensor([[3.0]])
via_property = functional_call(h, {'alias.weight': torch.tensor([[10.0]])}, x)
weight_back = h.inner.weight.item()

seen = []
pre = h.register_forward_pre_hook(lambda m, args: seen.append(('pre', m.inner.weight.item())))
post = h.register_forward_hook(lambda m, args, out: seen.append(('post', out.item())))
hooked = functional_call(h, {'inner.weight': torch.tensor([[5.0]])}, x)
pre.remove()
post.remove()
after_remove = functional_call(h, {'inner.weight': torch.tensor([[7.0]])}, x)


class Replacer(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1, bias=False)

    def forward(self, x):
        old = self.lin
        self.lin = nn.Linear(1, 1, bias=False)
        return old(x)


r = Replacer()
old_lin = r.lin
old_weight = r.lin.weight
override = torch.tensor([[4.0]])
replaced_out = functional_call(r, {'lin.weight': override}, x)
old_restored = old_lin.weight is old_weight
new_kept = r.lin is not old_lin


class Loop(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(1, 1, bias=False)

    def forward(self, x):
        return self.l1(x)


loop = Loop()
loop.l1.m = loop
try:
    functional_call(loop, {'l1.weight': torch.ones(1, 1)}, x)
except RecursionError as e:
    cycle_err = type(e).__name__
cycle_untied = functional_call(loop, {'l1.m.l1.weight': torch.ones(1, 1)}, x, tie_weights=False)


class Echo(nn.Module):
    def forward(self, *args, **kwargs):
        return len(args)


try:
    functional_call(Echo(), {}, (), [1, 2])
except TypeError as e:
    kwargs_err = str(e)


class Bad(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(1))
        self.foo = torch.zeros(1)

    def forward(self, x):
        self.foo = 1.5
        raise ValueError('forward failed')


bad = Bad()
user_w = torch.tensor([9.0])
try:
    functional_call(bad, {'w': user_w, 'foo': torch.ones(1)}, x)
except TypeError as e:
    restore_err = str(e)
    context_type = type(e.__context__).__name__
kept_user_w = bad.w is user_w
print(via_property, weight_back, hooked, seen, after_remove)
print(replaced_out, old_restored, new_kept, cycle_err, cycle_untied)
print(kwargs_err)
print(restore_err, context_type, kept_user_w)
del h, r, old_lin, loop, bad, pre, post
