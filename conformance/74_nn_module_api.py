# nn.Module API beyond functional_call (nn/ additions): train/eval propagation, apply, requires_grad_,
# zero_grad, load_state_dict(assign=True), get_buffer errors, register_module, a custom extra_repr,
# Sequential/ModuleList/ModuleDict editing, forward hooks with kwargs, and the missing-forward error.
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.fc = nn.Linear(n, n)
        self.bn = nn.BatchNorm1d(n)

    def extra_repr(self):
        return f"n={self.n}"

    def forward(self, x):
        return self.bn(self.fc(x))


net = nn.Sequential(Block(2), nn.ReLU(), Block(2))
print(net)
net.eval()
modes_eval = [m.training for m in net.modules()]
net[0].train()
modes_mixed = [m.training for m in net.modules()]
visited = []
net.apply(lambda m: visited.append(type(m).__name__))
net.requires_grad_(False)
flags = [p.requires_grad for p in net.parameters()]
net.requires_grad_()
with torch.no_grad():
    for p in net.parameters():
        p.fill_(0.5)
net[0].fc.weight.grad = torch.ones(2, 2)
net.zero_grad()
grad_after_zero = net[0].fc.weight.grad
sd_keys = list(net.state_dict().keys())

target = nn.Linear(2, 2)
w_before = target.weight
res = target.load_state_dict({'weight': torch.eye(2), 'bias': torch.zeros(2)}, assign=True)
assigned_is_param = isinstance(target.weight, nn.Parameter)
assigned_new_object = target.weight is not w_before

holder = nn.Module()
holder.register_buffer('buf', torch.ones(1))
holder.register_module('child', nn.Tanh())
holder.add_module('other', None)
errors = []
for target_name in ['missing', 'child', 'buf.x']:
    try:
        holder.get_buffer(target_name)
    except AttributeError as e:
        errors.append(str(e))
try:
    nn.Module()(torch.ones(1))
except NotImplementedError as e:
    errors.append(str(e))
children = [n for n, _ in holder.named_children()]

seq = nn.Sequential(nn.Linear(1, 1), nn.ReLU())
seq.append(nn.Tanh())
seq.insert(1, nn.Identity())
del seq[0]
seq_types = [type(m).__name__ for m in seq]
seq_keys = list(seq._modules.keys())
ml = nn.ModuleList([nn.ReLU(), nn.ReLU()])
ml += [nn.Tanh()]
ml[0] = nn.Sigmoid()
print(ml)
md = nn.ModuleDict([('a', nn.ReLU()), ('b', nn.Tanh())])
popped = type(md.pop('a')).__name__
md_items = [(k, type(v).__name__) for k, v in md.items()]


class Scale(nn.Module):
    def forward(self, x, factor=1.0):
        return x * factor


s = Scale()
calls = []
s.register_forward_pre_hook(lambda m, args, kwargs: (args, {'factor': kwargs.get('factor', 1.0) * 10}), with_kwargs=True)
s.register_forward_hook(lambda m, args, kwargs, out: calls.append(kwargs['factor']), with_kwargs=True)
scaled = s(torch.tensor([2.0]), factor=3.0)
for e in errors:
    print(e)
print(modes_eval, modes_mixed, visited, flags, grad_after_zero, sd_keys)
print(res, assigned_is_param, assigned_new_object, children, seq_types, seq_keys, popped, md_items, scaled, calls)
del net, target, holder, seq, ml, md, s, w_before
