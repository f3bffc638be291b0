# Keyword-argument values and dict-display keys are evaluated exactly once, even when evaluating
# them waits (a module constructor inside dict(...) draws its random init once).
import torch
import torch.nn as nn
def f(x):
    print('eval', x)
    return x
torch.manual_seed(0)
d = dict(wte=torch.rand(1), wpe=torch.rand(1))
print(d)
torch.manual_seed(0)
md = nn.ModuleDict(dict(wte=nn.Embedding(11, 8), wpe=nn.Embedding(8, 8)))
print(torch.rand(1).item(), md.wte.weight[0, :3].tolist())
g = (lambda **k: k)(a=f(1), b=f(torch.ones(1)))
print(g)
print({f('k'): f(torch.zeros(1)), f(2): 3})
