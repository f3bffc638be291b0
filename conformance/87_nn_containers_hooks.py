# ParameterList / ParameterDict, state_dict and load_state_dict hooks, and a user override of
# named_parameters / named_buffers — which functional_call's tie detection and strict check call
# (with remove_duplicate=False) in PyTorch 2.6 (nn/ additions).
import torch
import torch.nn as nn
from collections import OrderedDict
from torch.func import functional_call

pl = nn.ParameterList([nn.Parameter(torch.ones(2, 3)), torch.zeros(3)])
pl.append(torch.full((1,), 2.0))
pl.extend([nn.Parameter(torch.eye(2))])
print(pl, len(pl), [type(p).__name__ for p in pl], [k for k, _ in pl.named_parameters()])
print(pl[1], pl[-1].requires_grad, type(pl[1:3]).__name__, len(pl[1:3]))
pl[0] = torch.arange(2.0)
print(pl[0], list(pl.state_dict().keys()))
pd = nn.ParameterDict({'b': nn.Parameter(torch.ones(1)), 'a': torch.zeros(2)})
pd['c'] = nn.Parameter(torch.ones(2, 2))
print(pd, list(pd.keys()), 'a' in pd, len(pd), pd['a'])
pd.update(OrderedDict([('z', torch.ones(1)), ('y', torch.ones(1))]))
del pd['b']
print(list(pd), [k for k, _ in pd.named_parameters()], pd.get('nope'), type(pd.pop('z')).__name__, list(pd.keys()))
try:
    pd[1] = torch.ones(1)
except TypeError as e:
    print('TypeError', e)

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(2))])
    def forward(self, x):
        return self.lin(x) * self.scales[0]

m = M()
_h1 = m.register_state_dict_pre_hook(lambda mod, prefix, keep_vars: print('pre', type(mod).__name__, repr(prefix), keep_vars))
_h2 = m.lin.register_state_dict_post_hook(lambda mod, sd, prefix, meta: print('post', type(mod).__name__, prefix, list(sd.keys())))
sd = m.state_dict()
_h1.remove()
print(list(sd.keys()))
def load_pre(mod, state_dict, prefix, local_metadata, strict, missing, unexpected, errors):
    print('load pre', type(mod).__name__, repr(prefix), sorted(state_dict.keys()), strict)
def load_post(mod, keys):
    print('load post', type(mod).__name__, keys.missing_keys, keys.unexpected_keys)
    keys.missing_keys.clear()
m.lin.register_load_state_dict_pre_hook(load_pre)
m.register_load_state_dict_post_hook(load_post)
del sd['lin.bias']
print(m.load_state_dict(sd))
_h2.remove()
m.state_dict()

class Own(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(2))
        self.register_buffer('b', torch.zeros(2))
    def named_parameters(self, *args, **kwargs):
        print('named_parameters called with', args, kwargs)
        return super().named_parameters(*args, **kwargs)
    def named_buffers(self, *args, **kwargs):
        print('named_buffers called with', args, kwargs)
        yield ('extra', torch.zeros(1))
    def forward(self, x):
        return x * self.w + self.b

o = Own()
print(functional_call(o, {'w': torch.full((2,), 3.0)}, (torch.ones(2),)))
print(functional_call(o, {'w': torch.full((2,), 3.0)}, (torch.ones(2),), tie_weights=False))
try:
    functional_call(o, {'w': torch.full((2,), 3.0), 'b': torch.ones(2)}, (torch.ones(2),), strict=True)
except RuntimeError as e:
    print('RuntimeError', e)
